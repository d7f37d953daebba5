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
  private static final int[] WIDTHS = {1, 7, 8, 9, 10, 15, 16, 17, 24, 26, 31, 32, 33, 64, 100};

  @Test
  void packsTheLayoutBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (boolean transposed : new boolean[] {true, false}) {
        for (int kc : DEPTHS) {
          for (int cols : WIDTHS) check(kernels, transposed, kc, cols, (transposed ? 3 + kc : 2 + cols) + 4, r);
        }
      }
    }
  }

  /**
   * A plain B whose block spans at least {@link PanamaGemmKernel#STREAMED_SPAN} floats (kc·ldb, a block read
   * from beyond L2), which Panama packs {@link PanamaGemmKernel#PACK_ROWS} k-rows at a time across the
   * block instead of panel by panel: depths around those groups, the same layout bit for bit.
   */
  @Test
  void packsBlocksFromWideRowsAcrossTheRows() {
    SplittableRandom r = new SplittableRandom(6);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int kc : new int[] {1, 7, 8, 9, 15, 16, 17, 33, 257}) {
        for (int cols : new int[] {1, 16, 17, 33, 100}) {
          int ldb = (int) Math.max(2 + cols + 4, (PanamaGemmKernel.STREAMED_SPAN + kc - 1) / kc);
          check(kernels, false, kc, cols, ldb, r);
        }
      }
    }
  }

  private static void check(Kernels kernels, boolean transposed, int kc, int cols, int ldb, SplittableRandom r) {
    GemmKernel kernel = kernels.gemmKernel();
    int nr = kernel.nr();
    int k0 = 3, j0 = 2, bOff = 5;
    int rows = transposed ? j0 + cols : k0 + kc;
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
              () -> kernels.name() + (transposed ? " transposed" : " plain") + " kc=" + kc + " cols=" + cols + " ldb=" + ldb
                  + ": B(" + kk + ", " + cc + ")");
        }
      }
    }
    for (int i = panels * nr * kc; i < got.length; i++) assertEquals(42f, got[i], "wrote past the panels");
  }
}
