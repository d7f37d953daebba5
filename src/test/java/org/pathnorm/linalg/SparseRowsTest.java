package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The product on mostly-zero rows ({@link SparseRows}, {@link ColumnPanels}, {@link Gemm#ab(int, int, int, SparseRows,
 * ColumnPanels, float[], int, int, Gemm.Epilogue, float[], int)}) against the dense product on A as stored, bit for bit:
 * awkward sizes (odd M: a row without a partner; N not a multiple of the panel: the edge tile; K across the 64-bit words
 * and the GEMM's K blocks), rows from all zeros to all nonzeros, NaN, ±∞ and −0 in A, every kernel set under test.
 */
class SparseRowsTest {
  private static final int[] ROWS = {1, 2, 7, 16, 17, 33, 257};
  private static final int[] DEPTHS = {1, 7, 63, 64, 65, 196, 785};
  private static final int[] WIDTHS = {11, 15, 16, 17, 31, 33, 127, 128, 129, 257};

  /** Rows of A with their own share of nonzeros (0, 0.1, 0.5, 0.9 or 1), some special values among them. */
  private static float[] sparse(int rows, int k, int lda, SplittableRandom r, boolean special) {
    float[] x = new float[3 + rows * lda];
    double[] shares = {0, 0.1, 0.5, 0.9, 1};
    for (int i = 0; i < rows; i++) {
      double share = shares[r.nextInt(shares.length)];
      for (int j = 0; j < k; j++) {
        float v = r.nextDouble() < share ? (float) r.nextDouble(-1, 1) : (r.nextInt(8) == 0 ? -0f : 0f);
        if (special && r.nextInt(200) == 0) v = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[r.nextInt(3)];
        x[3 + i * lda + j] = v;
      }
    }
    return x;
  }

  private static float[] dense(int n, SplittableRandom r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1);
    return x;
  }

  /** Bit for bit, −0 apart from +0; any NaN matches any NaN (a NaN's payload follows the operand order the JIT picks). */
  private static void assertBits(float[] want, float[] got, String label) {
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
        throw new AssertionError(label + ": element " + i + " is " + got[i] + ", the dense product gives " + want[i]);
      }
    }
  }

  /** The product on sparse rows and the dense one, compared bit for bit. */
  private static void compare(Gemm g, int m, int n, int k, SplittableRandom r, boolean special, String label) {
    int lda = k + 2;
    float[] a = sparse(m, k, lda, r, special);
    float[] w = dense(n * k, r);
    float[] bias = dense(n + 1, r);
    PackedMatrix packed = g.pack(new PackedMatrix(), k, n, w, 0, k, true);
    ColumnPanels columns = g.packColumns(new ColumnPanels(), k, n, w, 0, k, true);
    assertTrue(columns.finite(), label);
    SparseRows rows = g.indexRows(new SparseRows(), m, k, a, 3, lda);
    int ldc = n + 3;
    for (Gemm.Epilogue e : Gemm.Epilogue.values()) {
      float[] want = dense(2 + m * ldc, r);
      float[] got = want.clone();
      g.ab(m, n, k, a, 3, lda, packed, want, 2, ldc, e, bias, 1);
      g.ab(m, n, k, rows, columns, got, 2, ldc, e, bias, 1);
      assertBits(want, got, label + " " + e);
    }
  }

  @Test
  void theProductOnSparseRowsEqualsTheDenseProductBitForBit() {
    SplittableRandom r = new SplittableRandom(61);
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, null);
      for (int m : ROWS) {
        for (int k : DEPTHS) {
          for (int n : WIDTHS) {
            // a product with few columns forms its sums otherwise (Gemm#fewColumnsWidth): not a case of this path
            if (n <= g.fewColumnsWidth()) continue;
            compare(g, m, n, k, r, m % 2 == 1, kern.name() + " m=" + m + " n=" + n + " k=" + k);
          }
        }
      }
    }
  }

  @Property(tries = 60)
  void anyShapeAndPatternGivesTheDenseBits(@ForAll @IntRange(min = 1, max = 90) int m, @ForAll @IntRange(min = 1, max = 300) int k,
      @ForAll @IntRange(min = 11, max = 300) int n, @ForAll long seed) {
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, null);
      if (n <= g.fewColumnsWidth()) continue;
      compare(g, m, n, k, new SplittableRandom(seed), true, kern.name() + " m=" + m + " n=" + n + " k=" + k);
    }
  }

  @Test
  void nonzeroBitsMarkExactlyTheNonzeros() {
    SplittableRandom r = new SplittableRandom(62);
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int n : new int[] {1, 7, 15, 16, 17, 31, 33, 63, 64, 65, 1000}) {
        float[] x = sparse(1, n, n, r, true);
        long[] bits = new long[(n + 63) / 64 + 2];
        java.util.Arrays.fill(bits, -1L);
        kern.gemmKernel().nonzeroBits(x, 3, n, bits, 1);
        assertEquals(-1L, bits[0], "the word before is untouched");
        assertEquals(-1L, bits[bits.length - 1], "the word after is untouched");
        for (int i = 0; i < (n + 63) / 64 * 64; i++) {
          boolean want = i < n && x[3 + i] != 0f;
          assertEquals(want, (bits[1 + i / 64] >>> (i % 64) & 1) != 0, kern.name() + " n=" + n + " bit " + i);
        }
      }
    }
  }

  @Test
  void rowsPairInTheOrderOfTheirCountsAndTheDensityCountsTheUnions() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    // 5 rows of 10: counts 4, 1, 3, 0, 2 → pairs (3, 1), (4, 2), (0, −1)
    float[] a = new float[50];
    int[][] nonzeros = {{0, 1, 2, 3}, {9}, {0, 5, 9}, {}, {1, 9}};
    for (int i = 0; i < 5; i++) for (int j : nonzeros[i]) a[i * 10 + j] = 1f;
    SparseRows rows = g.indexRows(new SparseRows(), 5, 10, a, 0, 10);
    assertEquals(3, rows.pairs);
    int[] want = {3, 1, 4, 2, 0, -1};
    for (int i = 0; i < 6; i++) assertEquals(want[i], rows.pairRows[i], "pair slot " + i);
    // unions: {9}, {0, 1, 5, 9}, {0, 1, 2, 3}: 9 of 3 · 10
    int[] lists = {9, 0, 1, 5, 9, 0, 1, 2, 3};
    int[] starts = {0, 1, 5, 9};
    for (int i = 0; i < lists.length; i++) assertEquals(lists[i], rows.pairKs[i], "listed k " + i);
    for (int q = 0; q <= 3; q++) assertEquals(starts[q], rows.pairStart[q], "start of pair " + q);
    assertEquals(9.0 / 30.0, rows.pairDensity(), 0.0);
    assertEquals(1.0, g.indexRows(new SparseRows(), 0, 10, a, 0, 10).pairDensity(), 0.0);
  }

  @Test
  void samePairsKeepThePairingAndListTheNewUnions() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    float[] a = new float[50];
    int[][] nonzeros = {{0, 1, 2, 3}, {9}, {0, 5, 9}, {}, {1, 9}};
    for (int i = 0; i < 5; i++) for (int j : nonzeros[i]) a[i * 10 + j] = 1f;
    SparseRows rows = g.indexRows(new SparseRows(), 5, 10, a, 0, 10, true);
    // new values: row 3 now the fullest; the pairs stay (3, 1), (4, 2), (0, −1), the unions follow the values
    float[] b = new float[50];
    int[][] next = {{4}, {2}, {}, {0, 1, 2, 3, 4, 5, 6}, {8}};
    for (int i = 0; i < 5; i++) for (int j : next[i]) b[i * 10 + j] = 1f;
    g.indexRows(rows, 5, 10, b, 0, 10, true);
    int[] want = {3, 1, 4, 2, 0, -1};
    for (int i = 0; i < 6; i++) assertEquals(want[i], rows.pairRows[i], "pair slot " + i);
    int[] lists = {0, 1, 2, 3, 4, 5, 6, 8, 4};
    int[] starts = {0, 7, 8, 9};
    for (int i = 0; i < lists.length; i++) assertEquals(lists[i], rows.pairKs[i], "listed k " + i);
    for (int q = 0; q <= 3; q++) assertEquals(starts[q], rows.pairStart[q], "start of pair " + q);
    // without samePairs, or with another shape, the rows are paired anew
    g.indexRows(rows, 5, 10, b, 0, 10);
    assertEquals(2, rows.pairRows[0], "row 2 (no nonzeros) first");
    g.indexRows(rows, 4, 10, b, 0, 10, true);
    assertEquals(2, rows.pairs);
    assertEquals(2, rows.pairRows[0], "another shape: paired anew");
  }

  @Test
  void copyFiniteCopiesAndTellsWhetherEveryValueIsFinite() {
    SplittableRandom r = new SplittableRandom(63);
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int n : new int[] {0, 1, 7, 15, 16, 17, 31, 33, 64, 1000}) {
        for (int bad = -1; bad < n; bad += Math.max(1, n / 5)) {
          for (float special : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] src = new float[n + 5];
            for (int i = 0; i < src.length; i++) src[i] = (float) (r.nextDouble() * 2e38 - 1e38);
            if (bad >= 0) src[2 + bad] = special;
            float[] dst = new float[n + 7];
            java.util.Arrays.fill(dst, 42f);
            boolean finite = kern.gemmKernel().copyFinite(src, 2, dst, 3, n);
            String where = kern.name() + " n=" + n + " bad=" + bad + " " + special;
            assertEquals(bad < 0, finite, where);
            for (int i = 0; i < n; i++) assertEquals(Float.floatToRawIntBits(src[2 + i]), Float.floatToRawIntBits(dst[3 + i]), where);
            assertEquals(42f, dst[2], where + ": before");
            assertEquals(42f, dst[3 + n], where + ": after");
          }
        }
      }
    }
  }

  @Test
  void nonFiniteWeightsAreNoted() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    float[] w = new float[40];
    assertTrue(g.packColumns(new ColumnPanels(), 4, 10, w, 0, 4, true).finite());
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      w[37] = bad;
      assertFalse(g.packColumns(new ColumnPanels(), 4, 10, w, 0, 4, true).finite(), "weight " + bad);
      // B as stored, k × n (a gradient dZ): the copy's check
      assertFalse(g.packColumns(new ColumnPanels(), 4, 10, w, 0, 10, false).finite(), "stored " + bad);
      w[37] = 0f;
      assertTrue(g.packColumns(new ColumnPanels(), 4, 10, w, 0, 10, false).finite(), "stored, finite again");
    }
  }

  @Test
  void badShapesGetClearErrors() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    SparseRows rows = g.indexRows(new SparseRows(), 4, 10, new float[40], 0, 10);
    ColumnPanels columns = g.packColumns(new ColumnPanels(), 10, 20, new float[200], 0, 10, true);
    float[] c = new float[80];
    float[] bias = new float[20];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.ab(4, 20, 9, rows, columns, c, 0, 20, Gemm.Epilogue.BIAS, bias, 0));
    assertTrue(e.getMessage().contains("but the product needs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(4, 20, 10, rows, columns, new float[79], 0, 20, Gemm.Epilogue.BIAS, bias, 0));
    assertTrue(e.getMessage().contains("gemm: C"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.indexRows(new SparseRows(), 5, 10, new float[40], 0, 10));
    assertTrue(e.getMessage().contains("gemm: A"), e.getMessage());
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm other = new Gemm(kern, null);
      if (kern.gemmKernel() == KernelSelection.kernels().gemmKernel()) continue;
      ColumnPanels theirs = other.packColumns(new ColumnPanels(), 10, 20, new float[200], 0, 10, true);
      e = assertThrows(IllegalArgumentException.class, () -> g.ab(4, 20, 10, rows, theirs, c, 0, 20, Gemm.Epilogue.BIAS, bias, 0));
      assertTrue(e.getMessage().contains("another micro-kernel"), e.getMessage());
    }
  }
}
