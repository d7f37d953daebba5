package org.pathnorm.nn;

import java.util.Arrays;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * RNN-Path's κ⁽¹⁾ pass of one {@link Recurrent} layer in single precision, the one Path-SGD runs every
 * step (docs/algorithms.md §3.4): the unrolled network at power 2 with identity activations,
 *
 * <pre>  σ_t = b_ih² + b_hh² + W_ih²·x_t + W_hh²·σ_{t−1},  σ_0 = 0            (forward, t = 1 … T)
 *  g_t = dOut_t + (W_hh²)ᵀ·g_{t+1},  g_{T+1} = 0                           (adjoints, t = T … 1)
 *  κ(W_hh) = Σ_t g_t·σ_{t−1}ᵀ,  κ(W_ih) = Σ_t g_t·x_tᵀ,  κ(b) = Σ_t g_t,  dIn_t = (W_ih²)ᵀ·g_t</pre>
 *
 * The two chains square the float weights on the fly ({@link Kernels#addSquaredMatVec}: dot products
 * with W_hh's rows for σ, or up to {@link #TRANSPOSED_MAX} units σ added along the rows of W_hhᵀ;
 * {@link Kernels#addSquaredMatTVec}: g added along W_hh's rows), so W_hh² is never stored and W_hh (or
 * its transpose) is read 4 bytes per weight per step; the sums over the T copies of each shared weight are one
 * product each over all steps. Against the double pass ({@link Recurrent#newPathCache()}) this differs
 * only by float rounding (relative ≤ 1e-5 elementwise, tested); where the sums leave float's range, or at another
 * power, the layer runs the double pass instead ({@link SinglePrecision}), so the answer never
 * overflows where double would not.
 */
final class RecurrentFloatPath implements Layer.PathCache {
  /**
   * Hidden sizes up to which the σ chain runs along the rows of a transposed copy of W_hh
   * ({@link Kernels#addSquaredMatTVec}: no reductions) rather than as dot products with W_hh's rows
   * ({@link Kernels#addSquaredMatVec}: a sum over the lanes per row and step, which dominates at H = 100).
   * Whole κ pass, CPU time, one JVM each way (1 thread, Zen 4): T = 100, H = 100: 370–540 µs dot
   * products against 210–290 µs transposed; T = 50, H = 256: 690–930 against 490–630 µs; H = 512 within
   * noise; H = 1024: the transpose costs more than it saves (forward chain 4.6 against 7.4–8.3 ms).
   */
  static final int TRANSPOSED_MAX = 256;

  private final Recurrent layer;
  private final Kernels kernels;
  private final Gemm gemm;
  private final int steps;
  private final int in;
  private final int hidden;
  /** The input sums x [T × D]. */
  private final float[] x;
  /** W_ih² [H × D]. */
  private final float[] qIh;
  /** (W_ih²)ᵀ [D × H], for D ≤ {@link Recurrent#SMALL_INPUT} (else empty). */
  private final float[] qIhT;
  /** W_hhᵀ [H × H], for the σ chain at H ≤ {@link #TRANSPOSED_MAX} (else empty). */
  private final float[] wT;
  /** σ_0 … σ_T [(T+1) × H]. */
  private final float[] sums;
  /** g_1 … g_{T+1} in rows 1 … T+1 of [(T+2) × H] (row t is g_t; row 0 unused, row T+1 zero). */
  private final float[] adj;
  /** b_ih² + b_hh² [H], then κ of the biases. */
  private final float[] bias;
  /** dIn [T × D]. */
  private final float[] dx;
  /** What σ was last computed from (with bias paths), when {@link #current}. */
  private final float[] pSeen;
  private final double[] inSeen;
  private boolean current;
  /**
   * The double pass's scratch, allocated up front: RNN-Path from a large init can leave float's range
   * after a few steps, and a step must not allocate then either.
   */
  private final Recurrent.PathBuffers exact;

  RecurrentFloatPath(Recurrent layer, Kernels kernels, Gemm gemm) {
    this.layer = layer;
    this.kernels = kernels;
    this.gemm = gemm;
    steps = layer.steps();
    in = layer.inputsPerStep();
    hidden = layer.hidden();
    x = new float[steps * in];
    qIh = new float[hidden * in];
    qIhT = new float[in <= Recurrent.SMALL_INPUT ? in * hidden : 0];
    wT = new float[hidden <= TRANSPOSED_MAX ? hidden * hidden : 0];
    sums = new float[(steps + 1) * hidden];
    adj = new float[(steps + 2) * hidden];
    bias = new float[hidden];
    dx = new float[steps * in];
    pSeen = new float[layer.parameterCount()];
    inSeen = new double[steps * in];
    exact = new Recurrent.PathBuffers(layer, kernels);
  }

  /** The double pass's scratch, for what this pass hands over. */
  Recurrent.PathBuffers exact() {
    return exact;
  }

  /** The forward pass at power 2 into {@code outSums}; false (nothing written) if it left float's range. */
  boolean forward(float[] p, int pOff, double[] inSums, double[] outSums, boolean biasPaths) {
    current = false;
    if (!sums(p, pOff, inSums, biasPaths)) return false;
    if (biasPaths) {
      current = true;
      System.arraycopy(p, pOff, pSeen, 0, pSeen.length);
      System.arraycopy(inSums, 0, inSeen, 0, inSeen.length);
    }
    int from = layer.output() == Recurrent.Output.LAST_STEP ? steps * hidden : hidden;
    for (int i = 0; i < layer.outputSize(); i++) outSums[i] = sums[from + i];
    return true;
  }

  // σ_t for t = 1 … T: the bias, the input projection of all steps, then the recurrence down W_hh's rows
  private boolean sums(float[] p, int pOff, double[] inSums, boolean biasPaths) {
    if (!SinglePrecision.narrow(inSums, 0, steps * in, x, 0)) return false;
    int hh = pOff + layer.recurrentWeightOffset();
    int b = pOff + layer.biasOffset();
    for (int j = 0; j < hidden; j++) bias[j] = biasPaths ? p[b + j] * p[b + j] + p[b + hidden + j] * p[b + hidden + j] : 0f;
    kernels.square(p, pOff, qIh, 0, hidden * in);
    Arrays.fill(sums, 0, hidden, 0f);
    for (int t = 1; t <= steps; t++) System.arraycopy(bias, 0, sums, t * hidden, hidden);
    if (in <= Recurrent.SMALL_INPUT) {
      Recurrent.transpose(qIh, 0, hidden, in, qIhT);
      kernels.smallGemm(steps, hidden, in, x, 0, in, qIhT, 0, hidden, sums, hidden, hidden, false);
    } else {
      gemm.abt(steps, hidden, in, x, 0, in, qIh, 0, in, sums, hidden, hidden, true);
    }
    boolean transposed = hidden <= TRANSPOSED_MAX;
    if (transposed) Recurrent.transpose(p, hh, hidden, hidden, wT);
    for (int t = 2; t <= steps; t++) {
      int cur = t * hidden, prev = cur - hidden;
      if (transposed) kernels.addSquaredMatTVec(hidden, hidden, sums, prev, wT, 0, hidden, sums, cur);
      else kernels.addSquaredMatVec(hidden, hidden, p, hh, hidden, sums, prev, sums, cur);
    }
    return SinglePrecision.finite(sums, hidden, steps * hidden);
  }

  /**
   * The backward pass at power 2: dq += κ of the layer's parameters, dIn = the adjoint at its input;
   * false (nothing written) if it left float's range.
   */
  boolean backward(float[] p, int pOff, double[] inSums, double[] dOut, double[] dIn, float[] dq, int dqOff) {
    boolean same = current && Arrays.equals(p, pOff, pOff + pSeen.length, pSeen, 0, pSeen.length)
        && Arrays.equals(inSums, 0, inSeen.length, inSeen, 0, inSeen.length);
    current = false;
    if (!same && !sums(p, pOff, inSums, true)) return false;
    if (!adjoints(p, pOff, dOut)) return false;
    if (dIn != null) {
      // dIn [T × D] = g [T × H] · W_ih² [H × D]
      gemm.ab(steps, in, hidden, adj, hidden, hidden, qIh, 0, in, dx, 0, in, false);
      if (!SinglePrecision.finite(dx, 0, steps * in)) return false;
      for (int i = 0; i < steps * in; i++) dIn[i] = dx[i];
    }
    // κ(W_ih) [H × D] += gᵀ·x and κ(W_hh) [H × H] += gᵀ·σ_{0 … T−1}: the sums over the T copies
    gemm.atb(hidden, in, steps, adj, hidden, hidden, x, 0, in, dq, dqOff, in, true);
    int hh = dqOff + layer.recurrentWeightOffset();
    if (hidden <= Recurrent.SMALL_HIDDEN) {
      kernels.smallGemmTn(hidden, hidden, steps, adj, hidden, hidden, sums, 0, hidden, dq, hh, hidden, true);
    } else {
      gemm.atb(hidden, hidden, steps, adj, hidden, hidden, sums, 0, hidden, dq, hh, hidden, true);
    }
    Arrays.fill(bias, 0f);
    kernels.addColumnSums(adj, hidden, steps, hidden, hidden, bias, 0);
    int b = dqOff + layer.biasOffset();
    for (int j = 0; j < hidden; j++) {
      dq[b + j] += bias[j];
      dq[b + hidden + j] += bias[j];
    }
    return true;
  }

  // g_t for t = T … 1 along W_hh's rows: g_t = dOut_t + Σ_j g_{t+1}[j]·W_hh[j, :]²
  private boolean adjoints(float[] p, int pOff, double[] dOut) {
    int hh = pOff + layer.recurrentWeightOffset();
    boolean everyStep = layer.output() == Recurrent.Output.EVERY_STEP;
    Arrays.fill(adj, (steps + 1) * hidden, (steps + 2) * hidden, 0f);
    for (int t = steps; t >= 1; t--) {
      int g = t * hidden, next = g + hidden;
      if (everyStep) {
        if (!SinglePrecision.narrow(dOut, (t - 1) * hidden, hidden, adj, g)) return false;
      } else if (t == steps) {
        if (!SinglePrecision.narrow(dOut, 0, hidden, adj, g)) return false;
      } else {
        Arrays.fill(adj, g, g + hidden, 0f);
      }
      if (t == steps) continue;
      kernels.addSquaredMatTVec(hidden, hidden, adj, next, p, hh, hidden, adj, g);
    }
    return SinglePrecision.finite(adj, hidden, steps * hidden);
  }
}
