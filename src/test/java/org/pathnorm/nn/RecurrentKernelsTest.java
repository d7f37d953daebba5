package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The fast paths of {@link Recurrent} (small-matrix step products with padded W_hh, the small-D input
 * projection, dW_ih and dW_hh over all steps by {@link Kernels#smallGemmTn}, and the packed-GEMM branches
 * past {@code SMALL_INPUT} and {@code SMALL_HIDDEN}) against a plain double-precision RNN over awkward H,
 * batch, T and D, on both kernel paths, ReLU and tanh, both outputs; and the path pass's reuse of σ
 * between pathForward and pathBackward against a fresh pass, including after the parameters change.
 * Every case also runs with the hidden state carried ({@link Layer#resetState}): the reference then
 * starts from the h_T that a first pass left, as its constant h₀ (no gradient into it).
 */
class RecurrentKernelsTest {

  @Test
  void forwardAndBackwardMatchAPlainRnn() {
    int[][] shapes = { // H, batch, T, D
        {1, 1, 1, 1}, {7, 3, 2, 2}, {15, 7, 3, 1}, {16, 16, 2, 2}, {17, 5, 7, 3}, {31, 17, 2, 2}, {33, 7, 3, 33},
        {17, 2, 2, Recurrent.SMALL_INPUT + 3}, {Recurrent.SMALL_HIDDEN + 1, 2, 2, 2}, {100, 5, 4, 2},
        // whole-row tiles (97 … 112 columns at 16 lanes) with every m mod 3; T·batch past the 256-row slabs of the
        // weight gradients; batch 50 (the step-by-step input projection over a whole step)
        {100, 50, 7, 1}, {112, 13, 23, 2}, {97, 3, 90, 3},
        // above PACKED_HIDDEN: the step products on the pre-packed W_hh, with edge tiles in rows and columns
        {Recurrent.PACKED_HIDDEN + 1, 9, 3, 2}, {300, 17, 2, 3}, {Recurrent.PACKED_HIDDEN + 1, 2, 2, Recurrent.SMALL_INPUT + 3}};
    SplittableRandom r = new SplittableRandom(3);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] s : shapes) {
        for (Recurrent.Activation act : Recurrent.Activation.values()) {
          for (Recurrent.Output out : Recurrent.Output.values()) {
            for (boolean carried : new boolean[] {false, true}) check(kernels, s[0], s[1], s[2], s[3], act, out, carried, r);
          }
        }
      }
    }
  }

  private static void check(Kernels kernels, int hidden, int batch, int steps, int in, Recurrent.Activation act, Recurrent.Output out,
      boolean carried, SplittableRandom r) {
    Recurrent layer = new Recurrent(steps, in, hidden, act, out, 0);
    float[] p = random(layer.parameterCount(), 0.5 / Math.sqrt(hidden), r);
    float[] x = random(batch * layer.inputSize(), 1, r);
    float[] dY = random(batch * layer.outputSize(), 1, r);
    Layer.Cache cache = layer.newCache(batch, kernels, new Gemm(kernels, null));
    float[] y = new float[batch * layer.outputSize()];
    // accumulating into a gradient that already holds something, or overwriting it
    boolean accumulate = r.nextBoolean();
    float[] grad0 = random(layer.parameterCount(), 1, r);
    float[] grad = grad0.clone();
    float[] dX = new float[x.length];
    // h₀ [batch × H]: 0, or the h_T that a first pass over other inputs left in the cache
    double[] h0 = new double[batch * hidden];
    if (carried) {
      layer.resetState(cache, true);
      layer.forward(p, 0, random(x.length, 1, r), 0, batch, y, cache);
      for (int s = 0; s < batch; s++) {
        int o = out == Recurrent.Output.LAST_STEP ? s * hidden : (s * steps + steps - 1) * hidden;
        for (int j = 0; j < hidden; j++) h0[s * hidden + j] = y[o + j];
      }
    }
    layer.forward(p, 0, x, 0, batch, y, cache);
    layer.backward(p, 0, x, 0, y, dY.clone(), batch, grad, 0, accumulate, dX, cache);

    // the plain RNN in double
    int ih = 0, hh = hidden * in, bi = hh + hidden * hidden, bh = bi + hidden;
    double[] wantGrad = new double[grad.length];
    double[] wantDx = new double[x.length];
    String what = kernels.name() + " H=" + hidden + " batch=" + batch + " T=" + steps + " D=" + in + " " + act + " " + out
        + (carried ? " carried" : "");
    for (int s = 0; s < batch; s++) {
      double[][] h = new double[steps + 1][hidden];
      for (int j = 0; j < hidden; j++) h[0][j] = h0[s * hidden + j];
      for (int t = 1; t <= steps; t++) {
        for (int j = 0; j < hidden; j++) {
          double z = (double) p[bi + j] + p[bh + j];
          for (int k = 0; k < in; k++) z += (double) p[ih + j * in + k] * x[s * steps * in + (t - 1) * in + k];
          for (int k = 0; k < hidden; k++) z += (double) p[hh + j * hidden + k] * h[t - 1][k];
          h[t][j] = act == Recurrent.Activation.RELU ? Math.max(z, 0) : Math.tanh(z);
        }
      }
      for (int t = 1; t <= steps; t++) {
        if (out == Recurrent.Output.LAST_STEP && t < steps) continue;
        for (int j = 0; j < hidden; j++) {
          int o = out == Recurrent.Output.LAST_STEP ? s * hidden + j : (s * steps + t - 1) * hidden + j;
          assertEquals(h[t][j], y[o], 1e-5 * (1 + Math.abs(h[t][j])), what + ": output");
        }
      }
      double[] dh = new double[hidden];
      for (int t = steps; t >= 1; t--) {
        double[] dz = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double g = dh[j];
          if (out == Recurrent.Output.EVERY_STEP) g += dY[(s * steps + t - 1) * hidden + j];
          else if (t == steps) g += dY[s * hidden + j];
          dz[j] = act == Recurrent.Activation.RELU ? (h[t][j] > 0 ? g : 0) : g * (1 - h[t][j] * h[t][j]);
        }
        double[] prev = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          for (int k = 0; k < in; k++) {
            int xi = s * steps * in + (t - 1) * in + k;
            wantGrad[ih + j * in + k] += dz[j] * x[xi];
            wantDx[xi] += dz[j] * p[ih + j * in + k];
          }
          for (int k = 0; k < hidden; k++) {
            wantGrad[hh + j * hidden + k] += dz[j] * h[t - 1][k];
            prev[k] += dz[j] * p[hh + j * hidden + k];
          }
          wantGrad[bi + j] += dz[j];
          wantGrad[bh + j] += dz[j];
        }
        dh = prev;
      }
    }
    double scale = 0;
    for (double v : wantGrad) scale = Math.max(scale, Math.abs(v));
    for (int i = 0; i < grad.length; i++) {
      double want = (accumulate ? grad0[i] : 0) + wantGrad[i];
      assertEquals(want, grad[i], 1e-4 * (1 + scale), what + (accumulate ? " accumulate" : "") + ": grad " + i);
    }
    for (int i = 0; i < dX.length; i++) assertEquals(wantDx[i], dX[i], 1e-4 * (1 + scale), what + ": dX " + i);
  }

  @Test
  void thePathPassReusesSigmaOnlyWhenNothingChanged() {
    SplittableRandom r = new SplittableRandom(9);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int hidden : new int[] {1, 7, 17, 33}) {
        int steps = 5, in = 3;
        Recurrent layer = new Recurrent(steps, in, hidden, Recurrent.Activation.RELU, Recurrent.Output.EVERY_STEP, 0);
        float[] p = random(layer.parameterCount(), 0.5, r);
        double[] inSums = new double[steps * in];
        java.util.Arrays.fill(inSums, 1.0);
        double[] dOut = new double[steps * hidden];
        java.util.Arrays.fill(dOut, 1.0);
        Gemm gemm = new Gemm(kernels, null);
        Layer.PathCache warm = layer.newPathCache(kernels, gemm);
        double[] outSums = new double[steps * hidden];
        // pathForward on other parameters and inputs, then pathBackward on these: σ must be recomputed
        float[] other = random(p.length, 0.5, r);
        double[] otherIn = inSums.clone();
        otherIn[2] = 3;
        for (int variant = 0; variant < 3; variant++) {
          float[] pf = variant == 1 ? other : p;
          double[] inf = variant == 2 ? otherIn : inSums;
          layer.pathForward(pf, 0, 2, inf, outSums, true, warm);
          float[] viaWarm = new float[p.length];
          layer.pathBackward(p, 0, 2, inSums, dOut, new double[steps * in], viaWarm, 0, warm);
          float[] fresh = new float[p.length];
          layer.pathBackward(p, 0, 2, inSums, dOut, new double[steps * in], fresh, 0, layer.newPathCache(kernels, gemm));
          assertArrayEquals(fresh, viaWarm, 0f, kernels.name() + " H=" + hidden + " variant " + variant);
        }
      }
    }
  }

  private static float[] random(int n, double scale, SplittableRandom r) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (scale * (r.nextDouble() * 2 - 1));
    return v;
  }
}
