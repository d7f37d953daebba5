package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/**
 * docs/algorithms.md §5.6 (31, 32), the flagship example of implicit regularisation: on underdetermined least squares
 * (n = 6 samples, D = 15 features plus the bias), full-batch gradient descent from zero, with or
 * without heavy-ball momentum, converges to the minimum-norm interpolant Θ* = X̃⁺Y (X̃ = [X, 1]) and
 * every iterate stays in the row space of X̃. Path-SGD on a linear model (d = 1, κ = 1) does the same.
 * Run through the real trainer with the MSE loss on one-hot targets (two outputs: two problems).
 */
class MinimumNormTest {
  private static final Kernels K = KernelSelection.kernels();
  private static final int N = 6;
  private static final int D = 15;

  @Test
  void gradientDescentFromZeroFindsTheMinimumNormInterpolant() {
    SplittableRandom r = new SplittableRandom(3);
    float[] x = new float[N * D];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] labels = {0, 1, 1, 0, 1, 0};
    Dataset data = new Dataset("lsq", x, labels, D, 2);
    double[][] xt = new double[N][D + 1];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < D; k++) xt[n][k] = x[n * D + k];
      xt[n][D] = 1;
    }
    double[][] gramInverse = invert(gram(xt));
    for (String name : new String[] {"sgd", "path-sgd"}) {
      for (float momentum : new float[] {0f, 0.5f}) {
        Architecture a = new Architecture(D, 2);
        Network net = new Network(a);
        try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(name)), Schedule.constant(0.05, momentum), TrainingConfig.builder()
            .batch(N).epochs(1).loss(Loss.MSE).kernels(K).build())) {
          int[] order = {0, 1, 2, 3, 4, 5};
          double worstOutside = 0;
          for (int s = 0; s < 4000; s++) {
            t.trainStep(data, order, 0, N);
            for (int o = 0; o < 2; o++) worstOutside = Math.max(worstOutside, outsideRowSpace(theta(net, o), xt, gramInverse));
          }
          for (int o = 0; o < 2; o++) {
            double[] want = minimumNorm(xt, gramInverse, o, labels);
            double[] got = theta(net, o);
            double err = 0;
            double norm = 0;
            for (int i = 0; i <= D; i++) {
              err = Math.max(err, Math.abs(got[i] - want[i]));
              norm = Math.max(norm, Math.abs(want[i]));
            }
            String what = name + " momentum " + momentum + " output " + o;
            assertTrue(err < 2e-5 * norm, what + ": |θ − X⁺y|∞ = " + err + " (|X⁺y|∞ = " + norm + ")");
          }
          assertTrue(worstOutside < 2e-5, name + " momentum " + momentum + ": left the row space by " + worstOutside);
        }
      }
    }
    // the test can fail: from a non-zero start the limit is X⁺y + (I − X⁺X)θ₀, not X⁺y
    Architecture a = new Architecture(D, 2);
    Network net = new Network(a);
    net.parameters()[3] = 0.5f;
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.05, 0), TrainingConfig.builder()
        .batch(N).epochs(1).loss(Loss.MSE).kernels(K).build())) {
      int[] order = {0, 1, 2, 3, 4, 5};
      for (int s = 0; s < 4000; s++) t.trainStep(data, order, 0, N);
      assertTrue(outsideRowSpace(theta(net, 0), xt, gramInverse) > 0.1, "a non-zero start did not leave a null-space part");
    }
  }

  /** (W[o, :], b[o]) as one vector. */
  private static double[] theta(Network net, int o) {
    double[] t = new double[D + 1];
    for (int k = 0; k < D; k++) t[k] = net.weight(0, o, k);
    t[D] = net.bias(0, o);
    return t;
  }

  private static double[][] gram(double[][] xt) {
    double[][] g = new double[N][N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) for (int k = 0; k <= D; k++) g[i][j] += xt[i][k] * xt[j][k];
    return g;
  }

  /** X̃ᵀ(X̃X̃ᵀ)⁻¹y for the one-hot targets of output o. */
  private static double[] minimumNorm(double[][] xt, double[][] gramInverse, int o, int[] labels) {
    double[] c = new double[N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) c[i] += gramInverse[i][j] * (labels[j] == o ? 1 : 0);
    double[] t = new double[D + 1];
    for (int k = 0; k <= D; k++) for (int i = 0; i < N; i++) t[k] += xt[i][k] * c[i];
    return t;
  }

  /** ‖(I − X̃⁺X̃)θ‖∞: the part of θ outside the row space of X̃. */
  private static double outsideRowSpace(double[] theta, double[][] xt, double[][] gramInverse) {
    double[] xTheta = new double[N];
    for (int i = 0; i < N; i++) for (int k = 0; k <= D; k++) xTheta[i] += xt[i][k] * theta[k];
    double[] c = new double[N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) c[i] += gramInverse[i][j] * xTheta[j];
    double worst = 0;
    for (int k = 0; k <= D; k++) {
      double projected = 0;
      for (int i = 0; i < N; i++) projected += xt[i][k] * c[i];
      worst = Math.max(worst, Math.abs(theta[k] - projected));
    }
    return worst;
  }

  /** Gauss–Jordan inverse with partial pivoting. */
  private static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int i = c + 1; i < n; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double pivot = a[c][c];
      for (int j = 0; j < 2 * n; j++) a[c][j] /= pivot;
      for (int i = 0; i < n; i++) {
        if (i == c) continue;
        double f = a[i][c];
        for (int j = 0; j < 2 * n; j++) a[i][j] -= f * a[c][j];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) System.arraycopy(a[i], n, inv[i], 0, n);
    return inv;
  }
}
