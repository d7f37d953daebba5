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

  /**
   * Null (the default) for an update of the weights alone: their sinks run in the backward pass's order, and
   * the caller updates every other parameter afterwards (SGD). Otherwise this update takes every parameter
   * of the network, in a layer order of its own (Path-SGD, whose next step's γ² are built from the new
   * weights layer by layer, docs/algorithms.md §3.2): the workspace then runs the rest of the backward pass
   * first (the input gradients, the biases' gradients and those of the weights without a sink, into
   * {@code grad}), and at its end hands the update the fused layers' weight gradients to compute when it
   * asks for them.
   */
  default WholeUpdate wholeUpdate() {
    return null;
  }

  /** An update of every parameter that runs at the end of the backward pass ({@link #wholeUpdate}). */
  @FunctionalInterface
  interface WholeUpdate {
    /**
     * Updates every parameter: {@code grad} holds the gradient of all but the fused weights; each call of
     * {@code layers.compute(i)} computes dense layer i's weight gradient into its sink, or returns false when
     * layer i has none (its gradient is then in {@code grad}).
     */
    void apply(float[] grad, LayerGradients layers);
  }

  /** The fused layers' weight gradients, computed on demand ({@link WholeUpdate#apply}). */
  @FunctionalInterface
  interface LayerGradients {
    /** Computes dense layer i's weight gradient into the sink {@link #forWeights} gave for it; false if it gave none. */
    boolean compute(int layer);
  }
}
