package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link GemmKernel#packTransposedRows} of every kernel set under test (Panama's L × L register transposes,
 * the scalar loop) against its layout written out here, bit for bit: {@code dst[r·kc + k] = A(i0 + r, k0 + k)}
 * for a transposed A (stored K × M), zero up to the next multiple of MR rows, nothing written past that; and
 * each MR-row panel of it equal to what {@link GemmKernel#packARows} packs for that panel alone, which the
 * GEMM read before. Row counts around the transposes' L and the tile's MR up to the chunk, awkward depths,
 * an offset start, a leading dimension wider than the rows, and signed zeros and NaNs.
 */
class PackTransposedRowsTest {
  private static final int[] DEPTHS = {1, 7, 8, 9, 15, 16, 17, 33, 64, 100};

  @Test
  void packsTheRowsOfAChunkBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    for (Kernels kernels : KernelsUnderTest.all()) {
      GemmKernel kernel = kernels.gemmKernel();
      int chunk = kernel.transposedRowsChunk();
      assertTrue(chunk >= kernel.mr() && chunk % kernel.mr() == 0, kernels.name() + ": chunk " + chunk);
      for (int kc : DEPTHS) {
        for (int rows = 1; rows <= chunk; rows++) check(kernels, kc, rows, r);
      }
    }
  }

  private static void check(Kernels kernels, int kc, int rows, SplittableRandom r) {
    GemmKernel kernel = kernels.gemmKernel();
    int mr = kernel.mr();
    int i0 = 5, k0 = 3, aOff = 2;
    int lda = i0 + rows + 9;
    float[] a = new float[aOff + (k0 + kc) * lda];
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
    a[aOff + k0 * lda + i0] = -0f;
    a[aOff + (k0 + kc - 1) * lda + i0 + rows - 1] = Float.NaN;
    int padded = (rows + mr - 1) / mr * mr;
    float[] got = new float[padded * kc + 3];
    Arrays.fill(got, 42f);
    kernel.packTransposedRows(a, aOff, lda, i0, rows, k0, kc, got);
    String where = kernels.name() + " kc=" + kc + " rows=" + rows;
    for (int row = 0; row < padded; row++) {
      for (int k = 0; k < kc; k++) {
        float want = row < rows ? a[aOff + (k0 + k) * lda + i0 + row] : 0f;
        int rr = row, kk = k;
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[row * kc + k]), () -> where + ": A(" + rr + ", " + kk + ")");
      }
    }
    for (int i = padded * kc; i < got.length; i++) assertEquals(42f, got[i], () -> where + ": wrote past the rows");
    float[] panel = new float[kernel.aPackLength(kc)];
    for (int p = 0; p * mr < rows; p++) {
      kernel.packARows(a, aOff, lda, true, i0 + p * mr, Math.min(mr, rows - p * mr), k0, kc, panel);
      for (int i = 0; i < mr * kc; i++) {
        int pp = p, ii = i;
        assertEquals(Float.floatToRawIntBits(panel[i]), Float.floatToRawIntBits(got[p * mr * kc + i]),
            () -> where + ": panel " + pp + " differs from packARows at " + ii);
      }
    }
  }
}
