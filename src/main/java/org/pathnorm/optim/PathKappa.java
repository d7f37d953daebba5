package org.pathnorm.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Architecture;
import org.pathnorm.simd.Kernels;

/**
 * The Path-SGD preconditioner κ (docs/algorithms.md §3.2) of a feedforward network with biases, from its current
 * weights, by the two passes on squared weights:
 * <pre>
 *   γ_in²:  gin[0] = 1,   gin[l+1] = (W_l∘W_l)·gin[l] + b_l∘b_l
 *   γ_out²: gout[d−1] = 1, gout[l−1] = (W_l∘W_l)ᵀ·gout[l]
 *   κ(W_l)[j, k] = gout[l][j]·gin[l][k],   κ(b_l)[j] = gout[l][j]
 * </pre>
 * κ itself (an outer product per layer) is never stored. The passes are scheduled so that for depth
 * d ≤ 3 every weight is read once: the output layer's backward step first, then the forward passes,
 * the last hidden layer's forward and backward fused in one read.
 */
public final class PathKappa implements PathPreconditioner {
  private final Architecture arch;
  private final Kernels kernels;
  /** gin[l]: γ_in² of the inputs of weight layer l (length h_l). */
  final float[][] gin;
  /** gout[l]: γ_out² of the outputs of weight layer l (length h_{l+1}). */
  final float[][] gout;
  /** Reciprocals 1/(γ² + ε) of gin and gout: the update multiplies instead of dividing. */
  final float[][] ginInverse;
  final float[][] goutInverse;
  /** Guards the reciprocal where a dead unit makes γ² = 0 (its gradient is 0 too). */
  static final float EPS = 1e-30f;
  /** γ² of the weights being written by a fused update (swapped in by {@link #swapNext}). */
  private float[][] ginNext;
  private float[][] goutNext;

  public PathKappa(Architecture arch, Kernels kernels) {
    this.arch = arch;
    this.kernels = kernels;
    int d = arch.depth();
    gin = new float[d][];
    gout = new float[d][];
    ginInverse = new float[d][];
    goutInverse = new float[d][];
    for (int l = 0; l < d; l++) {
      gin[l] = new float[arch.in(l)];
      gout[l] = new float[arch.out(l)];
      ginInverse[l] = new float[arch.in(l)];
      goutInverse[l] = new float[arch.out(l)];
    }
  }

  @Override public void compute(Model model) {
    compute(model.parameters());
  }

  @Override public void step(float[] params, float[] grad, float[] velocity, int from, int to, float lr, float momentum) {
    FactoredStep.apply(kernels, arch, params, grad, velocity, from, to, lr, momentum, goutInverse, ginInverse, 1f);
  }

  @Override public void normalize(float[] grad, int from, int to) {
    for (int l = 0; l < arch.depth(); l++) {
      int in = arch.in(l);
      int wStart = arch.weightOffset(l);
      int bStart = arch.biasOffset(l);
      for (int i = Math.max(from, wStart), end = Math.min(to, bStart); i < end; ) {
        int r = (i - wStart) / in;
        int c = (i - wStart) - r * in;
        int n = Math.min(in - c, end - i);
        // g ← g ⊘ κ with κ⁻¹ = (1/γ_out²_r)·(1/γ_in²)
        kernels.mul(ginInverse[l], c, grad, i, n);
        kernels.scale(goutInverse[l][r], grad, i, n);
        i += n;
      }
      int i = Math.max(from, bStart);
      int end = Math.min(to, bStart + arch.out(l));
      if (i < end) kernels.mul(goutInverse[l], i - bStart, grad, i, end - i);
    }
  }

  /** γ_in² and γ_out² of every layer ({@code kappa.gin.l}, {@code kappa.gout.l}). */
  @Override public Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int l = 0; l < arch.depth(); l++) {
      m.put("kappa.gin." + l, gin[l]);
      m.put("kappa.gout." + l, gout[l]);
    }
    return m;
  }

  /** The architecture κ is computed for. */
  public Architecture architecture() {
    return arch;
  }

  /** Recomputes γ_in² and γ_out² from the parameters (laid out by the architecture). */
  public void compute(float[] p) {
    int d = arch.depth();
    Arrays.fill(gin[0], 1f);
    Arrays.fill(gout[d - 1], 1f);
    if (d >= 2) backward(p, d - 1);
    for (int l = 0; l <= d - 2; l++) {
      boolean fuse = l >= 1 && l == d - 2;
      int in = arch.in(l);
      int w = arch.weightOffset(l);
      int b = arch.biasOffset(l);
      if (fuse) Arrays.fill(gout[l - 1], 0f);
      for (int j = 0; j < arch.out(l); j++) {
        int row = w + j * in;
        float bias = p[b + j];
        gin[l + 1][j] = kernels.dotSquared(p, row, gin[l], 0, in) + bias * bias;
        if (fuse) kernels.axpySquared(gout[l][j], p, row, gout[l - 1], 0, in);
      }
    }
    for (int l = d - 3; l >= 1; l--) backward(p, l);
    invert();
  }

  private void invert() {
    for (int l = 0; l < arch.depth(); l++) {
      for (int k = 0; k < gin[l].length; k++) ginInverse[l][k] = 1f / (gin[l][k] + EPS);
      for (int j = 0; j < gout[l].length; j++) goutInverse[l][j] = 1f / (gout[l][j] + EPS);
    }
  }

  /**
   * Whether the γ² of the next step can be computed during the update ({@link #updateFused}): for
   * d ≤ 3 the layer order 0, d−1, then the middle gives every layer its inputs in time.
   */
  boolean canFuse() {
    return arch.depth() <= 3;
  }

  /** Layer order of a fused update: 0, d−1, then the middle layer (d = 3). */
  int fusedLayer(int i) {
    int d = arch.depth();
    return i == 0 ? 0 : i == 1 ? d - 1 : 1;
  }

  /** Prepares the next-step buffers before a fused update. */
  void beginNext() {
    int d = arch.depth();
    if (ginNext == null) {
      ginNext = new float[d][];
      goutNext = new float[d][];
      for (int l = 0; l < d; l++) {
        ginNext[l] = new float[arch.in(l)];
        goutNext[l] = new float[arch.out(l)];
      }
    }
    Arrays.fill(ginNext[0], 1f);
    Arrays.fill(goutNext[d - 1], 1f);
    for (int l = 0; l < d - 1; l++) Arrays.fill(goutNext[l], 0f);
  }

  /**
   * After row j of layer l has been updated (and the layer's biases before it): its contribution to
   * the next step's γ², with the same kernel calls in the same order as {@link #compute}, so the
   * result is bit-identical to computing from the new weights afterwards.
   */
  void afterRow(float[] p, int l, int j) {
    int d = arch.depth();
    int in = arch.in(l);
    int row = arch.weightOffset(l) + j * in;
    if (l <= d - 2) {
      float bias = p[arch.biasOffset(l) + j];
      ginNext[l + 1][j] = kernels.dotSquared(p, row, ginNext[l], 0, in) + bias * bias;
    }
    if (l >= 1) kernels.axpySquared(goutNext[l][j], p, row, goutNext[l - 1], 0, in);
  }

  /** Makes the γ² accumulated by the fused update current. */
  void swapNext() {
    for (int l = 0; l < gin.length; l++) {
      float[] t = gin[l];
      gin[l] = ginNext[l];
      ginNext[l] = t;
      t = gout[l];
      gout[l] = goutNext[l];
      goutNext[l] = t;
    }
    invert();
  }

  /** gout[l−1] = (W_l∘W_l)ᵀ·gout[l]. */
  private void backward(float[] p, int l) {
    int in = arch.in(l);
    int w = arch.weightOffset(l);
    Arrays.fill(gout[l - 1], 0f);
    for (int j = 0; j < arch.out(l); j++) kernels.axpySquared(gout[l][j], p, w + j * in, gout[l - 1], 0, in);
  }

  /** κ of weight W_layer[j, k]. */
  public float weight(int layer, int j, int k) {
    return gout[layer][j] * gin[layer][k];
  }

  /** κ of bias b_layer[j]. */
  public float bias(int layer, int j) {
    return gout[layer][j];
  }
}
