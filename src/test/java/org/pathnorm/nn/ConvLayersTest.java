package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Conv2d} (im2col + GEMM), the pooling layers and {@link Flatten} against plain direct loops
 * written here, over awkward sizes, on the Vector API and scalar kernels.
 */
class ConvLayersTest {

  /** in channels, H, W, out channels, k, stride, pad, batch. */
  static final int[][] SHAPES = {
      {1, 1, 1, 1, 1, 1, 0, 1}, {3, 7, 7, 4, 3, 1, 1, 2}, {2, 15, 17, 5, 3, 2, 1, 3}, {1, 17, 15, 3, 7, 1, 3, 2},
      {4, 31, 33, 2, 5, 3, 2, 1}, {5, 16, 16, 7, 1, 1, 0, 3}, {3, 33, 31, 6, 1, 2, 0, 2}, {2, 8, 9, 3, 2, 2, 1, 2},
      {17, 7, 7, 16, 3, 1, 0, 2}, {2, 5, 5, 3, 5, 1, 2, 1}, {3, 7, 9, 4, 3, 2, 1, 3}};

  static float[] gaussian(int n, SplittableRandom r) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
    return a;
  }

  /** y [batch × O × OH × OW] by the definition, in double. */
  static double[] directForward(float[] p, float[] x, int batch, int c, int h, int w, int o, int k, int s, int pad, boolean bias) {
    int oh = (h + 2 * pad - k) / s + 1, ow = (w + 2 * pad - k) / s + 1;
    double[] y = new double[batch * o * oh * ow];
    for (int n = 0; n < batch; n++)
      for (int j = 0; j < o; j++)
        for (int a = 0; a < oh; a++)
          for (int b = 0; b < ow; b++) {
            double v = bias ? p[o * c * k * k + j] : 0;
            for (int ci = 0; ci < c; ci++)
              for (int i = 0; i < k; i++)
                for (int jj = 0; jj < k; jj++) {
                  int ih = a * s - pad + i, iw = b * s - pad + jj;
                  if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                  v += (double) p[((j * c + ci) * k + i) * k + jj] * x[((n * c + ci) * h + ih) * w + iw];
                }
            y[((n * o + j) * oh + a) * ow + b] = v;
          }
    return y;
  }

  static void assertClose(double[] expected, float[] actual, int n, double tol, String what) {
    double scale = 1e-6;
    for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[i]));
    for (int i = 0; i < n; i++) assertEquals(expected[i], actual[i], tol * scale, what + " [" + i + "]");
  }

  @Test
  void convolutionMatchesTheDefinitionForwardAndBackward() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : SHAPES) {
        for (boolean relu : new boolean[] {false, true}) {
          int c = sh[0], h = sh[1], w = sh[2], o = sh[3], k = sh[4], s = sh[5], pad = sh[6], batch = sh[7];
          boolean bias = relu || c % 2 == 1;
          Conv2d conv = new Conv2d(c, h, w, o, k, s, pad, bias, relu);
          String what = kernels.description() + " " + conv;
          SplittableRandom r = new SplittableRandom(c * 31 + h + k);
          float[] p = gaussian(conv.parameterCount() + 3, r);
          float[] x = gaussian(batch * conv.inputSize() + 5, r);
          Layer.Cache cache = conv.newCache(batch, kernels, new Gemm(kernels, null));
          float[] y = new float[batch * conv.outputSize()];
          conv.forward(p, 3, x, 5, batch, y, cache);
          float[] pp = java.util.Arrays.copyOfRange(p, 3, p.length);
          float[] xx = java.util.Arrays.copyOfRange(x, 5, x.length);
          double[] z = directForward(pp, xx, batch, c, h, w, o, k, s, pad, bias);
          double[] expected = z.clone();
          if (relu) for (int i = 0; i < expected.length; i++) expected[i] = Math.max(expected[i], 0);
          assertClose(expected, y, y.length, 1e-5, what + " forward");

          // backward against the adjoint written out: dW = Σ dZ·x, db = Σ dZ, dX = Σ W·dZ
          float[] dY = gaussian(y.length, r);
          double[] dZ = new double[dY.length];
          for (int i = 0; i < dZ.length; i++) dZ[i] = relu && y[i] <= 0 ? 0 : dY[i];
          int oh = conv.outHeight(), ow = conv.outWidth();
          double[] dW = new double[conv.parameterCount()];
          double[] dX = new double[batch * conv.inputSize()];
          for (int n = 0; n < batch; n++)
            for (int j = 0; j < o; j++)
              for (int a = 0; a < oh; a++)
                for (int b = 0; b < ow; b++) {
                  double g = dZ[((n * o + j) * oh + a) * ow + b];
                  if (bias) dW[o * c * k * k + j] += g;
                  for (int ci = 0; ci < c; ci++)
                    for (int i = 0; i < k; i++)
                      for (int jj = 0; jj < k; jj++) {
                        int ih = a * s - pad + i, iw = b * s - pad + jj;
                        if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                        int e = ((j * c + ci) * k + i) * k + jj, xi = ((n * c + ci) * h + ih) * w + iw;
                        dW[e] += g * xx[xi];
                        dX[xi] += g * pp[e];
                      }
                }
          float[] grad = new float[conv.parameterCount() + 2];
          java.util.Arrays.fill(grad, 9f);
          float[] dx = new float[batch * conv.inputSize()];
          conv.backward(p, 3, x, 5, y, dY, batch, grad, 2, false, dx, cache);
          assertEquals(9f, grad[0]);
          assertClose(dW, java.util.Arrays.copyOfRange(grad, 2, grad.length), dW.length, 1e-5, what + " dW");
          assertClose(dX, dx, dx.length, 1e-5, what + " dX");
        }
      }
    }
  }

  @Test
  void poolingAndFlattenMatchTheirDefinitions() {
    SplittableRandom r = new SplittableRandom(7);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : new int[][] {{1, 1, 1, 1, 1}, {2, 7, 9, 2, 2}, {3, 15, 17, 3, 2}, {1, 33, 31, 4, 4}, {2, 16, 16, 3, 1},
          {3, 16, 17, 2, 2}, {2, 31, 33, 2, 2}, {1, 2, 2, 2, 2}, {4, 15, 16, 2, 2}, {1, 17, 7, 2, 2}}) {
        int c = sh[0], h = sh[1], w = sh[2], k = sh[3], s = sh[4], batch = 3;
        int oh = (h - k) / s + 1, ow = (w - k) / s + 1;
        float[] x = gaussian(batch * c * h * w, r);
        float[] dY = gaussian(batch * c * oh * ow, r);
        for (boolean max : new boolean[] {true, false}) {
          Layer pool = max ? new MaxPool2d(c, h, w, k, s) : new AvgPool2d(c, h, w, k, s);
          Layer.Cache cache = pool.newCache(batch, kernels, new Gemm(kernels, null));
          float[] y = new float[batch * pool.outputSize()];
          pool.forward(new float[0], 0, x, 0, batch, y, cache);
          float[] dx = new float[x.length];
          java.util.Arrays.fill(dx, Float.NaN); // every entry must be written
          pool.backward(new float[0], 0, x, 0, y, dY.clone(), batch, new float[0], 0, false, dx, cache);
          double[] ey = new double[y.length], edx = new double[x.length];
          for (int n = 0; n < batch; n++)
            for (int ch = 0; ch < c; ch++)
              for (int a = 0; a < oh; a++)
                for (int b = 0; b < ow; b++) {
                  int o = ((n * c + ch) * oh + a) * ow + b;
                  double best = Double.NEGATIVE_INFINITY, sum = 0;
                  int arg = -1;
                  for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) {
                      int xi = ((n * c + ch) * h + a * s + i) * w + b * s + j;
                      if (x[xi] > best) {
                        best = x[xi];
                        arg = xi;
                      }
                      sum += x[xi];
                    }
                  if (max) {
                    ey[o] = best;
                    edx[arg] += dY[o];
                  } else {
                    ey[o] = sum / (k * k);
                    for (int i = 0; i < k; i++)
                      for (int j = 0; j < k; j++) edx[((n * c + ch) * h + a * s + i) * w + b * s + j] += dY[o] / (k * k);
                  }
                }
          assertClose(ey, y, y.length, 1e-6, pool + " forward");
          assertClose(edx, dx, dx.length, 1e-6, pool + " backward");
        }
        Flatten f = new Flatten(c, h, w);
        float[] y = new float[x.length];
        f.forward(new float[0], 0, x, 0, batch, y, f.newCache(batch, kernels, null));
        org.junit.jupiter.api.Assertions.assertArrayEquals(x, y);
      }
    }
  }

  /**
   * 2×2 max pooling on windows full of ties, NaNs and signed zeros: y is the maximum (NaN if the window
   * has one), the gradient goes to the first maximum in row-major order, or to the last NaN — the
   * general loop's rule, written out here.
   */
  @Test
  void maxPoolRoutesTiesAndNaNsLikeTheGeneralRule() {
    SplittableRandom r = new SplittableRandom(3);
    float[] values = {1f, 2f, 2f, Float.NaN, -0f, 0f, -1f};
    for (int[] sh : new int[][] {{2, 7, 9}, {1, 16, 16}, {3, 15, 17}}) {
      int c = sh[0], h = sh[1], w = sh[2], batch = 2, oh = h / 2, ow = w / 2;
      MaxPool2d pool = new MaxPool2d(c, h, w, 2, 2);
      float[] x = new float[batch * c * h * w];
      for (int i = 0; i < x.length; i++) x[i] = values[r.nextInt(r.nextInt(8) == 0 ? values.length : 3)];
      for (int i = 0; i < x.length; i++) if (r.nextInt(5) == 0) x[i] = values[r.nextInt(values.length)];
      Layer.Cache cache = pool.newCache(batch, KernelsUnderTest.all().get(0), null);
      float[] y = new float[batch * pool.outputSize()];
      pool.forward(new float[0], 0, x, 0, batch, y, cache);
      float[] dY = gaussian(y.length, r);
      float[] dx = new float[x.length];
      java.util.Arrays.fill(dx, Float.NaN);
      pool.backward(new float[0], 0, x, 0, y, dY.clone(), batch, new float[0], 0, false, dx, cache);
      double[] edx = new double[x.length];
      for (int n = 0; n < batch; n++)
        for (int ch = 0; ch < c; ch++)
          for (int a = 0; a < oh; a++)
            for (int b = 0; b < ow; b++) {
              int o = ((n * c + ch) * oh + a) * ow + b;
              int best = -1;
              float max = 0;
              for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++) {
                  int xi = ((n * c + ch) * h + 2 * a + i) * w + 2 * b + j;
                  if (best < 0 || x[xi] > max || Float.isNaN(x[xi])) {
                    best = xi;
                    max = x[xi];
                  }
                }
              String what = "window " + o + " of " + c + "x" + h + "x" + w;
              if (Float.isNaN(max)) org.junit.jupiter.api.Assertions.assertTrue(Float.isNaN(y[o]), what);
              else assertEquals(max, y[o], 0f, what);
              edx[best] += dY[o];
            }
      for (int i = 0; i < x.length; i++) assertEquals(edx[i], dx[i], 0.0, "dx[" + i + "] of " + c + "x" + h + "x" + w);
    }
  }

  @Test
  void badShapesAreRefusedWithTheValues() {
    assertEquals("conv: kernel must be >= 1, stride >= 1 and padding in 0..1, got k3 s1 p2",
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 8, 8, 2, 3, 1, 2, true, true)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 2, 2, 2, 5, 1, 1, true, true));
    assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(1, 3, 3, 4, 1));
    assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(1, 3, 3, 2, 0));
  }
}
