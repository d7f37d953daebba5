package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link GemmKernel#edgeColumnsTransposedA} of every kernel set that has one, bit for bit against its own
 * micro-kernel computing the same elements as the GEMM did before, a whole tile on the zero-padded panel per
 * MR rows ({@link GemmKernel#microKernelTransposedA}, C copied in for an accumulated block): row counts
 * around the vectors (1, 7, 15, 16, 17, 31, 33, 100), every partial width, awkward depths, C fresh and
 * accumulated, an offset A with a leading dimension wider than its rows, and nothing written outside the
 * block.
 */
class EdgeColumnsTest {
  private static final int[] ROWS = {1, 7, 15, 16, 17, 31, 33, 100};
  private static final int[] DEPTHS = {1, 7, 16, 17, 100};

  @Test
  void givesTheTilesBitsForAllRowsAtOnce() {
    SplittableRandom r = new SplittableRandom(11);
    for (Kernels kernels : KernelsUnderTest.all()) {
      GemmKernel kernel = kernels.gemmKernel();
      for (int cols = 1; cols <= kernel.edgeColumnsWidth(); cols++) {
        for (int rows : ROWS) {
          for (int kc : DEPTHS) {
            check(kernels, rows, cols, kc, false, r);
            check(kernels, rows, cols, kc, true, r);
          }
        }
      }
    }
  }

  private static void check(Kernels kernels, int rows, int cols, int kc, boolean accumulate, SplittableRandom r) {
    GemmKernel kernel = kernels.gemmKernel();
    int mr = kernel.mr();
    int nr = kernel.nr();
    int aOff = 3;
    int lda = rows + mr + 5; // the tiles read MR rows past a partial last group
    float[] a = random(aOff + kc * lda, r);
    float[] bp = new float[kc * nr];
    for (int k = 0; k < kc; k++) {
      for (int j = 0; j < cols; j++) bp[k * nr + j] = (float) r.nextGaussian();
    }
    int ldc = cols + 6;
    int cOff = 2;
    float[] c0 = random(cOff + rows * ldc + 4, r);
    float[] got = c0.clone();
    kernel.edgeColumnsTransposedA(kc, a, aOff, lda, rows, bp, 0, cols, got, cOff, ldc, accumulate);
    float[] want = c0.clone();
    float[] tile = new float[mr * nr];
    for (int r0 = 0; r0 < rows; r0 += mr) {
      int n = Math.min(mr, rows - r0);
      Arrays.fill(tile, 0f);
      for (int i = 0; i < n; i++) System.arraycopy(c0, cOff + (r0 + i) * ldc, tile, i * nr, cols);
      kernel.microKernelTransposedA(kc, a, aOff + r0, lda, bp, 0, tile, 0, nr, accumulate, null, 0, false);
      for (int i = 0; i < n; i++) System.arraycopy(tile, i * nr, want, cOff + (r0 + i) * ldc, cols);
    }
    for (int i = 0; i < want.length; i++) {
      int ii = i;
      assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
          () -> kernels.name() + " rows=" + rows + " cols=" + cols + " kc=" + kc + " accumulate=" + accumulate + ": C[" + ii + "]");
    }
  }

  private static float[] random(int n, SplittableRandom r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    return x;
  }
}
