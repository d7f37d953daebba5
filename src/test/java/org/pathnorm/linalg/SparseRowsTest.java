package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

  /** The worked example's 5 rows of 10: counts 4, 1, 3, 0, 2. */
  private static final int[][] EXAMPLE = {{0, 1, 2, 3}, {9}, {0, 5, 9}, {}, {1, 9}};

  /** Rows of k columns, 1 at each row's listed columns and 0 elsewhere. */
  private static float[] ones(int k, int[][] nonzeros) {
    float[] a = new float[nonzeros.length * k];
    for (int i = 0; i < nonzeros.length; i++) for (int j : nonzeros[i]) a[i * k + j] = 1f;
    return a;
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
    int ldc = n + 3;
    for (SparseRows.Pairing pairing : SparseRows.Pairing.values()) {
      SparseRows rows = g.indexRows(new SparseRows(), m, k, a, 3, lda, pairing);
      assertPairing(rows, label + " " + pairing);
      for (Gemm.Epilogue e : Gemm.Epilogue.values()) {
        float[] want = dense(2 + m * ldc, r);
        float[] got = want.clone();
        g.ab(m, n, k, a, 3, lda, packed, want, 2, ldc, e, bias, 1);
        g.ab(m, n, k, rows, columns, got, 2, ldc, e, bias, 1);
        assertBits(want, got, label + " " + pairing + " " + e);
      }
      // without an epilogue: the dense product with a zero bias (adding +0 changes no sum, none is −0)
      float[] want = dense(2 + m * ldc, r);
      float[] got = want.clone();
      g.ab(m, n, k, a, 3, lda, packed, want, 2, ldc, Gemm.Epilogue.BIAS, new float[n], 0);
      g.ab(m, n, k, rows, columns, got, 2, ldc);
      assertBits(want, got, label + " " + pairing + " plain");
    }
  }

  /** Every row in exactly one pair, only the last pair alone (an odd M), each union the OR of its rows' nonzeros. */
  private static void assertPairing(SparseRows rows, String label) {
    boolean[] seen = new boolean[rows.m];
    for (int q = 0; q < rows.pairs; q++) {
      for (int slot = 0; slot < 2; slot++) {
        int row = rows.pairRows[2 * q + slot];
        if (row < 0) {
          assertTrue(slot == 1 && q == rows.pairs - 1 && rows.m % 2 == 1, label + ": pair " + q + " alone");
          continue;
        }
        assertFalse(seen[row], label + ": row " + row + " twice");
        seen[row] = true;
      }
      int listed = rows.pairStart[q];
      for (int kk = 0; kk < rows.k; kk++) {
        boolean want = false;
        for (int slot = 0; slot < 2; slot++) {
          int row = rows.pairRows[2 * q + slot];
          if (row >= 0) want |= (rows.rowBits[row * rows.words + kk / 64] >>> (kk % 64) & 1) != 0;
        }
        if (want) assertEquals(kk, rows.pairKs[listed++], label + ": pair " + q + " lists " + kk);
      }
      assertEquals(rows.pairStart[q + 1], listed, label + ": pair " + q + "'s list ends");
    }
    for (int i = 0; i < rows.m; i++) assertTrue(seen[i], label + ": row " + i + " in no pair");
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
    float[] a = ones(10, EXAMPLE);
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
  void similarRowsPairByTheirSharedNonzeros() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    float[] a = ones(10, EXAMPLE);
    // the fullest row 0 shares one nonzero with rows 2 and 4 and takes row 2 (the fuller); row 4 shares 9 with row 1;
    // row 3 is left alone. Unions {0, 1, 2, 3, 5, 9}, {1, 9}, {}: 8 of 3 · 10 where the counts' pairs need 9
    SparseRows rows = g.indexRows(new SparseRows(), 5, 10, a, 0, 10, SparseRows.Pairing.SIMILAR);
    int[] want = {0, 2, 4, 1, 3, -1};
    for (int i = 0; i < 6; i++) assertEquals(want[i], rows.pairRows[i], "pair slot " + i);
    assertEquals(8.0 / 30.0, rows.pairDensity(), 0.0);
  }

  @Property(tries = 40)
  void similarPairsTakeTheFullestRowAndItsMostSharingPartner(@ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 200) int k, @ForAll long seed) {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    float[] a = sparse(m, k, k, new SplittableRandom(seed), false);
    SparseRows rows = g.indexRows(new SparseRows(), m, k, a, 3, k, SparseRows.Pairing.SIMILAR);
    assertPairing(rows, "m=" + m + " k=" + k);
    // when pair q is formed, the rows of pairs q, q + 1, … are the unpaired ones: its first row is the fullest of
    // them, and no other shares more nonzeros with it than its partner
    for (int q = 0; q < rows.pairs; q++) {
      int first = rows.pairRows[2 * q];
      int partner = rows.pairRows[2 * q + 1];
      for (int later = 2 * q + 1; later < 2 * rows.pairs; later++) {
        int other = rows.pairRows[later];
        if (other < 0) continue;
        assertTrue(shared(rows, other, other) <= shared(rows, first, first), "pair " + q + ": row " + other + " is fuller");
        assertTrue(shared(rows, first, other) <= shared(rows, first, partner), "pair " + q + ": row " + other + " shares more");
      }
    }
  }

  @Test
  void similarPairsOfManyRowsSearchAWindowAndStayAValidPairing() {
    // beyond 256 rows each row is compared with the next 255 unpaired ones only: still every row once, the dense bits
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    SplittableRandom r = new SplittableRandom(66);
    for (int m : new int[] {256, 257, 700}) {
      float[] a = sparse(m, 100, 100, r, false);
      SparseRows rows = g.indexRows(new SparseRows(), m, 100, a, 3, 100, SparseRows.Pairing.SIMILAR);
      assertPairing(rows, "m=" + m);
    }
    compare(g, 700, 130, 100, r, false, "m=700");
  }

  private static int shared(SparseRows rows, int i, int j) {
    int n = 0;
    for (int w = 0; w < rows.words; w++) n += Long.bitCount(rows.rowBits[i * rows.words + w] & rows.rowBits[j * rows.words + w]);
    return n;
  }

  @Test
  void aPairingGivenBackListsTheSameUnionsAndABadOneIsRefused() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    SplittableRandom r = new SplittableRandom(64);
    for (int m : new int[] {1, 2, 7, 16, 33}) {
      float[] a = sparse(m, 70, 70, r, false);
      SparseRows similar = g.indexRows(new SparseRows(), m, 70, a, 3, 70, SparseRows.Pairing.SIMILAR);
      int[] pairing = similar.pairing();
      SparseRows again = g.indexRows(new SparseRows(), m, 70, a, 3, 70, pairing);
      assertPairing(again, "m=" + m);
      for (int i = 0; i < pairing.length; i++) assertEquals(pairing[i], again.pairRows[i], "m=" + m + " slot " + i);
      for (int i = 0; i <= similar.pairs; i++) assertEquals(similar.pairStart[i], again.pairStart[i], "m=" + m + " start " + i);
    }
    float[] a = sparse(5, 10, 10, r, false);
    for (int[] bad : new int[][] {{0, 1, 2, 3}, {0, 1, 2, 3, 3, -1}, {0, 1, 2, 3, -1, 4}, {0, 1, 2, 3, 4, 5}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.indexRows(new SparseRows(), 5, 10, a, 3, 10, bad));
      assertTrue(e.getMessage().startsWith("gemm: a pairing"), e.getMessage());
    }
  }

  @Test
  void keptPairsKeepThePairingAndListTheNewUnions() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    float[] a = ones(10, EXAMPLE);
    // the first fill pairs similar rows: (0, 2), (4, 1), (3, −1)
    SparseRows rows = g.indexRows(new SparseRows(), 5, 10, a, 0, 10, SparseRows.Pairing.KEPT);
    // new values: row 3 now the fullest; the pairs stay, the unions follow the values
    float[] b = ones(10, new int[][] {{4}, {2}, {}, {0, 1, 2, 3, 4, 5, 6}, {8}});
    g.indexRows(rows, 5, 10, b, 0, 10, SparseRows.Pairing.KEPT);
    int[] want = {0, 2, 4, 1, 3, -1};
    for (int i = 0; i < 6; i++) assertEquals(want[i], rows.pairRows[i], "pair slot " + i);
    int[] lists = {4, 2, 8, 0, 1, 2, 3, 4, 5, 6};
    int[] starts = {0, 1, 3, 10};
    for (int i = 0; i < lists.length; i++) assertEquals(lists[i], rows.pairKs[i], "listed k " + i);
    for (int q = 0; q <= 3; q++) assertEquals(starts[q], rows.pairStart[q], "start of pair " + q);
    // by count, or with another shape, the rows are paired anew
    g.indexRows(rows, 5, 10, b, 0, 10);
    assertEquals(2, rows.pairRows[0], "row 2 (no nonzeros) first");
    g.indexRows(rows, 4, 10, b, 0, 10, SparseRows.Pairing.KEPT);
    assertEquals(2, rows.pairs);
    assertEquals(3, rows.pairRows[0], "another shape: paired anew, the fullest row first");
  }

  @Test
  void listUnionListsTheSetBitsInOrderAndWritesOnlyItsSlack() {
    SplittableRandom r = new SplittableRandom(65);
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int words : new int[] {1, 2, 7, 13, 16}) {
        for (double share : new double[] {0, 0.03, 0.5, 0.97, 1}) {
          long[] bits = new long[2 * words + 3];
          for (int i = 0; i < bits.length * 64; i++) if (r.nextDouble() < share) bits[i / 64] |= 1L << (i % 64);
          for (int row1 : new int[] {-1, words + 3}) {
            int[] out = new int[5 + 64 * words + org.pathnorm.simd.GemmKernel.LIST_SLACK + 4];
            java.util.Arrays.fill(out, -7);
            int end = kern.gemmKernel().listUnion(bits, 1, row1, words, out, 5);
            String where = kern.name() + " words=" + words + " share=" + share + " row1=" + row1;
            int at = 5;
            for (int i = 0; i < 64 * words; i++) {
              long u = bits[1 + i / 64] | (row1 >= 0 ? bits[row1 + i / 64] : 0L);
              if ((u >>> (i % 64) & 1) != 0) assertEquals(i, out[at++], where + ": slot " + at);
            }
            assertEquals(at, end, where + ": the list's end");
            for (int i = 0; i < 5; i++) assertEquals(-7, out[i], where + ": before the list");
            for (int i = end + org.pathnorm.simd.GemmKernel.LIST_SLACK; i < out.length; i++) assertEquals(-7, out[i], where + ": past the slack");
          }
        }
      }
    }
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
            assertEquals(bad < 0, kern.gemmKernel().allFinite(src, 2, n), where + ": allFinite");
            for (int i = 0; i < n; i++) assertEquals(Float.floatToRawIntBits(src[2 + i]), Float.floatToRawIntBits(dst[3 + i]), where);
            assertEquals(42f, dst[2], where + ": before");
            assertEquals(42f, dst[3 + n], where + ": after");
          }
        }
      }
    }
  }

  /**
   * B read where it lies in the panels' layout ({@link Gemm#viewColumns}) gives the packed panels' bits, and a product
   * written in that layout ({@link Gemm#abIntoPanels}) holds the plain product's bits at the layout's places, each panel
   * handed to the sink once, in order, as one row.
   */
  @Test
  void panelsReadInPlaceAndAProductWrittenAsPanelsKeepTheBits() {
    SplittableRandom r = new SplittableRandom(67);
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, null);
      int p = g.sparsePanelWidth();
      for (int n : new int[] {p, 2 * p, 3 * p}) {
        if (n <= g.fewColumnsWidth()) continue;
        for (int m : new int[] {1, 7, 17, 64}) {
          for (int k : new int[] {1, 63, 65, 785}) {
            String label = kern.name() + " m=" + m + " n=" + n + " k=" + k;
            float[] a = sparse(m, k, k, r, false);
            float[] w = dense(n * k, r);
            float[] bias = dense(n, r);
            ColumnPanels packed = g.packColumns(new ColumnPanels(), k, n, w, 0, k, true);
            float[] stored = new float[5 + k * n + 4];
            System.arraycopy(packed.data, 0, stored, 5, k * n);
            ColumnPanels view = g.viewColumns(new ColumnPanels(), k, n, stored, 5);
            assertTrue(view.finite(), label);
            SparseRows rows = g.indexRows(new SparseRows(), m, k, a, 3, k);
            float[] want = new float[m * n];
            float[] got = new float[m * n];
            g.ab(m, n, k, rows, packed, want, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
            g.ab(m, n, k, rows, view, got, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
            assertBits(want, got, label + " in place");
            g.ab(m, n, k, rows, packed, want, 0, n);
            float[] panels = new float[3 + m * n + 2];
            java.util.Arrays.fill(panels, 42f);
            int[] handed = {0};
            RowSink sink = (row, col, values, off, count) -> {
              assertEquals(handed[0]++, row, label + ": panels in order");
              assertEquals(0, col, label);
              assertEquals(3 + row * m * p, off, label + ": the panel's offset");
              assertEquals(m * p, count, label + ": the panel whole");
              assertSame(panels, values, label);
            };
            g.abIntoPanels(m, n, k, rows, view, panels, 3, sink);
            assertEquals(n / p, handed[0], label + ": every panel handed over");
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < n; j++) {
                float v = panels[3 + (j / p) * m * p + i * p + j % p];
                if (Float.floatToIntBits(v) != Float.floatToIntBits(want[i * n + j])) {
                  throw new AssertionError(label + ": C(" + i + ", " + j + ") is " + v + " in panels, " + want[i * n + j] + " in rows");
                }
              }
            }
            assertEquals(42f, panels[2], label + ": before");
            assertEquals(42f, panels[3 + m * n], label + ": after");
            stored[5 + r.nextInt(k * n)] = Float.POSITIVE_INFINITY;
            assertFalse(g.viewColumns(view, k, n, stored, 5).finite(), label + ": an infinite weight");
          }
        }
      }
    }
  }

  /** The epilogue on a row after a product on sparse rows: every kernel set's bits are the scalar loop's, NaN, ±∞, −0 included. */
  @Test
  void biasReluGivesTheScalarBitsOnEveryKernelSet() {
    SplittableRandom r = new SplittableRandom(71);
    float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f};
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int n : new int[] {0, 1, 7, 15, 16, 17, 31, 33, 128, 1000}) {
        for (boolean relu : new boolean[] {false, true}) {
          float[] c = new float[n + 5];
          float[] bias = new float[n + 3];
          for (int i = 0; i < c.length; i++) c[i] = r.nextInt(9) == 0 ? special[r.nextInt(special.length)] : (float) r.nextDouble(-2, 2);
          for (int i = 0; i < bias.length; i++) bias[i] = r.nextInt(9) == 0 ? special[r.nextInt(special.length)] : (float) r.nextDouble(-1, 1);
          float[] want = c.clone();
          for (int j = 0; j < n; j++) {
            float v = want[2 + j] + bias[1 + j];
            want[2 + j] = relu ? Math.max(v, 0f) : v;
          }
          float[] got = c.clone();
          kern.gemmKernel().biasRelu(got, 2, n, bias, 1, relu);
          for (int i = 0; i < c.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), kern.name() + " n=" + n + " relu=" + relu + " at " + i);
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
    int p = g.sparsePanelWidth();
    e = assertThrows(IllegalArgumentException.class, () -> g.viewColumns(new ColumnPanels(), 10, p + 1, new float[10 * (p + 1)], 0));
    assertTrue(e.getMessage().contains("a multiple of " + p), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.viewColumns(new ColumnPanels(), 10, p, new float[10 * p], 1));
    assertTrue(e.getMessage().contains("does not lie in an array of length"), e.getMessage());
    ColumnPanels wide = g.packColumns(new ColumnPanels(), 10, p, new float[10 * p], 0, 10, true);
    e = assertThrows(IllegalArgumentException.class, () -> g.abIntoPanels(4, p, 10, rows, wide, new float[4 * p - 1], 0, null));
    assertTrue(e.getMessage().contains("gemm: C"), e.getMessage());
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm other = new Gemm(kern, null);
      if (kern.gemmKernel() == KernelSelection.kernels().gemmKernel()) continue;
      ColumnPanels theirs = other.packColumns(new ColumnPanels(), 10, 20, new float[200], 0, 10, true);
      e = assertThrows(IllegalArgumentException.class, () -> g.ab(4, 20, 10, rows, theirs, c, 0, 20, Gemm.Epilogue.BIAS, bias, 0));
      assertTrue(e.getMessage().contains("another micro-kernel"), e.getMessage());
    }
  }
}
