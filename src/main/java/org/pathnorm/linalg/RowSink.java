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

  /**
   * Rows [row, row + rows) of the product, columns [col, col + n), row r at {@code values[off + (r − row)·ld …]}:
   * a strip of the GEMM's tile rows handed over at once. By default row by row through {@link #accept}.
   */
  default void acceptRows(int row, int rows, int col, float[] values, int off, int ld, int n) {
    for (int r = 0; r < rows; r++) accept(row + r, col, values, off + r * ld, n);
  }

  /**
   * When greater than 1, the product's rows come in blocks of this many, [q·b, (q + 1)·b): each block's rows
   * whole (all columns in one segment), in row order, from one thread; for an update that sums over the rows
   * of a block in a fixed order (Path-SGD's next γ_out², docs/algorithms.md §3.2). 1, the default: any
   * segments in any order.
   */
  default int rowBlock() {
    return 1;
  }
}
