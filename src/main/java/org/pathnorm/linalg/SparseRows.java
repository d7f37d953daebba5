package org.pathnorm.linalg;

import java.util.Arrays;

/**
 * A left operand A [M × K] whose rows are mostly zeros (images: 50% of Fashion-MNIST's pixels, 81% of MNIST's), indexed
 * for {@link Gemm#ab(int, int, int, SparseRows, ColumnPanels, float[], int, int, Gemm.Epilogue, float[], int)}: each
 * row's nonzeros as bits, the rows sorted by their count of nonzeros and taken two at a time, and each pair's union of
 * nonzeros listed in increasing k: the k at which the product multiplies. A itself stays where it is (row-major, read in place).
 *
 * <p>Pairs, because a product on one row at a time loads a row of B per multiply-add and runs at the speed of L2; two
 * rows share each load. Sorting by the count pairs rows of like size, whose unions are smaller: on Fashion-MNIST's
 * chunks of 256 rows the unions hold 62% of K where consecutive rows give 66% (docs/architecture.md, "Sparse rows").
 *
 * <p>Filled by {@link Gemm#indexRows}; the buffers are kept for the next fill. Keeping A unchanged while products read
 * it is its owner's business.
 */
public final class SparseRows {
  /** M, K, and 64-bit words a row's bits take. */
  int m, k, words;
  /** A(i, k) = x[xOff + i·ld + k]. */
  float[] x;
  int xOff, ld;
  /** Row i's nonzeros: bit k mod 64 of rowBits[i·words + k / 64]. */
  long[] rowBits = new long[0];
  /** (count of nonzeros) · 2³² + row, sorted: the pairing order. */
  long[] keys = new long[0];
  /** The rows of pair q: pairRows[2q], pairRows[2q + 1]; the second is −1 for the last row of an odd M. */
  int[] pairRows = new int[0];
  /** Pair q's union of nonzeros: the k in pairKs[pairStart[q] … pairStart[q + 1]), increasing. */
  int[] pairKs = new int[0];
  int[] pairStart = new int[0];
  int pairs;
  /** Whether pairRows holds a pairing of the present m rows ({@link Gemm#indexRows} with the same pairs). */
  boolean paired;

  /** An empty index, to be filled by {@link Gemm#indexRows}. */
  public SparseRows() {}

  /** M, the rows of A (0 before the first fill). */
  public int rows() {
    return m;
  }

  /** K, the columns of A (0 before the first fill). */
  public int columns() {
    return k;
  }

  /**
   * The share of the dense product's multiply-adds that a product on these rows does: the unions' nonzeros over
   * pairs · K (1 for an empty A).
   */
  public double pairDensity() {
    return pairs == 0 || k == 0 ? 1.0 : (double) pairStart[pairs] / ((double) pairs * k);
  }

  /** Sets the shape and source, growing the buffers only when the new shape needs more. */
  void reshape(int m, int k, float[] x, int xOff, int ld) {
    if (m != this.m || k != this.k) paired = false;
    this.m = m;
    this.k = k;
    this.x = x;
    this.xOff = xOff;
    this.ld = ld;
    this.words = (k + 63) >>> 6;
    this.pairs = (m + 1) / 2;
    if (rowBits.length < (long) m * words) rowBits = new long[Math.multiplyExact(m, words)];
    if (keys.length < m) keys = new long[m];
    if (pairRows.length < 2 * pairs) pairRows = new int[2 * pairs];
    if (pairKs.length < (long) pairs * k) pairKs = new int[Math.multiplyExact(pairs, k)];
    if (pairStart.length < pairs + 1) pairStart = new int[pairs + 1];
  }

  /** Sorts the rows by their counts of nonzeros (ties by row), pairs them in that order and lists each pair's union. */
  void pairRows() {
    for (int i = 0; i < m; i++) {
      long count = 0;
      for (int w = 0; w < words; w++) count += Long.bitCount(rowBits[i * words + w]);
      keys[i] = count << 32 | i;
    }
    Arrays.sort(keys, 0, m);
    for (int q = 0; q < pairs; q++) {
      pairRows[2 * q] = (int) keys[2 * q];
      pairRows[2 * q + 1] = 2 * q + 1 < m ? (int) keys[2 * q + 1] : -1;
    }
    paired = true;
    listUnions();
  }

  /** Lists each pair's union of nonzeros in increasing k, the pairs as they are. */
  void listUnions() {
    int listed = 0;
    for (int q = 0; q < pairs; q++) {
      int r0 = pairRows[2 * q];
      int r1 = pairRows[2 * q + 1];
      pairStart[q] = listed;
      for (int w = 0; w < words; w++) {
        long union = rowBits[r0 * words + w] | (r1 >= 0 ? rowBits[r1 * words + w] : 0L);
        for (int base = w << 6; union != 0; union &= union - 1) pairKs[listed++] = base + Long.numberOfTrailingZeros(union);
      }
    }
    pairStart[pairs] = listed;
  }
}
