package org.pathnorm.nn;

import org.pathnorm.linalg.RowSink;

/**
 * An optimiser's update applied to a dense layer's weights while the GEMM computes their gradient
 * ({@link ModelWorkspace#fuseWeightUpdates}), so that the gradient is never written to memory and read
 * back (docs/architecture.md, "The update inside the weight gradient").
 */
@FunctionalInterface
public interface FusedWeightUpdate {
  /**
   * The sink that updates the weights [{@code rows} × {@code columns}] stored row-major from parameter
   * {@code weightOffset} (PyTorch's layout) with the rows of their gradient: row r, columns [c, c + n)
   * of the gradient update parameters weightOffset + r·columns + c … + n − 1. It may be called from
   * several threads at once for disjoint segments. Null leaves these weights to the caller's separate
   * update (their gradient is then written as usual).
   */
  RowSink forWeights(int weightOffset, int rows, int columns);
}
