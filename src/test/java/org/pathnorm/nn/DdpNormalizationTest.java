package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/** DDP-Normalization (docs/algorithms.md §3.5, §5.4 (20)): gradients, the batch-normalisation anchor, invariance, folding, files. */
class DdpNormalizationTest {
  private static final Kernels K = KernelSelection.kernels();

  /**
   * The outputs [batch × C] of the normalised net in training mode (batch statistics), in double, from
   * the definition: z̃ = (z − c·Ê z)/√(α(‖W_j‖² + b_j²) + (1−α)s(z) + ε).
   */
  static double[][] reference(Architecture a, double[] p, float[] x, int batch, double alpha, boolean centred) {
    double[][] h = new double[batch][a.inputs()];
    for (int n = 0; n < batch; n++) for (int k = 0; k < a.inputs(); k++) h[n][k] = x[n * a.inputs() + k];
    for (int layer = 0; layer < a.depth(); layer++) {
      int m = a.out(layer);
      double[][] z = new double[batch][m];
      for (int n = 0; n < batch; n++) {
        for (int j = 0; j < m; j++) {
          double s = p[a.biasOffset(layer) + j];
          for (int k = 0; k < a.in(layer); k++) s += p[a.weightOffset(layer) + j * a.in(layer) + k] * h[n][k];
          z[n][j] = s;
        }
      }
      if (layer < a.depth() - 1) {
        for (int j = 0; j < m; j++) {
          double mean = 0;
          double second = 0;
          for (int n = 0; n < batch; n++) {
            mean += z[n][j] / batch;
            second += z[n][j] * z[n][j] / batch;
          }
          double stat = centred ? second - mean * mean : second;
          double b = p[a.biasOffset(layer) + j];
          double norm = b * b;
          for (int k = 0; k < a.in(layer); k++) norm += Math.pow(p[a.weightOffset(layer) + j * a.in(layer) + k], 2);
          double sigma = Math.sqrt(alpha * norm + (1 - alpha) * stat + DdpNormalization.EPS);
          for (int n = 0; n < batch; n++) z[n][j] = Math.max((z[n][j] - (centred ? mean : 0)) / sigma, 0);
        }
      }
      h = z;
    }
    return h;
  }

  /** The outputs [batch × C] of the plain network (no normalisation) with parameters p, in double. */
  static double[][] plain(Architecture a, double[] p, float[] x, int batch) {
    double[][] h = new double[batch][a.inputs()];
    for (int n = 0; n < batch; n++) for (int k = 0; k < a.inputs(); k++) h[n][k] = x[n * a.inputs() + k];
    for (int layer = 0; layer < a.depth(); layer++) {
      double[][] z = new double[batch][a.out(layer)];
      for (int n = 0; n < batch; n++) {
        for (int j = 0; j < a.out(layer); j++) {
          double s = p[a.biasOffset(layer) + j];
          for (int k = 0; k < a.in(layer); k++) s += p[a.weightOffset(layer) + j * a.in(layer) + k] * h[n][k];
          z[n][j] = layer < a.depth() - 1 ? Math.max(s, 0) : s;
        }
      }
      h = z;
    }
    return h;
  }

  static double referenceLoss(Architecture a, double[] p, float[] x, int[] y, int batch, double alpha, boolean centred) {
    double[][] out = reference(a, p, x, batch, alpha, centred);
    double total = 0;
    for (int n = 0; n < batch; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : out[n]) max = Math.max(max, v);
      double sum = 0;
      for (double v : out[n]) sum += Math.exp(v - max);
      total += Math.log(sum) + max - out[n][y[n]];
    }
    return total;
  }

  private static Network normalised(Architecture a, long seed, double alpha, boolean centred) {
    Network plain = new Network(a);
    Initializer.PYTORCH.initialize(plain, seed);
    return new Network(a, plain.parameters(), new DdpNormalization(a, alpha, centred));
  }

  private static float[] inputs(int batch, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[batch * d];
    for (int i = 0; i < x.length; i++) x[i] = (float) (0.3 + r.nextGaussian());
    return x;
  }

  /** Backprop through the normalisation (batch statistics and the path part of σ) against central differences. */
  @Test
  void gradientsMatchFiniteDifferences() {
    Architecture a = new Architecture(5, 7, 6, 3);
    int batch = 6;
    float[] x = inputs(batch, 5, 3);
    int[] y = {0, 2, 1, 2, 0, 1};
    for (Kernels k : KernelsUnderTest.all()) {
      for (double alpha : new double[] {0, 0.5, 1}) {
        for (boolean centred : new boolean[] {false, true}) {
          Network net = normalised(a, 11, alpha, centred);
          Workspace ws = new Workspace(a, batch, k, new Gemm(k, null));
          float[] grad = new float[a.parameters()];
          ws.forwardBackward(net, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 1f, grad, false, null, 0, 0);
          double[] p = new double[a.parameters()];
          for (int i = 0; i < p.length; i++) p[i] = net.parameters()[i];
          for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            double h = 1e-5;
            p[i] = keep + h;
            double up = referenceLoss(a, p, x, y, batch, alpha, centred);
            p[i] = keep - h;
            double down = referenceLoss(a, p, x, y, batch, alpha, centred);
            p[i] = keep;
            double want = (up - down) / (2 * h);
            assertEquals(want, grad[i], 2e-4 + 2e-3 * Math.abs(want),
                k.name() + " alpha " + alpha + (centred ? " covariance" : " second moment") + " parameter " + i);
          }
        }
      }
    }
  }

  /**
   * docs/algorithms.md §5.4 (20): at α = 0 with the covariance the normalisation is batch normalisation without scale
   * and shift, (z − Ê z)/√(V̂ar z + ε), written out here as batch normalisation, independently.
   */
  @Test
  void alphaZeroWithTheCovarianceIsBatchNormalisation() {
    Architecture a = new Architecture(4, 9, 3);
    int batch = 7;
    float[] x = inputs(batch, 4, 8);
    Network net = normalised(a, 2, 0, true);
    Workspace ws = new Workspace(a, batch, K, new Gemm(K, null));
    float[] grad = new float[a.parameters()];
    ws.forwardBackward(net, x, 0, new int[batch], 0, batch, Loss.CROSS_ENTROPY, 1f, grad, false, null, 0, 0);
    float[] hidden = ws.activation(1);
    for (int j = 0; j < 9; j++) {
      double[] z = new double[batch];
      for (int n = 0; n < batch; n++) {
        z[n] = net.bias(0, j);
        for (int k = 0; k < 4; k++) z[n] += net.weight(0, j, k) * x[n * 4 + k];
      }
      double mean = java.util.Arrays.stream(z).average().orElseThrow();
      double var = java.util.Arrays.stream(z).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
      for (int n = 0; n < batch; n++) {
        double bn = Math.max((z[n] - mean) / Math.sqrt(var + 1e-5), 0);
        assertEquals(bn, hidden[n * 9 + j], 1e-5, "unit " + j + " sample " + n);
      }
    }
  }

  /** Scaling a hidden unit's incoming weights and bias by c leaves the training outputs unchanged (for every α). */
  @Test
  void invariantToTheScaleOfIncomingWeights() {
    Architecture a = new Architecture(5, 8, 6, 3);
    int batch = 9;
    float[] x = inputs(batch, 5, 4);
    for (double alpha : new double[] {0, 0.5, 1}) {
      for (boolean centred : new boolean[] {false, true}) {
        Network net = normalised(a, 5, alpha, centred);
        Network scaled = new Network(a, net.parameters().clone(), new DdpNormalization(a, alpha, centred));
        float[] p = scaled.parameters();
        int[][] units = {{0, 2}, {0, 7}, {1, 1}};
        double[] c = {3, 0.5, 2.5};
        for (int u = 0; u < units.length; u++) {
          int layer = units[u][0];
          int j = units[u][1];
          for (int k = 0; k < a.in(layer); k++) p[a.weightOffset(layer) + j * a.in(layer) + k] *= (float) c[u];
          p[a.biasOffset(layer) + j] *= (float) c[u];
        }
        double[][] want = reference(a, toDouble(net.parameters()), x, batch, alpha, centred);
        float[] got = trainingOutputs(scaled, x, batch);
        for (int n = 0; n < batch; n++) {
          for (int o = 0; o < 3; o++) assertEquals(want[n][o], got[n * 3 + o], 1e-3 * (1 + Math.abs(want[n][o])), "alpha " + alpha);
        }
        // the control: the same rescaling changes a plain network's outputs by far more than the tolerance above
        double[][] plainBefore = plain(a, toDouble(net.parameters()), x, batch);
        double[][] plainAfter = plain(a, toDouble(p), x, batch);
        double change = 0;
        for (int n = 0; n < batch; n++) for (int o = 0; o < 3; o++) change = Math.max(change, Math.abs(plainAfter[n][o] - plainBefore[n][o]));
        assertTrue(change > 0.05, "a plain network's outputs move by " + change + " under the rescaling");
      }
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  private static float[] trainingOutputs(Network net, float[] x, int batch) {
    Architecture a = net.architecture();
    Workspace ws = new Workspace(a, batch, K, new Gemm(K, null));
    float[] grad = new float[a.parameters()];
    ws.forwardBackward(net, x, 0, new int[batch], 0, batch, Loss.CROSS_ENTROPY, 1f, grad, false, null, 0, 0);
    return ws.activation(a.depth()).clone();
  }

  /**
   * After training, evaluation uses the running averages; the folded plain network computes the same
   * outputs; files keep the running averages and the settings.
   */
  @Test
  void trainsEvaluatesFoldsAndRoundTrips(@TempDir Path dir) throws Exception {
    DatasetSpec.Splits s = DatasetSpec.load("digits", 0);
    Architecture a = new Architecture(64, 64, 10);
    for (boolean centred : new boolean[] {true, false}) {
      Network net = normalised(a, 1, centred ? 0 : 0.5, centred);
      try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.1, 0.9), TrainingConfig.builder()
          .batch(32).epochs(6).kernels(K).build())) {
        t.fit(s.train(), null, s.test());
        double error = t.history().get(5).testError();
        assertTrue(error < 0.06, net.normalization().describe() + ": test error " + error);
      }
      Workspace ws = new Workspace(a, 64, K, new Gemm(K, null));
      float[] normalisedOut = ws.forward(net, s.test().features(), 0, 64).clone();
      Network folded = net.normalization().folded(K, net);
      float[] foldedOut = ws.forward(folded, s.test().features(), 0, 64);
      for (int i = 0; i < foldedOut.length; i++) assertEquals(normalisedOut[i], foldedOut[i], 1e-4 * (1 + Math.abs(normalisedOut[i])));
      Path file = dir.resolve("n" + centred + ".safetensors");
      NetworkFiles.save(file, net, java.util.Map.of());
      Network back = NetworkFiles.load(file);
      assertEquals(net.normalization().describe(), back.normalization().describe());
      assertArrayEquals(net.parameters(), back.parameters());
      assertArrayEquals(net.normalization().runningMean(1), back.normalization().runningMean(1));
      assertArrayEquals(net.normalization().runningStatistic(1), back.normalization().runningStatistic(1));
      assertArrayEquals(normalisedOut, ws.forward(back, s.test().features(), 0, 64));
      // the folding agrees with one done by hand from the running averages (docs/algorithms.md §3.5)
      float[] byHand = ws.forward(org.pathnorm.testing.HandFolded.of(net), s.test().features(), 0, 64);
      for (int i = 0; i < byHand.length; i++) assertEquals(byHand[i], normalisedOut[i], 1e-4 * (1 + Math.abs(byHand[i])));
    }
  }
}
