package org.pathnorm.linalg;

import java.util.Arrays;
import org.pathnorm.simd.GemmKernel;

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
  /**
   * How {@link Gemm#indexRows} pairs the rows. A product's results never depend on it (the same bits whatever the
   * pairs); its multiply-adds do: a pair costs the size of its union.
   */
  public enum Pairing {
    /** Sorted by their counts of nonzeros and taken two at a time: cheap (a sort), for an index made once per use. */
    BY_COUNT,
    /**
     * Greedily by shared nonzeros: in decreasing count, each row not yet paired with the unpaired row that shares most
     * of its nonzeros (among the next 255 unpaired rows by count). Costs up to 255 ANDs of two rows' bits a row, pays
     * where an index or its pairing is used again:
     * Fashion-MNIST's chunks of 256 images need 0.554 of the dense product's multiply-adds against 0.620 by count
     * (docs/architecture.md, "Sparse rows").
     */
    SIMILAR,
    /**
     * The pairing of the previous fill where it had the same m and k, else {@link #SIMILAR}: only the unions are
     * listed anew, for rows whose nonzeros change little from fill to fill (the inputs of mini-batches, each a row of
     * xᵀ).
     */
    KEPT
  }

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
  /** Whether pairRows holds a pairing of the present m rows ({@link Pairing#KEPT}). */
  boolean paired;
  /** Scratch of {@link #sortByCount}: where each count's rows start, and the sorted keys. */
  private int[] countStarts = new int[0];
  private long[] sorted = new long[0];
  /** Rows already paired ({@link #pairSimilar}) or seen in a pairing given back ({@link #pair(int[], GemmKernel)}). */
  boolean[] taken = new boolean[0];

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

  /**
   * The present pairing, for {@link Gemm#indexRows(SparseRows, int, int, float[], int, int, int[])} to take again: the
   * rows of pair q at [2q] and [2q + 1], −1 in the last slot for the row alone of an odd M. A new array.
   */
  public int[] pairing() {
    return Arrays.copyOf(pairRows, 2 * pairs);
  }

  /** Takes {@code pairing} (as {@link #pairing()} gives it) and lists each pair's union. */
  void pair(int[] pairing, GemmKernel kernel) {
    if (pairing.length != 2 * pairs) {
      throw new IllegalArgumentException("gemm: a pairing of " + m + " rows has " + 2 * pairs + " slots, got " + pairing.length);
    }
    Arrays.fill(taken, 0, m, false);
    for (int slot = 0; slot < pairing.length; slot++) {
      int row = pairing[slot];
      boolean alone = row == -1 && slot == pairing.length - 1 && m % 2 == 1;
      if (!alone && (row < 0 || row >= m || taken[row])) {
        throw new IllegalArgumentException("gemm: a pairing must hold each of the " + m + " rows once, got row " + row + " in slot " + slot);
      }
      if (!alone) taken[row] = true;
    }
    System.arraycopy(pairing, 0, pairRows, 0, pairing.length);
    paired = true;
    listUnions(kernel);
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
    if (keys.length < m) {
      keys = new long[m];
      sorted = new long[m];
    }
    if (pairRows.length < 2 * pairs) pairRows = new int[2 * pairs];
    if (pairKs.length < (long) pairs * k + GemmKernel.LIST_SLACK) pairKs = new int[Math.addExact(Math.multiplyExact(pairs, k), GemmKernel.LIST_SLACK)];
    if (pairStart.length < pairs + 1) pairStart = new int[pairs + 1];
    if (taken.length < m) taken = new boolean[m];
  }

  /** Pairs the rows as {@code pairing} says and lists each pair's union. */
  void pair(Pairing pairing, GemmKernel kernel) {
    if (pairing == Pairing.KEPT && paired) {
      listUnions(kernel);
      return;
    }
    sortByCount();
    if (pairing == Pairing.BY_COUNT) {
      for (int q = 0; q < pairs; q++) {
        pairRows[2 * q] = (int) keys[2 * q];
        pairRows[2 * q + 1] = 2 * q + 1 < m ? (int) keys[2 * q + 1] : -1;
      }
    } else {
      pairSimilar();
    }
    paired = true;
    listUnions(kernel);
  }

  /**
   * keys[0 … m) = the rows sorted by their counts of nonzeros (ties by row), as count · 2³² + row: a counting sort over
   * the K + 1 counts (a general sort's compilation took C2 ≈ 50 ms of the first epoch).
   */
  private void sortByCount() {
    if (countStarts.length < k + 2) countStarts = new int[k + 2];
    Arrays.fill(countStarts, 0, k + 2, 0);
    for (int i = 0; i < m; i++) {
      int count = 0;
      for (int w = 0; w < words; w++) count += Long.bitCount(rowBits[i * words + w]);
      keys[i] = count;
      countStarts[count + 1]++;
    }
    for (int c = 1; c <= k + 1; c++) countStarts[c] += countStarts[c - 1];
    // rows in increasing order within a count: the order of count · 2³² + row
    for (int i = 0; i < m; i++) {
      int count = (int) keys[i];
      sorted[countStarts[count]++] = (long) count << 32 | i;
    }
    System.arraycopy(sorted, 0, keys, 0, m);
  }

  /**
   * Unpaired rows {@link #pairSimilar} compares a row with, at most: all of them in a chunk of 256, and a cost linear in
   * M beyond (an evaluation's chunk is as large as the batch).
   */
  static final int SIMILAR_CANDIDATES = 255;

  /**
   * {@link Pairing#SIMILAR} on the rows sorted by count: from the fullest down, each unpaired row with the unpaired row
   * of most shared nonzeros among the next {@link #SIMILAR_CANDIDATES} unpaired ones (the first of the fullest on ties).
   * The search stops at a row whose count is at most the best share found, since no row after it can share more. The
   * row left over of an odd M is the last pair's, alone.
   */
  private void pairSimilar() {
    Arrays.fill(taken, 0, m, false);
    int q = 0;
    for (int t = m - 1; t >= 0; t--) {
      int i = (int) keys[t];
      if (taken[i]) continue;
      taken[i] = true;
      int best = -1;
      long bestShared = -1;
      int candidates = 0;
      for (int s = t - 1; s >= 0 && (keys[s] >>> 32) > bestShared && candidates < SIMILAR_CANDIDATES; s--) {
        int j = (int) keys[s];
        if (taken[j]) continue;
        candidates++;
        long shared = 0;
        for (int w = 0; w < words; w++) shared += Long.bitCount(rowBits[i * words + w] & rowBits[j * words + w]);
        if (shared > bestShared) {
          bestShared = shared;
          best = j;
        }
      }
      // none: every row after i is taken, so i is the last one, alone (an odd M)
      if (best >= 0) taken[best] = true;
      pairRows[2 * q] = i;
      pairRows[2 * q + 1] = best;
      q++;
    }
  }

  /** Lists each pair's union of nonzeros in increasing k, the pairs as they are. */
  void listUnions(GemmKernel kernel) {
    int listed = 0;
    for (int q = 0; q < pairs; q++) {
      int r1 = pairRows[2 * q + 1];
      pairStart[q] = listed;
      listed = kernel.listUnion(rowBits, pairRows[2 * q] * words, r1 >= 0 ? r1 * words : -1, words, pairKs, listed);
    }
    pairStart[pairs] = listed;
  }
}
