package org.pathnorm.nn;

import java.util.Arrays;

/**
 * Per-node statistics over a mini-batch, accumulated in double (they decide DDP's normalisers,
 * docs/algorithms.md §3.5): column sums Σ_r m[r, c] and sums of squares Σ_r m[r, c]² of m [rows × cols], rows in order.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class BatchStatistics {
  private BatchStatistics() {}

  public static void columnMoments(float[] m, int rows, int cols, double[] sum, double[] sumSquares) {
    columnMoments(m, 0, rows, cols, sum, sumSquares);
  }

  /** As above for m starting at {@code offset}. */
  public static void columnMoments(float[] m, int offset, int rows, int cols, double[] sum, double[] sumSquares) {
    Arrays.fill(sum, 0, cols, 0);
    Arrays.fill(sumSquares, 0, cols, 0);
    for (int r = 0; r < rows; r++) {
      int row = offset + r * cols;
      for (int c = 0; c < cols; c++) {
        double v = m[row + c];
        sum[c] += v;
        sumSquares[c] += v * v;
      }
    }
  }
}
