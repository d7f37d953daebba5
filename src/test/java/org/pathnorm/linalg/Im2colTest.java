package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Im2col#im2col} and {@link Im2col#col2im} against their definitions written out entry by entry,
 * over awkward sizes (H, W in 1, 7, 15, 16, 17, 31, 33), kernels 1–7, strides and paddings: both the
 * general loops and the "same padding" path (stride 1, k = 2·pad + 1), on the Vector API and scalar
 * kernels.
 */
class Im2colTest {

  private static final int[] SIDES = {1, 7, 15, 16, 17, 31, 33};

  @Test
  void patchMatrixAndItsAdjointMatchTheDefinition() {
    SplittableRandom r = new SplittableRandom(5);
    int cases = 0;
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int h : SIDES) {
        for (int w : SIDES) {
          for (int[] ksp : new int[][] {{3, 1, 1}, {1, 1, 0}, {5, 1, 2}, {7, 1, 3}, {3, 1, 0}, {3, 2, 1}, {2, 2, 1}, {5, 3, 2}}) {
            int k = ksp[0], s = ksp[1], pad = ksp[2];
            if (h + 2 * pad < k || w + 2 * pad < k) continue;
            int c = 1 + (h + w) % 3;
            int oh = Im2col.outputSize(h, k, s, pad), ow = Im2col.outputSize(w, k, s, pad), positions = oh * ow;
            float[] x = new float[3 + c * h * w];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            float[] col = new float[2 + c * k * k * positions];
            java.util.Arrays.fill(col, Float.NaN);
            Im2col.im2col(x, 3, c, h, w, k, s, pad, col, 2);
            float[] dCol = new float[col.length];
            for (int i = 0; i < dCol.length; i++) dCol[i] = (float) r.nextGaussian();
            float[] dColCopy = dCol.clone();
            double[] dx = new double[c * h * w];
            String what = kernels.description() + " c" + c + " " + h + "x" + w + " k" + k + " s" + s + " p" + pad;
            for (int ch = 0; ch < c; ch++)
              for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                  for (int a = 0; a < oh; a++)
                    for (int b = 0; b < ow; b++) {
                      int e = 2 + ((ch * k + i) * k + j) * positions + a * ow + b;
                      int ih = a * s - pad + i, iw = b * s - pad + j;
                      boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                      float expected = inside ? x[3 + (ch * h + ih) * w + iw] : 0f;
                      assertEquals(expected, col[e], what + " col[" + e + "]");
                      if (inside) dx[(ch * h + ih) * w + iw] += dColCopy[e];
                    }
            float[] out = new float[5 + c * h * w];
            java.util.Arrays.fill(out, 7f);
            Im2col.col2im(dCol, 2, c, h, w, k, s, pad, out, 5, kernels);
            for (int i = 0; i < 5; i++) assertEquals(7f, out[i], what + " before dx");
            for (int i = 0; i < dx.length; i++) assertEquals(dx[i], out[5 + i], 1e-5 * (1 + Math.abs(dx[i])), what + " dx[" + i + "]");
            cases++;
          }
        }
      }
    }
    assertEquals(true, cases > 100, "cases run: " + cases);
  }

  /** The same-padding col2im adds in the order of the general loop: bit-identical to a row-by-row reference. */
  @Test
  void samePaddingAdjointAddsInTheReferenceOrder() {
    SplittableRandom r = new SplittableRandom(9);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int side : SIDES) {
        int c = 2, k = 3, pad = 1;
        float[] dCol = new float[c * k * k * side * side];
        for (int i = 0; i < dCol.length; i++) dCol[i] = (float) r.nextGaussian();
        float[] expected = new float[c * side * side];
        int row = 0;
        for (int ch = 0; ch < c; ch++)
          for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++, row += side * side)
              for (int a = 0; a < side; a++)
                for (int b = 0; b < side; b++) {
                  int ih = a - pad + i, iw = b - pad + j;
                  if (ih >= 0 && ih < side && iw >= 0 && iw < side) expected[(ch * side + ih) * side + iw] += dCol[row + a * side + b];
                }
        float[] dx = new float[expected.length];
        Im2col.col2im(dCol, 0, c, side, side, k, 1, pad, dx, 0, kernels);
        assertArrayEquals(expected, dx, kernels.description() + " " + side);
      }
    }
  }
}
