package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.RecurrentModels.Readout;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Recurrent} and {@link StepLinear} in {@link RecurrentModels}: the {@link ModelContract} for ReLU
 * and tanh, last-step and every-step read-outs, one and two stacked layers, on both kernel paths; the
 * forward pass against a plain double-precision loop of PyTorch's {@code nn.RNN} formula.
 */
class RecurrentTest {

  static Sequential model(int steps, int d, int[] hidden, Recurrent.Activation act, Readout readout, int out, long seed) {
    Sequential m = RecurrentModels.build(steps, d, hidden, act, readout, out, RecurrentInit.PYTORCH, seed);
    // away from ReLU kinks and with non-trivial biases
    SplittableRandom r = new SplittableRandom(seed + 99);
    for (int i = 0; i < m.parameterCount(); i++) m.parameters()[i] += (float) (0.3 * r.nextGaussian());
    return m;
  }

  @Test
  void satisfiesTheModelContract(@TempDir Path dir) throws Exception {
    for (Kernels k : KernelsUnderTest.all()) {
      for (Recurrent.Activation act : Recurrent.Activation.values()) {
        for (Readout readout : Readout.values()) {
          for (int[] hidden : new int[][] {{5}, {4, 3}}) {
            for (int steps : new int[] {1, 4}) {
              Sequential m = model(steps, 3, hidden, act, readout, 2, 17 + steps);
              for (Loss loss : Loss.values()) ModelContract.gradients(m, k, 3, loss, 11, 4, 2e-2);
              // tanh is not positively homogeneous: node rescaling changes its function, so only ReLU
              // models are checked for invariance
              if (act == Recurrent.Activation.RELU) {
                for (int t : new int[] {1, 2, 7}) {
                  Sequential longer = RecurrentModels.build(t, 3, hidden, act, readout, 2, RecurrentInit.PYTORCH, 1);
                  System.arraycopy(m.parameters(), 0, longer.parameters(), 0, m.parameterCount());
                  ModelContract.rescalingInvariance(longer, k, 5 + t, 2, 1e-4, 1e-5);
                }
              }
              ModelContract.tensorsTileTheParameters(m);
              ModelContract.fileRoundTrip(m, dir);
            }
          }
        }
      }
    }
  }

  @Test
  void tensorNamesArePyTorchs() {
    Sequential m = RecurrentModels.build(3, 2, new int[] {4, 5}, Recurrent.Activation.RELU, Readout.LAST_STEP, 1, RecurrentInit.IRNN, 1);
    assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_ih_l1",
        "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1", "fc.weight", "fc.bias"), m.tensors().stream().map(ParameterTensor::name).toList());
    assertArrayEquals(new int[] {5, 4}, m.tensors().get(4).shape());
  }

  /** Forward of every configuration against h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) in double, batch sizes with tails. */
  @Test
  void forwardMatchesThePlainFormula() {
    for (Kernels k : KernelsUnderTest.all()) {
      for (Recurrent.Activation act : Recurrent.Activation.values()) {
        for (Readout readout : Readout.values()) {
          for (int batch : new int[] {1, 5, 9}) {
            for (int hidden : new int[] {1, 7, 17, 33}) {
              int steps = 6, d = 3, out = 2;
              Sequential m = model(steps, d, new int[] {hidden}, act, readout, out, hidden * 31L + batch);
              float[] x = ModelContract.inputs(m, batch, 5);
              float[] got = m.newWorkspace(batch, k, new Gemm(k, null)).forward(m, x, 0, batch);
              double[] want = reference(m, x, batch);
              for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), k.name() + " " + m.describe() + " batch " + batch + " output " + i);
              }
            }
          }
        }
      }
    }
  }

  /** The plain double-precision forward of a single-layer model from {@link RecurrentModels}. */
  static double[] reference(Sequential m, float[] x, int batch) {
    Recurrent r = (Recurrent) m.layers().get(0);
    Layer fc = m.layers().get(1);
    float[] p = m.parameters();
    int steps = r.steps(), d = r.inputsPerStep(), h = r.hidden();
    int out = fc instanceof StepLinear ? fc.outputSize() / steps : fc.outputSize();
    int whh = r.recurrentWeightOffset(), b = r.biasOffset(), w = m.layerOffset(1), wb = w + h * out;
    double[] y = new double[batch * m.outputSize()];
    for (int s = 0; s < batch; s++) {
      double[] prev = new double[h];
      for (int t = 0; t < steps; t++) {
        double[] cur = new double[h];
        for (int j = 0; j < h; j++) {
          double z = (double) p[b + j] + p[b + h + j];
          for (int i = 0; i < d; i++) z += (double) p[j * d + i] * x[(s * steps + t) * d + i];
          for (int i = 0; i < h; i++) z += (double) p[whh + j * h + i] * prev[i];
          cur[j] = r.activation() == Recurrent.Activation.RELU ? Math.max(z, 0) : Math.tanh(z);
        }
        prev = cur;
        boolean emit = fc instanceof StepLinear || t == steps - 1;
        if (emit) {
          int row = fc instanceof StepLinear ? (s * steps + t) * out : s * out;
          for (int v = 0; v < out; v++) {
            double o = p[wb + v];
            for (int j = 0; j < h; j++) o += (double) p[w + v * h + j] * cur[j];
            y[row + v] = o;
          }
        }
      }
    }
    return y;
  }

  /** Backward with accumulate adds to what is there; a pass over a smaller batch than the workspace holds is exact too. */
  @Test
  void accumulatesAndHandlesPartialBatches() {
    Kernels k = KernelsUnderTest.all().get(0);
    Sequential m = model(5, 2, new int[] {6}, Recurrent.Activation.RELU, Readout.EVERY_STEP, 3, 4);
    int batch = 4;
    float[] x = ModelContract.inputs(m, batch, 1);
    int labels = m.labelsPerSample();   // every step is scored against its own label
    int[] y = new int[batch * labels];
    for (int i = 0; i < y.length; i++) y[i] = (i * 7) % (m.outputSize() / labels);
    float[] g1 = new float[m.parameterCount()], g2 = new float[m.parameterCount()];
    ModelWorkspace small = m.newWorkspace(batch, k, new Gemm(k, null)), big = m.newWorkspace(11, k, new Gemm(k, null));
    small.forwardBackward(m, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 1f, g1, false, null, 0, 0);
    big.forwardBackward(m, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 1f, g2, false, null, 0, 0);
    assertArrayEquals(g1, g2);
    big.forwardBackward(m, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 1f, g2, true, null, 0, 0);
    for (int i = 0; i < g1.length; i++) assertEquals(2 * g1[i], g2[i], 1e-6 * Math.abs(g1[i]) + 1e-12, "parameter " + i);
  }

  @Test
  void initialisations() {
    Sequential irnn = RecurrentModels.build(3, 2, new int[] {4}, Recurrent.Activation.RELU, Readout.LAST_STEP, 1, RecurrentInit.IRNN, 3);
    Recurrent r = (Recurrent) irnn.layers().get(0);
    float[] p = irnn.parameters();
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 4; i++) assertEquals(j == i ? 1f : 0f, p[r.recurrentWeightOffset() + j * 4 + i]);
      assertEquals(0f, p[r.biasOffset() + j]);
    }
    for (int i = 0; i < 8; i++) assertEquals(0, p[i], 5 * RecurrentInit.IRNN_INPUT_STD);
    Sequential py = RecurrentModels.build(3, 2, new int[] {16}, Recurrent.Activation.RELU, Readout.LAST_STEP, 1, RecurrentInit.PYTORCH, 3);
    for (int i = 0; i < py.layers().get(0).parameterCount(); i++) assertEquals(0, py.parameters()[i], 0.25);
    assertArrayEquals(py.parameters(),
        RecurrentModels.build(3, 2, new int[] {16}, Recurrent.Activation.RELU, Readout.LAST_STEP, 1, RecurrentInit.PYTORCH, 3).parameters());
    assertThrows(IllegalArgumentException.class, () -> RecurrentInit.parse("orthogonal"));
    assertThrows(IllegalArgumentException.class, () -> new Recurrent(0, 1, 1, Recurrent.Activation.RELU, Recurrent.Output.LAST_STEP, 0));
  }
}
