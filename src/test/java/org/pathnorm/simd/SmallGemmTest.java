package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Kernels#smallGemm} (the recurrent step's product) against a plain double loop on both kernel
 * paths, over awkward m, n, k (loop tails of the 4-row blocks and of 1 and 2 vectors of every width),
 * with leading dimensions larger than the widths, offsets, and ReLU on and off. Elements outside C's
 * m × n window must be left alone. {@link Kernels#smallGemmTn} (the weight gradient over all steps) the
 * same way, with k past its 256-term slabs, accumulating and overwriting. The Vector API kernels, whatever
 * tile computes an element, give the bits of one {@link Math#fma} per term in increasing k (their contract).
 */
class SmallGemmTest {
  /** Includes the whole-row widths of 7 vectors at 16, 8 and 4 lanes (97 … 112, 49 … 56, 25 … 28) and their neighbours. */
  private static final int[] DIMS = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 27, 31, 32, 33, 49, 56, 57, 63, 65, 96, 97, 100, 112, 113};

  @Test
  void matchesTheReferenceOverAwkwardSizes() {
    SplittableRandom r = new SplittableRandom(7);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int m : DIMS) {
        for (int n : DIMS) {
          int k = DIMS[r.nextInt(DIMS.length)];
          boolean relu = r.nextBoolean();
          check(kernels, m, n, k, relu, r);
        }
      }
      for (int k : DIMS) check(kernels, 5, 33, k, true, r);
    }
  }

  private static void check(Kernels kernels, int m, int n, int k, boolean relu, SplittableRandom r) {
    int lda = k + 3, ldb = n + 2, ldc = n + 5;
    int aOff = 2, bOff = 1, cOff = 4;
    float[] a = random(aOff + m * lda, r), b = random(bOff + k * ldb, r), c = random(cOff + m * ldc + 3, r);
    float[] before = c.clone();
    kernels.smallGemm(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, relu);
    assertWindow(kernels.name() + " m=" + m + " n=" + n + " k=" + k + " relu=" + relu, before, c, cOff, ldc, m, n, (row, col) -> {
      double want = before[cOff + row * ldc + col], scale = Math.abs(want);
      for (int kk = 0; kk < k; kk++) {
        double p = (double) a[aOff + row * lda + kk] * b[bOff + kk * ldb + col];
        want += p;
        scale += Math.abs(p);
      }
      return new double[] {relu ? Math.max(want, 0) : want, scale};
    });
  }

  @Test
  void transposedProductMatchesTheReferenceOverAwkwardSizes() {
    SplittableRandom r = new SplittableRandom(11);
    int[] ks = {1, 7, 17, 255, 256, 257, 600};
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int m : DIMS) {
        for (int n : DIMS) checkTn(kernels, m, n, ks[r.nextInt(ks.length)], r.nextBoolean(), r);
      }
      for (int k : ks) checkTn(kernels, 6, 33, k, true, r);
    }
  }

  private static void checkTn(Kernels kernels, int m, int n, int k, boolean accumulate, SplittableRandom r) {
    int lda = m + 3, ldb = n + 2, ldc = n + 5;
    int aOff = 2, bOff = 1, cOff = 4;
    float[] a = random(aOff + k * lda, r), b = random(bOff + k * ldb, r), c = random(cOff + m * ldc + 3, r);
    float[] before = c.clone();
    kernels.smallGemmTn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    assertWindow(kernels.name() + " Tn m=" + m + " n=" + n + " k=" + k + " accumulate=" + accumulate, before, c, cOff, ldc, m, n,
        (row, col) -> {
          double want = accumulate ? before[cOff + row * ldc + col] : 0, scale = Math.abs(want);
          for (int kk = 0; kk < k; kk++) {
            double p = (double) a[aOff + kk * lda + row] * b[bOff + kk * ldb + col];
            want += p;
            scale += Math.abs(p);
          }
          return new double[] {want, scale};
        });
  }

  @Test
  void vectorKernelsAccumulateOneFmaPerTermInIncreasingOrder() {
    Kernels kernels = KernelSelection.kernels();
    if (kernels.name().equals("scalar")) return;
    SplittableRandom r = new SplittableRandom(13);
    for (int m : new int[] {1, 2, 3, 4, 5, 6, 7, 50}) {
      for (int n : DIMS) {
        int k = DIMS[r.nextInt(DIMS.length)];
        int lda = k + 3, ldb = n + 2, ldc = n + 5, aOff = 2, bOff = 1, cOff = 4;
        float[] a = random(aOff + m * lda, r), b = random(bOff + k * ldb, r), c = random(cOff + m * ldc + 3, r);
        // with ReLU and without (the whole-row widths apply it after their tiles, every row remainder of 3 included)
        for (boolean relu : new boolean[] {true, false}) {
          float[] cr = c.clone();
          float[] want = c.clone();
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
              float acc = want[cOff + i * ldc + j];
              for (int kk = 0; kk < k; kk++) acc = Math.fma(a[aOff + i * lda + kk], b[bOff + kk * ldb + j], acc);
              want[cOff + i * ldc + j] = relu ? Math.max(acc, 0f) : acc;
            }
          }
          kernels.smallGemm(m, n, k, a, aOff, lda, b, bOff, ldb, cr, cOff, ldc, relu);
          for (int i = 0; i < cr.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(cr[i]),
                "m=" + m + " n=" + n + " k=" + k + " relu=" + relu + " element " + i);
          }
        }
        // Aᵀ·B over the same A read as [k × m] (lda ≥ m), overwriting: from 0
        int ldt = m + 1;
        float[] t = random(aOff + k * ldt, r), ct = random(cOff + m * ldc + 3, r);
        float[] wantT = ct.clone();
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            float acc = 0f;
            for (int kk = 0; kk < k; kk++) acc = Math.fma(t[aOff + kk * ldt + i], b[bOff + kk * ldb + j], acc);
            wantT[cOff + i * ldc + j] = acc;
          }
        }
        kernels.smallGemmTn(m, n, k, t, aOff, ldt, b, bOff, ldb, ct, cOff, ldc, false);
        for (int i = 0; i < ct.length; i++) {
          assertEquals(Float.floatToIntBits(wantT[i]), Float.floatToIntBits(ct[i]), "Tn m=" + m + " n=" + n + " k=" + k + " element " + i);
        }
      }
    }
  }

  /** The reference C[row, col] in double and the sum of magnitudes its tolerance scales with. */
  private interface Reference {
    double[] at(int row, int col);
  }

  /** C's m × n window at cOff (row stride ldc) equals the reference; every element outside it is unchanged. */
  private static void assertWindow(String label, float[] before, float[] c, int cOff, int ldc, int m, int n, Reference ref) {
    for (int i = 0; i < c.length; i++) {
      int rel = i - cOff;
      int row = Math.floorDiv(rel, ldc), col = Math.floorMod(rel, ldc);
      if (!(rel >= 0 && row < m && col < n)) {
        assertEquals(before[i], c[i], 0f, label + ": element " + i + " outside C changed");
        continue;
      }
      double[] want = ref.at(row, col);
      assertEquals(want[0], c[i], 1e-5 * want[1] + 1e-30, label + " at (" + row + ", " + col + ")");
    }
  }

  private static float[] random(int n, SplittableRandom r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    return x;
  }
}
