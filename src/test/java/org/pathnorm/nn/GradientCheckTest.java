package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * Backprop against central finite differences of a double-precision reference forward pass, for every
 * parameter of a 3-layer net with biases, with and without dropout, for both losses and both kernel
 * paths.
 */
class GradientCheckTest {

  /** Σ_s ℓ_s computed in double with the network's (float) parameters and the given dropout masks. */
  static double referenceLoss(Architecture a, double[] p, float[] x, int[] y, int batch, Loss loss, float[][] masks) {
    double total = 0;
    for (int s = 0; s < batch; s++) {
      double[] in = new double[a.inputs()];
      for (int k = 0; k < in.length; k++) in[k] = x[s * a.inputs() + k];
      for (int layer = 0; layer < a.depth(); layer++) {
        double[] z = new double[a.out(layer)];
        for (int j = 0; j < z.length; j++) {
          double sum = p[a.biasOffset(layer) + j];
          for (int k = 0; k < in.length; k++) sum += p[a.weightOffset(layer) + j * a.in(layer) + k] * in[k];
          boolean hidden = layer < a.depth() - 1;
          z[j] = hidden ? Math.max(sum, 0) : sum;
          if (hidden && masks != null) z[j] *= masks[layer + 1][s * z.length + j];
        }
        in = z;
      }
      int c = a.outputs();
      if (loss == Loss.CROSS_ENTROPY) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : in) max = Math.max(max, v);
        double sum = 0;
        for (double v : in) sum += Math.exp(v - max);
        total += Math.log(sum) + max - in[y[s]];
      } else {
        for (int j = 0; j < c; j++) {
          double d = in[j] - (j == y[s] ? 1 : 0);
          total += 0.5 * d * d;
        }
      }
    }
    return total;
  }

  private static void check(Kernels kernels, Loss loss, double dropP) {
    Architecture a = new Architecture(5, 7, 6, 3);
    Network net = new Network(a);
    Initializer.PYTORCH.initialize(net, 11);
    int batch = 4;
    SplittableRandom r = new SplittableRandom(3);
    float[] x = new float[batch * a.inputs()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] y = {0, 2, 1, 2};
    Dropout dropout = dropP > 0 ? new Dropout(dropP, 99) : null;
    float[][] masks = null;
    if (dropout != null) {
      masks = new float[a.depth()][];
      for (int h = 1; h < a.depth(); h++) {
        masks[h] = new float[batch * a.width(h)];
        dropout.mask(5, 0, batch, h, a.width(h), masks[h]);
      }
    }
    Workspace ws = new Workspace(a, batch, kernels, new Gemm(kernels, null));
    float[] grad = new float[a.parameters()];
    double lossValue = ws.forwardBackward(net, x, 0, y, 0, batch, loss, 1f, grad, false, dropout, 5, 0);

    double[] p = new double[a.parameters()];
    for (int i = 0; i < p.length; i++) p[i] = net.parameters()[i];
    double ref = referenceLoss(a, p, x, y, batch, loss, masks);
    assertTrue(Math.abs(ref - lossValue) <= 1e-5 * Math.abs(ref), "loss " + lossValue + " vs reference " + ref);
    double h = 1e-6;
    for (int i = 0; i < p.length; i++) {
      double keep = p[i];
      p[i] = keep + h;
      double up = referenceLoss(a, p, x, y, batch, loss, masks);
      p[i] = keep - h;
      double down = referenceLoss(a, p, x, y, batch, loss, masks);
      p[i] = keep;
      double numeric = (up - down) / (2 * h);
      double err = Math.abs(numeric - grad[i]);
      assertTrue(err <= 2e-4 * Math.max(1, Math.abs(numeric)),
          kernels.name() + " " + loss + " dropout " + dropP + ": dθ[" + i + "] = " + grad[i] + ", finite difference " + numeric);
    }
  }

  @Test
  void crossEntropyNetworkGradient() {
    for (Kernels k : KernelsUnderTest.all()) check(k, Loss.CROSS_ENTROPY, 0);
  }

  @Test
  void crossEntropyWithDropout() {
    for (Kernels k : KernelsUnderTest.all()) check(k, Loss.CROSS_ENTROPY, 0.4);
  }

  @Test
  void mseNetworkGradient() {
    for (Kernels k : KernelsUnderTest.all()) check(k, Loss.MSE, 0.25);
  }

  @Test
  void accumulateAddsToTheGradient() {
    Kernels k = KernelsUnderTest.all().get(0);
    Architecture a = new Architecture(4, 5, 3);
    Network net = new Network(a);
    Initializer.GAUSSIAN.initialize(net, 2);
    float[] x = {1, -2, 3, 0.5f, -1, 0.25f, 2, 1};
    int[] y = {1, 2};
    Workspace ws = new Workspace(a, 2, k, new Gemm(k, null));
    float[] once = new float[a.parameters()];
    ws.forwardBackward(net, x, 0, y, 0, 2, Loss.CROSS_ENTROPY, 0.5f, once, false, null, 0, 0);
    float[] twice = once.clone();
    ws.forwardBackward(net, x, 0, y, 0, 2, Loss.CROSS_ENTROPY, 0.5f, twice, true, null, 0, 0);
    for (int i = 0; i < once.length; i++) {
      assertTrue(Math.abs(twice[i] - 2 * once[i]) <= 1e-6 * (1 + Math.abs(once[i])), "accumulate at " + i);
    }
  }
}
