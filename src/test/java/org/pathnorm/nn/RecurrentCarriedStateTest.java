package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.RecurrentModels.Readout;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * Truncated BPTT with the hidden state carried across windows ({@link Layer#resetState}, docs/algorithms.md
 * §3.4): the forward values of consecutive windows equal one long forward pass over their concatenation;
 * the gradient of a window equals a plain double-precision BPTT that starts from the carried h₀ and stops
 * there; resetting the state gives the stateless pass back. Both kernel paths, awkward sizes.
 */
class RecurrentCarriedStateTest {
  static final int[] HIDDEN = {1, 7, 16, 17, 33};

  static float[] gaussian(int n, double scale, SplittableRandom r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (scale * r.nextGaussian());
    return v;
  }

  /** The samples' windows w of a long input [batch × W·T × D]: [batch × T × D]. */
  static float[] window(float[] x, int batch, int windows, int steps, int d, int w) {
    float[] out = new float[batch * steps * d];
    for (int s = 0; s < batch; s++) System.arraycopy(x, (s * windows * steps + w * steps) * d, out, s * steps * d, steps * d);
    return out;
  }

  @Test
  void carriedWindowsEqualOneLongForwardPass() {
    int steps = 5, d = 3, windows = 3;
    for (Kernels k : KernelsUnderTest.all()) {
      for (Recurrent.Activation act : Recurrent.Activation.values()) {
        for (int h : HIDDEN) {
          for (int batch : new int[] {1, 3}) {
            SplittableRandom r = new SplittableRandom(h * 31L + batch);
            Recurrent win = new Recurrent(steps, d, h, act, Recurrent.Output.EVERY_STEP, 0);
            Recurrent lng = new Recurrent(windows * steps, d, h, act, Recurrent.Output.EVERY_STEP, 0);
            float[] p = gaussian(win.parameterCount(), 0.4, r);
            float[] x = gaussian(batch * windows * steps * d, 1, r);
            float[] yLong = new float[batch * windows * steps * h];
            lng.forward(p, 0, x, 0, batch, yLong, lng.newCache(batch, k, new Gemm(k, null)));
            Layer.Cache c = win.newCache(batch, k, new Gemm(k, null));
            win.resetState(c, true);
            float[] y = new float[batch * steps * h];
            for (int w = 0; w < windows; w++) {
              win.forward(p, 0, window(x, batch, windows, steps, d, w), 0, batch, y, c);
              for (int s = 0; s < batch; s++) {
                for (int i = 0; i < steps * h; i++) {
                  float want = yLong[(s * windows * steps + w * steps) * h + i];
                  assertEquals(want, y[s * steps * h + i], 1e-5 * (1 + Math.abs(want)),
                      k + " " + act + " H=" + h + " batch " + batch + " window " + w + " sample " + s + " value " + i);
                }
              }
            }
            // reset: the next pass starts from 0 again, as the long pass does
            win.resetState(c, true);
            win.forward(p, 0, window(x, batch, windows, steps, d, 0), 0, batch, y, c);
            for (int s = 0; s < batch; s++) {
              for (int i = 0; i < steps * h; i++) assertEquals(yLong[s * windows * steps * h + i], y[s * steps * h + i], 1e-5 * (1 + Math.abs(y[s * steps * h + i])));
            }
          }
        }
      }
    }
  }

  @Test
  void carriedStackedModelEqualsOneLongPass() {
    int steps = 4, windows = 3, d = 2, batch = 3;
    Sequential win = RecurrentModels.build(steps, d, new int[] {6, 5}, Recurrent.Activation.RELU, Readout.EVERY_STEP, 4, RecurrentInit.PYTORCH, 3);
    Sequential lng = RecurrentModels.build(windows * steps, d, new int[] {6, 5}, Recurrent.Activation.RELU, Readout.EVERY_STEP, 4,
        RecurrentInit.PYTORCH, 3);
    assertEquals(win.parameterCount(), lng.parameterCount());
    float[] x = gaussian(batch * windows * steps * d, 1, new SplittableRandom(5));
    float[] yLong = lng.predict(x);
    for (Kernels k : KernelsUnderTest.all()) {
      ModelWorkspace ws = win.newWorkspace(batch, k, new Gemm(k, null));
      ws.resetState(true);
      for (int w = 0; w < windows; w++) {
        float[] y = ws.forward(win, window(x, batch, windows, steps, d, w), 0, batch);
        for (int s = 0; s < batch; s++) {
          for (int i = 0; i < steps * 4; i++) {
            float want = yLong[(s * windows * steps + w * steps) * 4 + i];
            assertEquals(want, y[s * steps * 4 + i], 1e-5 * (1 + Math.abs(want)), k + " window " + w + " sample " + s + " output " + i);
          }
        }
      }
    }
  }

  /**
   * The gradient of window 2 with the state carried from window 1 against a plain double BPTT over window 2
   * from that h₀ with no gradient into it (truncation): every parameter and dX.
   */
  @Test
  void gradientsStopAtTheCarriedState() {
    int steps = 6, d = 3, batch = 2;
    for (Kernels k : KernelsUnderTest.all()) {
      for (Recurrent.Activation act : Recurrent.Activation.values()) {
        for (int h : HIDDEN) {
          SplittableRandom r = new SplittableRandom(7 * h);
          Recurrent layer = new Recurrent(steps, d, h, act, Recurrent.Output.EVERY_STEP, 0);
          float[] p = gaussian(layer.parameterCount(), 0.5, r);
          float[] x1 = gaussian(batch * steps * d, 1, r);
          float[] x2 = gaussian(batch * steps * d, 1, r);
          float[] dy = gaussian(batch * steps * h, 1, r);
          Layer.Cache c = layer.newCache(batch, k, new Gemm(k, null));
          layer.resetState(c, true);
          float[] y1 = new float[batch * steps * h];
          layer.forward(p, 0, x1, 0, batch, y1, c);
          double[] h0 = new double[batch * h];
          for (int s = 0; s < batch; s++) for (int j = 0; j < h; j++) h0[s * h + j] = y1[(s * steps + steps - 1) * h + j];
          float[] y2 = new float[batch * steps * h];
          layer.forward(p, 0, x2, 0, batch, y2, c);
          float[] grad = new float[layer.parameterCount()];
          float[] dX = new float[x2.length];
          layer.backward(p, 0, x2, 0, y2, dy.clone(), batch, grad, 0, false, dX, c);
          double[] refGrad = new double[grad.length];
          double[] refDx = new double[dX.length];
          referenceBptt(p, h0, x2, dy, batch, steps, d, h, act, refGrad, refDx);
          assertClose(refGrad, grad, k + " " + act + " H=" + h + " parameter ");
          assertClose(refDx, dX, k + " " + act + " H=" + h + " dX ");
          // the carried state matters: the same window from h₀ = 0 has another W_hh gradient (unless H = 1 and h₀ = 0)
          if (h > 1) {
            Layer.Cache fresh = layer.newCache(batch, k, new Gemm(k, null));
            float[] yFresh = new float[y2.length];
            layer.forward(p, 0, x2, 0, batch, yFresh, fresh);
            float[] g0 = new float[grad.length];
            layer.backward(p, 0, x2, 0, yFresh, dy.clone(), batch, g0, 0, false, null, fresh);
            double diff = 0;
            for (int i = 0; i < g0.length; i++) diff = Math.max(diff, Math.abs(g0[i] - grad[i]));
            assertTrue(diff > 1e-3, "carried and reset gradients coincide: " + diff);
          }
        }
      }
    }
  }

  static void assertClose(double[] want, float[] got, String what) {
    for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 2e-4 * (1 + Math.abs(want[i])), what + i);
  }

  /** Plain BPTT in double over one window from a constant h₀: z_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh, h_t = act(z_t). */
  static void referenceBptt(float[] p, double[] h0, float[] x, float[] dy, int batch, int steps, int d, int h, Recurrent.Activation act,
      double[] grad, double[] dx) {
    int whh = h * d, bih = whh + h * h, bhh = bih + h;
    for (int s = 0; s < batch; s++) {
      double[][] hs = new double[steps + 1][h];
      for (int j = 0; j < h; j++) hs[0][j] = h0[s * h + j];
      for (int t = 1; t <= steps; t++) {
        for (int j = 0; j < h; j++) {
          double z = p[bih + j] + p[bhh + j];
          for (int q = 0; q < d; q++) z += p[j * d + q] * x[(s * steps + t - 1) * d + q];
          for (int q = 0; q < h; q++) z += p[whh + j * h + q] * hs[t - 1][q];
          hs[t][j] = act == Recurrent.Activation.RELU ? Math.max(z, 0) : Math.tanh(z);
        }
      }
      double[] dh = new double[h];
      for (int t = steps; t >= 1; t--) {
        double[] dz = new double[h];
        for (int j = 0; j < h; j++) {
          double g = dh[j] + dy[(s * steps + t - 1) * h + j];
          double v = hs[t][j];
          dz[j] = act == Recurrent.Activation.RELU ? (v > 0 ? g : 0) : g * (1 - v * v);
        }
        java.util.Arrays.fill(dh, 0);
        for (int j = 0; j < h; j++) {
          for (int q = 0; q < d; q++) {
            grad[j * d + q] += dz[j] * x[(s * steps + t - 1) * d + q];
            dx[(s * steps + t - 1) * d + q] += p[j * d + q] * dz[j];
          }
          for (int q = 0; q < h; q++) {
            grad[whh + j * h + q] += dz[j] * hs[t - 1][q];
            if (t > 1) dh[q] += p[whh + j * h + q] * dz[j];
          }
          grad[bih + j] += dz[j];
          grad[bhh + j] += dz[j];
        }
      }
    }
  }
}
