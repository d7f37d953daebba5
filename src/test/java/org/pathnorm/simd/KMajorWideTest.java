package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.PackedMatrix;

/**
 * {@link APanels#K_MAJOR_WIDE}, the 8-row tile's form of A on Intel, built here whatever this machine would choose: GEMMs
 * in every form give the bits of {@link APanels#AS_STORED} and of {@link APanels#K_MAJOR} on 1 and 2 threads,
 * with column counts on both sides of {@link APanels#WIDE_COLUMNS} and row counts on both sides of
 * {@link APanels#WIDE_ROWS} (so that panels are packed and read in place),
 * awkward row counts, depths around the 8- and 16-step blocks of the packing, and offsets; and within the float rounding
 * bound of a double reference. Excluded from the scalar test run, as the other Panama tests.
 */
class KMajorWideTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(2);

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  @Test
  void packsWhereWideOnly() {
    assertFalse(APanels.K_MAJOR_WIDE.packsRowMajor(APanels.WIDE_ROWS, APanels.WIDE_COLUMNS - 1));
    assertFalse(APanels.K_MAJOR_WIDE.packsRowMajor(APanels.WIDE_ROWS - 1, APanels.WIDE_COLUMNS));
    assertTrue(APanels.K_MAJOR_WIDE.packsRowMajor(APanels.WIDE_ROWS, APanels.WIDE_COLUMNS));
    assertTrue(APanels.K_MAJOR.packsRowMajor(1, 1));
    assertFalse(APanels.AS_STORED.packsRowMajor(4096, 4096));
    assertFalse(APanels.ROWS.packsRowMajor(4096, 4096));
  }

  @Test
  void everyFormOfAGivesTheSameBits() {
    SplittableRandom r = new SplittableRandom(23);
    int[][] shapes = {{1, 300, 9}, {7, 256, 17}, {9, 255, 33}, {17, 257, 8}, {33, 600, 257}, {64, 1000, 100},
        {100, 31, 300}, {300, 513, 260}, {8, 4096, 7}, {9, 300, 16}, {16, 256, 31}, {8, 512, 47},
        {512, 256, 33}, {513, 300, 17}, {520, 255, 64}, {600, 513, 260}, {777, 1000, 47}, {1030, 257, 16},
        // A packed in blocks with B's column blocks wider than L2's share (Gemm.A_BLOCK_NC): 2 K blocks, and a last
        // column block past 4096 columns
        {520, 700, 300}, {515, 4100, 33}};
    for (int threads : new int[] {1, 2}) {
      Gemm asStored = gemm(APanels.AS_STORED, threads);
      Gemm wide = gemm(APanels.K_MAJOR_WIDE, threads);
      Gemm kMajor = gemm(APanels.K_MAJOR, threads);
      for (int[] s : shapes) {
        for (Gemm.Form form : Gemm.Form.values()) {
          int m = s[0], n = s[1], k = s[2];
          int off = 3;
          int lda = (form == Gemm.Form.ATB || form == Gemm.Form.ATBT ? m : k) + 1;
          int ldb = (form == Gemm.Form.ABT || form == Gemm.Form.ATBT ? k : n) + 2;
          int aRows = form == Gemm.Form.ATB || form == Gemm.Form.ATBT ? k : m;
          int bRows = form == Gemm.Form.ABT || form == Gemm.Form.ATBT ? n : k;
          float[] a = random(r, off + aRows * lda);
          float[] b = random(r, off + bRows * ldb);
          float[] c0 = random(r, off + m * (n + 1));
          float[] want = c0.clone();
          asStored.multiply(form, m, n, k, a, off, lda, b, off, ldb, want, off, n + 1, true);
          for (Gemm g : new Gemm[] {wide, kMajor}) {
            float[] got = c0.clone();
            g.multiply(form, m, n, k, a, off, lda, b, off, ldb, got, off, n + 1, true);
            assertSameBits(want, got, form + " " + m + "x" + n + "x" + k + " on " + threads + " threads");
          }
          if (threads == 1) checkAgainstDouble(form, m, n, k, a, off, lda, b, ldb, c0, want, n + 1);
        }
      }
    }
  }

  /**
   * The forward product's epilogues (bias, bias and ReLU) and a B packed once ({@link PackedMatrix}) give the bits
   * of {@link APanels#AS_STORED}, with row counts past one block of {@link Gemm}'s packed A rows (256) and
   * a partial last row panel and column panel.
   */
  @Test
  void epiloguesAndPackedBGiveTheSameBits() {
    SplittableRandom r = new SplittableRandom(25);
    int[][] shapes = {{600, 300, 260}, {257, 513, 40}, {17, 256, 9}, {520, 1000, 64}, {1030, 512, 100}};
    for (int threads : new int[] {1, 2}) {
      Gemm asStored = gemm(APanels.AS_STORED, threads);
      Gemm wide = gemm(APanels.K_MAJOR_WIDE, threads);
      for (int[] s : shapes) {
        int m = s[0], n = s[1], k = s[2];
        float[] a = random(r, m * k);
        float[] w = random(r, n * k);
        float[] bias = random(r, n);
        for (Gemm.Epilogue e : Gemm.Epilogue.values()) {
          float[] want = new float[m * n];
          float[] got = new float[m * n];
          asStored.abt(m, n, k, a, 0, k, w, 0, k, want, 0, n, e, bias, 0);
          wide.abt(m, n, k, a, 0, k, w, 0, k, got, 0, n, e, bias, 0);
          assertSameBits(want, got, e + " " + m + "x" + n + "x" + k + " on " + threads + " threads");
          PackedMatrix packedWant = asStored.pack(new PackedMatrix(), k, n, w, 0, k, true);
          PackedMatrix packedGot = wide.pack(new PackedMatrix(), k, n, w, 0, k, true);
          asStored.ab(m, n, k, a, 0, k, packedWant, want, 0, n, e, bias, 0);
          wide.ab(m, n, k, a, 0, k, packedGot, got, 0, n, e, bias, 0);
          assertSameBits(want, got, "packed B, " + e + " " + m + "x" + n + "x" + k + " on " + threads + " threads");
        }
      }
    }
  }

  private static void assertSameBits(float[] want, float[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      int at = i;
      assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), () -> what + ": value " + at);
    }
  }

  /** The 512-bit packing of 8 × 16 blocks against the definition, at strides and offsets that are no multiple of 16. */
  @Test
  void transposesEightRowsOfSixteenKSteps() {
    SplittableRandom r = new SplittableRandom(24);
    for (int lda : new int[] {16, 17, 31, 33, 1000}) {
      for (int src : new int[] {0, 1, 7, 15}) {
        float[] a = random(r, src + 7 * lda + 16);
        float[] dst = random(r, 3 + 128 + 5);
        float[] want = dst.clone();
        for (int k = 0; k < 16; k++) {
          for (int row = 0; row < 8; row++) want[3 + k * 8 + row] = a[src + row * lda + k];
        }
        Transpose8x16.kMajor(a, src, lda, dst, 3);
        assertSameBits(want, dst, "lda " + lda + ", src " + src);
      }
    }
  }

  private static Gemm gemm(APanels form, int threads) {
    return new Gemm(new PanamaKernels(new PanamaGemmKernel(8, form)), threads == 1 ? null : POOL);
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  /** |C − reference| ≤ (K + 2)·2⁻²³·(|C₀| + Σ|a·b|) for every element: the float rounding bound. */
  private static void checkAgainstDouble(Gemm.Form form, int m, int n, int k, float[] a, int off, int lda, float[] b, int ldb,
      float[] c0, float[] got, int ldc) {
    boolean ta = form == Gemm.Form.ATB || form == Gemm.Form.ATBT;
    boolean tb = form == Gemm.Form.ABT || form == Gemm.Form.ATBT;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = c0[off + i * ldc + j];
        double mag = Math.abs(sum);
        for (int p = 0; p < k; p++) {
          double x = a[off + (ta ? p * lda + i : i * lda + p)] * (double) b[off + (tb ? j * ldb + p : p * ldb + j)];
          sum += x;
          mag += Math.abs(x);
        }
        double err = Math.abs(got[off + i * ldc + j] - sum);
        assertTrue(err <= (k + 2) * 0x1p-23 * mag, form + " " + m + "x" + n + "x" + k + " at " + i + "," + j + ": error " + err);
      }
    }
  }
}
