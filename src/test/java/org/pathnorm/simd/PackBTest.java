package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link GemmKernel#packB} of every kernel set under test (Panama's 16 × 16 and 8 × 8 register transposes and
 * gathers for a transposed B, vector copies for a plain one; the scalar loops) against the packed
 * layout written out here, bit for bit: {@code bp[p·NR·kc + k·NR + j] = B(k0 + k, j0 + p·NR + j)},
 * zero past the last column. Awkward depths around the 16-row blocks, widths around the panel, an
 * offset start (k0, j0), a leading dimension wider than the rows, and signed zeros and NaNs, which a
 * move must keep as they are.
 */
class PackBTest {
  private static final int[] DEPTHS = {1, 7, 15, 16, 17, 31, 32, 33, 196, 257};
  private static final int[] WIDTHS = {1, 7, 15, 16, 17, 31, 32, 33, 64, 100};

  @Test
  void packsTheLayoutBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    for (Kernels kernels : KernelsUnderTest.all()) {
      GemmKernel kernel = kernels.gemmKernel();
      int nr = kernel.nr();
      for (boolean transposed : new boolean[] {true, false}) {
        for (int kc : DEPTHS) {
          for (int cols : WIDTHS) {
            int k0 = 3, j0 = 2, bOff = 5;
            int rows = transposed ? j0 + cols : k0 + kc;
            int width = transposed ? k0 + kc : j0 + cols;
            int ldb = width + 4;
            float[] b = new float[bOff + rows * ldb];
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            b[bOff + (transposed ? j0 * ldb + k0 : k0 * ldb + j0)] = -0f;
            b[b.length - 5] = Float.NaN;
            int panels = (cols + nr - 1) / nr;
            float[] got = new float[panels * nr * kc + 3];
            java.util.Arrays.fill(got, 42f);
            kernel.packB(b, bOff, ldb, transposed, k0, kc, j0, cols, got);
            for (int p = 0; p < panels; p++) {
              for (int k = 0; k < kc; k++) {
                for (int j = 0; j < nr; j++) {
                  int col = p * nr + j;
                  float want = col >= cols ? 0f
                      : transposed ? b[bOff + (j0 + col) * ldb + k0 + k] : b[bOff + (k0 + k) * ldb + j0 + col];
                  int at = p * nr * kc + k * nr + j;
                  int kk = k, cc = col;
                  assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[at]),
                      () -> kernels.name() + (transposed ? " transposed" : " plain") + " kc=" + kc + " cols=" + cols
                          + ": B(" + kk + ", " + cc + ")");
                }
              }
            }
            for (int i = panels * nr * kc; i < got.length; i++) assertEquals(42f, got[i], "wrote past the panels");
          }
        }
      }
    }
  }
}
