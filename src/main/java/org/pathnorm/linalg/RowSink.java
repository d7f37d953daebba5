package org.pathnorm.linalg;

/**
 * Takes the rows of a product as a GEMM finishes them, in place of their being stored
 * ({@link Gemm#atb(int, int, int, float[], int, int, float[], int, int, RowSink)}): a dense layer's weight
 * gradient handed straight to the optimiser's update while it is in cache, so that it is never written
 * to memory and read back (docs/architecture.md, "The update inside the weight gradient").
 */
@FunctionalInterface
public interface RowSink {
  /**
   * {@code values[off, off + n)} are columns [col, col + n) of the product's row {@code row}. Each
   * element of the product is handed over exactly once per call of the GEMM; segments may come from
   * several of the GEMM's threads at once, never the same element twice, and {@code values} is only
   * valid during the call.
   */
  void accept(int row, int col, float[] values, int off, int n);
}
