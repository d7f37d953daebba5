package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Kernels#addSquaredMatVec} and {@link Kernels#addSquaredMatTVec} (RNN-Path's pass in float) on both
 * kernel paths over awkward row counts and widths (tails of the 4-row blocks, of two vectors, of one vector),
 * with leading dimensions above the width and offsets: against a double reference; the first bit for bit
 * against {@link Kernels#dotSquared} row by row, the second bit for bit against the scalar kernels (its
 * fused multiply-adds are fixed per element). Elements outside y's window must be left alone.
 */
class SquaredMatVecTest {
  private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 65, 100, 1000};

  private static float[] random(int n, SplittableRandom r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
    return v;
  }

  @Test
  void matVecIsDotSquaredRowByRowAndCloseToDouble() {
    SplittableRandom r = new SplittableRandom(11);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int rows : SIZES) {
        for (int n : SIZES) {
          if ((long) rows * n > 200_000) continue;
          int ld = n + r.nextInt(4), wOff = r.nextInt(3), xOff = r.nextInt(3), yOff = 1 + r.nextInt(3);
          float[] w = random(wOff + rows * ld, r), x = random(xOff + n, r), y = random(yOff + rows + 2, r);
          float[] want = y.clone();
          for (int i = 0; i < rows; i++) want[yOff + i] += kernels.dotSquared(w, wOff + i * ld, x, xOff, n);
          kernels.addSquaredMatVec(rows, n, w, wOff, ld, x, xOff, y, yOff);
          String what = kernels.description() + " rows " + rows + " n " + n;
          for (int i = 0; i < y.length; i++) assertEquals(want[i], y[i], 0f, what + " y[" + i + "]");
          for (int i = 0; i < rows; i++) {
            double exact = 0, magnitude = 0;
            for (int k = 0; k < n; k++) {
              double term = (double) w[wOff + i * ld + k] * w[wOff + i * ld + k] * x[xOff + k];
              exact += term;
              magnitude += Math.abs(term);
            }
            double before = want[yOff + i] - (double) kernels.dotSquared(w, wOff + i * ld, x, xOff, n);
            assertTrue(Math.abs(y[yOff + i] - (before + exact)) <= 1e-5 * (magnitude + Math.abs(before)) + 1e-6, what + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void matTVecHasTheSameBitsOnEveryImplementationAndIsCloseToDouble() {
    SplittableRandom r = new SplittableRandom(12);
    Kernels scalar = KernelSelection.scalar();
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int rows : SIZES) {
        for (int n : SIZES) {
          if ((long) rows * n > 200_000) continue;
          int ld = n + r.nextInt(4), wOff = r.nextInt(3), cOff = r.nextInt(3), yOff = 1 + r.nextInt(3);
          float[] w = random(wOff + rows * ld, r), c = random(cOff + rows, r), y = random(yOff + n + 2, r);
          float[] viaScalar = y.clone(), start = y.clone();
          scalar.addSquaredMatTVec(rows, n, c, cOff, w, wOff, ld, viaScalar, yOff);
          kernels.addSquaredMatTVec(rows, n, c, cOff, w, wOff, ld, y, yOff);
          String what = kernels.description() + " rows " + rows + " n " + n;
          for (int i = 0; i < y.length; i++) assertEquals(viaScalar[i], y[i], 0f, what + " y[" + i + "]");
          for (int i = 0; i < yOff; i++) assertEquals(start[i], y[i], 0f, what + " before the window");
          for (int i = yOff + n; i < y.length; i++) assertEquals(start[i], y[i], 0f, what + " after the window");
          for (int i = 0; i < n; i++) {
            double exact = start[yOff + i], magnitude = Math.abs(exact);
            for (int k = 0; k < rows; k++) {
              double wk = w[wOff + k * ld + i];
              exact += wk * wk * c[cOff + k];
              magnitude += Math.abs(wk * wk * c[cOff + k]);
            }
            assertTrue(Math.abs(y[yOff + i] - exact) <= 1e-5 * magnitude + 1e-6, what + " element " + i + ": " + y[yOff + i] + " vs " + exact);
          }
        }
      }
    }
  }
}
