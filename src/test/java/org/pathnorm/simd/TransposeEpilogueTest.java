package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GemmKernel#transposeEpilogue} of the kernels selected at start-up (Panama's register transposes and gathers in the
 * default run, the plain default in the scalar run) against the formula written out here, bit for bit,
 * over awkward sizes, on the whole of C and on inner blocks (a GEMM worker's share), every combination
 * of accumulate, bias and ReLU, a row stride wider than n and offsets; T holds signed zeros and a NaN,
 * where max(·, 0) and the additions must match too; outside the block C is left as it was.
 */
class TransposeEpilogueTest {
  private static final int[] SIZES = {1, 7, 15, 16, 17, 31, 33, 64, 100};

  @Test
  void matchesThePlainFormulaBitForBit() {
    GemmKernel kernel = KernelSelection.kernels().gemmKernel();
    SplittableRandom r = new SplittableRandom(11);
    for (int m : SIZES) {
      for (int n : SIZES) {
        float[] t = new float[m * n];
        for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        t[0] = -0f;
        if (t.length > 2) t[t.length / 2] = Float.NaN;
        float[] bias = new float[n + 3];
        for (int j = 0; j < bias.length; j++) bias[j] = (float) r.nextGaussian();
        int ldc = n + 5;
        float[] c0 = new float[2 + m * ldc];
        for (int i = 0; i < c0.length; i++) c0[i] = (float) r.nextGaussian();
        for (int flags = 0; flags < 8; flags++) {
          boolean accumulate = (flags & 1) != 0;
          boolean withBias = (flags & 2) != 0;
          boolean relu = (flags & 4) != 0;
          for (int[] block : new int[][] {{0, m, 0, n}, {m / 3, m - m / 4, n / 5, n - n / 7}}) {
            int i0 = block[0], i1 = block[1], j0 = block[2], j1 = block[3];
            float[] got = c0.clone();
            kernel.transposeEpilogue(m, i0, i1, j0, j1, t, got, 2, ldc, accumulate, withBias ? bias : null, 3, relu);
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < ldc; j++) {
                int at = 2 + i * ldc + j;
                float want = c0[at];
                if (i >= i0 && i < i1 && j >= j0 && j < j1) {
                  want = accumulate ? t[j * m + i] + c0[at] : t[j * m + i];
                  if (withBias) want += bias[3 + j];
                  if (relu) want = Math.max(want, 0f);
                }
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[at]),
                    () -> kernel + " m=" + m + " n=" + n + " block " + i0 + ".." + i1 + " x " + j0 + ".." + j1
                        + " accumulate=" + accumulate + " bias=" + withBias + " relu=" + relu);
              }
            }
            assertEquals(c0[0], got[0]);
            assertEquals(c0[1], got[1]);
          }
        }
      }
    }
  }
}
