package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link GemmKernel#microKernelRows} of every kernel set that has it, bit for bit against the whole micro-kernel on
 * the zero-padded panel (what the GEMM computed for a partial row panel before): 1–4 rows, awkward depths, A packed
 * k-major, row-major in place and transposed in place (each with an offset and a leading dimension wider than its
 * rows), C fresh and accumulated, bias and ReLU, and the rows past the panel's untouched.
 */
class PartialRowsTest {
  private static final int[] DEPTHS = {1, 2, 7, 16, 17, 100};

  @Test
  void givesTheWholeTilesBitsForItsRows() {
    SplittableRandom r = new SplittableRandom(21);
    for (Kernels kernels : KernelsUnderTest.all()) {
      GemmKernel kernel = kernels.gemmKernel();
      if (kernels.name().equals("panama")) assertTrue(kernel.partialRowsMax() >= 2, "the Vector API kernels have the path");
      for (int rows = 1; rows <= kernel.partialRowsMax(); rows++) {
        for (int kc : DEPTHS) {
          for (int form = 0; form < 3; form++) {
            check(kernel, rows, kc, form, false, false, false, r);
            check(kernel, rows, kc, form, true, false, false, r);
            check(kernel, rows, kc, form, true, true, true, r);
            check(kernel, rows, kc, form, false, true, false, r);
          }
        }
      }
    }
  }

  private static void check(GemmKernel kernel, int rows, int kc, int form, boolean accumulate, boolean withBias,
      boolean relu, SplittableRandom r) {
    int mr = kernel.mr();
    int nr = kernel.nr();
    // the panel's rows, values A(q, k); the whole tile sees them k-major with the rows past `rows` zero
    float[][] rowsA = new float[rows][kc];
    for (float[] row : rowsA) for (int k = 0; k < kc; k++) row[k] = (float) r.nextGaussian();
    float[] padded = new float[kernel.aPackLength(kc)];
    for (int q = 0; q < rows; q++) for (int k = 0; k < kc; k++) padded[k * mr + q] = rowsA[q][k];
    float[] bp = new float[3 + nr * kc];
    for (int i = 0; i < bp.length; i++) bp[i] = (float) r.nextGaussian();
    float[] bias = new float[nr + 2];
    for (int i = 0; i < bias.length; i++) bias[i] = (float) r.nextGaussian();
    int ldc = nr + 5;
    float[] c0 = new float[4 + mr * ldc];
    for (int i = 0; i < c0.length; i++) c0[i] = (float) r.nextGaussian();

    float[] want = c0.clone();
    kernel.microKernel(kc, padded, bp, 3, want, 4, ldc, accumulate, withBias ? bias : null, 2, relu);

    float[] a;
    int aOff, rowStride, kStride;
    if (form == 0) { // packed k-major, MR values a k-step
      a = padded.clone();
      aOff = 0;
      rowStride = 1;
      kStride = mr;
    } else if (form == 1) { // row-major in place
      int lda = kc + 3;
      a = new float[5 + rows * lda];
      for (int q = 0; q < rows; q++) System.arraycopy(rowsA[q], 0, a, 5 + q * lda, kc);
      aOff = 5;
      rowStride = lda;
      kStride = 1;
    } else { // transposed in place: K × M with lda ≥ rows
      int lda = rows + 5;
      a = new float[2 + kc * lda];
      for (int q = 0; q < rows; q++) for (int k = 0; k < kc; k++) a[2 + k * lda + q] = rowsA[q][k];
      aOff = 2;
      rowStride = 1;
      kStride = lda;
    }
    float[] got = c0.clone();
    kernel.microKernelRows(kc, rows, a, aOff, rowStride, kStride, bp, 3, got, 4, ldc, accumulate, withBias ? bias : null, 2, relu);
    String where = kernel.getClass().getSimpleName() + " rows " + rows + " kc " + kc + " form " + form
        + (accumulate ? " accumulated" : "") + (withBias ? " bias" : "") + (relu ? " relu" : "");
    for (int i = 0; i < got.length; i++) {
      int row = (i - 4) / ldc;
      boolean inPanel = i >= 4 && row < rows && (i - 4) % ldc < nr;
      float expected = inPanel ? want[i] : c0[i];
      assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got[i]), where + ", element " + i);
    }
  }
}
