package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link BatchNorm} against batch normalisation written out here in double precision. */
class BatchNormTest {
  static final double EPS = 1e-5;

  /** y [n × c × plane] in training mode (batch statistics) or with the given mean/var. */
  static double[] reference(double[] x, int n, int c, int plane, double[] gamma, double[] beta, double[] mean, double[] var, boolean train) {
    double[] mu = train ? new double[c] : mean, v = train ? new double[c] : var;
    if (train) {
      for (int ch = 0; ch < c; ch++) {
        double s = 0, q = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < plane; j++) s += x[(i * c + ch) * plane + j];
        mu[ch] = s / (n * plane);
        for (int i = 0; i < n; i++) for (int j = 0; j < plane; j++) q += Math.pow(x[(i * c + ch) * plane + j] - mu[ch], 2);
        v[ch] = q / (n * plane);
      }
    }
    double[] y = new double[x.length];
    for (int i = 0; i < n; i++)
      for (int ch = 0; ch < c; ch++)
        for (int j = 0; j < plane; j++) {
          int e = (i * c + ch) * plane + j;
          y[e] = gamma[ch] * (x[e] - mu[ch]) / Math.sqrt(v[ch] + EPS) + beta[ch];
        }
    return y;
  }

  static double dot(double[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Test
  void trainingAndEvaluationMatchTheDefinition() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : new int[][] {{4, 3, 2, 3}, {5, 7, 1, 1}, {2, 1, 3, 5}, {3, 2, 1, 1}}) {
        int n = sh[0], c = sh[1], h = sh[2], w = sh[3], plane = h * w;
        BatchNorm bn = plane == 1 ? BatchNorm.of1d(c, false) : BatchNorm.of2d(c, h, w, false);
        SplittableRandom r = new SplittableRandom(n * 10 + c);
        float[] p = new float[2 * c];
        double[] gamma = new double[c], beta = new double[c];
        for (int ch = 0; ch < c; ch++) {
          p[ch] = (float) (0.5 + r.nextDouble());
          p[c + ch] = (float) r.nextGaussian();
          gamma[ch] = p[ch];
          beta[ch] = p[c + ch];
        }
        float[] x = new float[n * c * plane];
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) xd[i] = x[i] = (float) (2 + 3 * r.nextGaussian());
        Layer.Cache cache = bn.newCache(n, kernels, new Gemm(kernels, null));
        float[] y = new float[x.length];
        bn.forwardTraining(p, 0, x, 0, n, y, cache);
        double[] ey = reference(xd, n, c, plane, gamma, beta, null, null, true);
        for (int i = 0; i < y.length; i++) assertEquals(ey[i], y[i], 1e-5, bn + " training output " + i);

        // running averages: momentum 0.1 towards the batch mean and the unbiased variance
        for (int ch = 0; ch < c; ch++) {
          double s = 0, q = 0;
          for (int i = 0; i < n; i++) for (int j = 0; j < plane; j++) s += xd[(i * c + ch) * plane + j];
          double mu = s / (n * plane);
          for (int i = 0; i < n; i++) for (int j = 0; j < plane; j++) q += Math.pow(xd[(i * c + ch) * plane + j] - mu, 2);
          assertEquals(0.1 * mu, bn.buffers().get("running_mean")[ch], 1e-5);
          assertEquals(0.9 + 0.1 * q / (n * plane - 1), bn.buffers().get("running_var")[ch], 1e-5);
        }
        assertEquals(1f, bn.buffers().get("num_batches_tracked")[0]);

        // evaluation: the running averages
        float[] ye = new float[x.length];
        bn.forward(p, 0, x, 0, n, ye, cache);
        double[] rm = new double[c], rv = new double[c];
        for (int ch = 0; ch < c; ch++) {
          rm[ch] = bn.buffers().get("running_mean")[ch];
          rv[ch] = bn.buffers().get("running_var")[ch];
        }
        double[] eye = reference(xd, n, c, plane, gamma, beta, rm, rv, false);
        for (int i = 0; i < y.length; i++) assertEquals(eye[i], ye[i], 1e-5, bn + " evaluation output " + i);
        assertEquals(1f, bn.buffers().get("num_batches_tracked")[0], "evaluation leaves the statistics alone");

        // training-mode backward against central differences of Σ dY·y of the double reference
        float[] dY = new float[x.length];
        for (int i = 0; i < dY.length; i++) dY[i] = (float) r.nextGaussian();
        bn.forwardTraining(p, 0, x, 0, n, y, cache);
        float[] grad = new float[2 * c];
        float[] dX = new float[x.length];
        bn.backward(p, 0, x, 0, y, dY.clone(), n, grad, 0, false, dX, cache);
        double h0 = 1e-5;
        for (int i = 0; i < x.length; i++) {
          double[] xp = xd.clone(), xm = xd.clone();
          xp[i] += h0;
          xm[i] -= h0;
          double fd = (dot(reference(xp, n, c, plane, gamma, beta, null, null, true), dY)
              - dot(reference(xm, n, c, plane, gamma, beta, null, null, true), dY)) / (2 * h0);
          assertEquals(fd, dX[i], 1e-3 * (1 + Math.abs(fd)), bn + " dX " + i);
        }
        for (int ch = 0; ch < c; ch++) {
          double[] gp = gamma.clone(), gm = gamma.clone(), bp = beta.clone(), bm = beta.clone();
          gp[ch] += h0;
          gm[ch] -= h0;
          bp[ch] += h0;
          bm[ch] -= h0;
          double fdGamma = (dot(reference(xd, n, c, plane, gp, beta, null, null, true), dY)
              - dot(reference(xd, n, c, plane, gm, beta, null, null, true), dY)) / (2 * h0);
          double fdBeta = (dot(reference(xd, n, c, plane, gamma, bp, null, null, true), dY)
              - dot(reference(xd, n, c, plane, gamma, bm, null, null, true), dY)) / (2 * h0);
          assertEquals(fdGamma, grad[ch], 1e-3 * (1 + Math.abs(fdGamma)), bn + " dgamma " + ch);
          assertEquals(fdBeta, grad[c + ch], 1e-3 * (1 + Math.abs(fdBeta)), bn + " dbeta " + ch);
        }
      }
    }
  }

  @Test
  void reluAfterTheNormalisationMasksTheGradient() {
    BatchNorm bn = BatchNorm.of2d(2, 2, 2, true);
    Kernels k = KernelsUnderTest.all().get(0);
    float[] p = {1, 1, 0, 0};
    float[] x = new float[16];
    for (int i = 0; i < x.length; i++) x[i] = i % 5 - 2f;
    float[] y = new float[16];
    Layer.Cache cache = bn.newCache(2, k, new Gemm(k, null));
    bn.forwardTraining(p, 0, x, 0, 2, y, cache);
    for (float v : y) assertTrue(v >= 0);
    float[] dY = new float[16];
    java.util.Arrays.fill(dY, 1f);
    float[] grad = new float[4];
    bn.backward(p, 0, x, 0, y, dY, 2, grad, 0, false, new float[16], cache);
    int active = 0;
    for (float v : y) if (v > 0) active++;
    assertEquals(active, grad[2] + grad[3], 1e-6, "dβ counts the active outputs");
  }

  @Test
  void trainingOnOneValuePerChannelIsRefused() {
    BatchNorm bn = BatchNorm.of1d(3, false);
    Kernels k = KernelsUnderTest.all().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> bn.forwardTraining(new float[6], 0, new float[3], 0, 1, new float[3], bn.newCache(1, k, null)));
    assertEquals("batch norm: training needs more than 1 value per channel, got a batch of 1 samples of 1x1", e.getMessage());
  }

  /** The folded pass: one BN channel between two scalars is the affine map a·x + b with a = γ/sqrt(var + ε). */
  @Test
  void pathPassUsesTheFoldedAffineMap() {
    BatchNorm bn = BatchNorm.of1d(2, true);
    bn.buffers().get("running_mean")[0] = 2f;
    bn.buffers().get("running_var")[0] = 4f;
    float[] p = {3, -1, 1, 0.5f};
    double[] out = new double[2];
    bn.pathForward(p, 0, 2, new double[] {1, 1}, out, true, null);
    double a = 3 / Math.sqrt(4 + EPS), b = 1 - a * 2;
    assertEquals(a * a + b * b, out[0], 1e-9);
    double a1 = 1 / Math.sqrt(1 + EPS), b1 = 0.5;
    assertEquals(a1 * a1 + b1 * b1, out[1], 1e-6);
  }
}
