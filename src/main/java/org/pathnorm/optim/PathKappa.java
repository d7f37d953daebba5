package org.pathnorm.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.pathnorm.linalg.TaskGroup;
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
 *
 * <p>A row's γ_in² is a sum over its inputs taken in column blocks of {@link #COLUMN_BLOCK}: the
 * block sums (each one {@link Kernels#dotSquared}) are added in block order. With a pool
 * ({@link #useThreads}) the rows of a layer that is only read forward are split between the threads,
 * and the fused layer and the backward passes are split by column blocks (each thread adds its
 * blocks' part of every row's sum and of γ_out² in row order), so every value is computed by the same
 * operations in the same order on any number of threads: bit-identical.
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
  /** Inputs per block of a row's γ_in² sum (a multiple of every vector length). */
  static final int COLUMN_BLOCK = 1024;
  /** Rows × blocks of the fused layer's partial sums (parallel compute only). */
  private float[] partial = new float[0];
  private ForkJoinPool pool;
  private Part[] parts = new Part[0];
  private final TaskGroup group = new TaskGroup();

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

  /**
   * Computes κ on {@code pool}'s threads from now on (null: on the calling thread); the values do not
   * change.
   */
  public void useThreads(ForkJoinPool pool) {
    this.pool = pool;
    int threads = pool == null ? 1 : pool.getParallelism();
    parts = new Part[threads];
    for (int t = 0; t < threads; t++) parts[t] = new Part();
  }

  /** Σ_k W[row, k]²·g[k] over the {@code in} inputs, in column blocks added in order (see the class comment). */
  private float rowSum(float[] p, int row, float[] g, int in) {
    float s = kernels.dotSquared(p, row, g, 0, Math.min(in, COLUMN_BLOCK));
    for (int c = COLUMN_BLOCK; c < in; c += COLUMN_BLOCK) s += kernels.dotSquared(p, row + c, g, c, Math.min(COLUMN_BLOCK, in - c));
    return s;
  }

  /** The architecture κ is computed for. */
  public Architecture architecture() {
    return arch;
  }

  /** Recomputes γ_in² and γ_out² from the parameters (laid out by the architecture). */
  public void compute(float[] p) {
    if (pool != null && (long) arch.parameters() >= PARALLEL_MIN) {
      computeParallel(p);
      return;
    }
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
        gin[l + 1][j] = rowSum(p, row, gin[l], in) + bias * bias;
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
      ginNext[l + 1][j] = rowSum(p, row, ginNext[l], in) + bias * bias;
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

  /** Networks with fewer parameters compute κ on the calling thread (waking the pool costs more). */
  static final long PARALLEL_MIN = 1L << 16;

  /**
   * {@link #compute(float[])} on the pool, layer by layer in the same order: the output layer's
   * backward pass, the forward passes (rows split; the fused layer by column blocks), the remaining
   * backward passes (column blocks). Same values as on one thread.
   */
  private void computeParallel(float[] p) {
    int d = arch.depth();
    Arrays.fill(gin[0], 1f);
    Arrays.fill(gout[d - 1], 1f);
    if (d >= 2) run(Pass.BACKWARD, p, d - 1);
    for (int l = 0; l <= d - 2; l++) {
      boolean fuse = l >= 1 && l == d - 2;
      if (fuse) {
        Arrays.fill(gout[l - 1], 0f);
        int blocks = (arch.in(l) + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        int need = arch.out(l) * blocks;
        if (partial.length < need) partial = new float[need];
        run(Pass.FUSED, p, l);
        int b = arch.biasOffset(l);
        for (int j = 0; j < arch.out(l); j++) {
          float s = partial[j * blocks];
          for (int c = 1; c < blocks; c++) s += partial[j * blocks + c];
          float bias = p[b + j];
          gin[l + 1][j] = s + bias * bias;
        }
      } else {
        run(Pass.FORWARD, p, l);
      }
    }
    for (int l = d - 3; l >= 1; l--) run(Pass.BACKWARD, p, l);
    invert();
  }

  /** Runs one pass of layer {@code l} split over the pool's threads (by rows forward, by columns otherwise). */
  private void run(Pass kind, float[] p, int l) {
    int in = arch.in(l);
    if (kind == Pass.BACKWARD) Arrays.fill(gout[l - 1], 0f);
    // forward: rows; fused: whole column blocks; backward: columns in multiples of 64 (any split is exact)
    int units = kind == Pass.FORWARD ? arch.out(l) : kind == Pass.FUSED ? (in + COLUMN_BLOCK - 1) / COLUMN_BLOCK : (in + 63) / 64;
    int step = kind == Pass.FORWARD ? 1 : kind == Pass.FUSED ? COLUMN_BLOCK : 64;
    int limit = kind == Pass.FORWARD ? arch.out(l) : in;
    int tasks = Math.min(parts.length, units);
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) units * t / tasks) * step;
      int to = Math.min(limit, (int) ((long) units * (t + 1) / tasks) * step);
      parts[t].set(kind, p, l, from, to);
    }
    if (tasks == 1) parts[0].compute();
    else group.invokeOn(pool, parts, tasks);
  }

  /** The passes {@link #computeParallel} splits between threads. */
  private enum Pass {
    /** γ_in² of a layer's rows, rows split. */
    FORWARD,
    /** The last hidden layer: γ_in² block sums and γ_out², columns split by whole blocks. */
    FUSED,
    /** γ_out² of a layer's inputs, columns split. */
    BACKWARD
  }

  /** One thread's share of a pass: rows [from, to) forward, columns [from, to) fused or backward. */
  private final class Part extends RecursiveAction {
    private Pass kind;
    private int l, from, to;
    private float[] p;

    void set(Pass kind, float[] p, int l, int from, int to) {
      this.kind = kind;
      this.p = p;
      this.l = l;
      this.from = from;
      this.to = to;
    }

    @Override protected void compute() {
      int in = arch.in(l);
      int w = arch.weightOffset(l);
      if (kind == Pass.FORWARD) {
        int b = arch.biasOffset(l);
        for (int j = from; j < to; j++) {
          float bias = p[b + j];
          gin[l + 1][j] = rowSum(p, w + j * in, gin[l], in) + bias * bias;
        }
        return;
      }
      int n = to - from;
      int blocks = (in + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
      for (int j = 0; j < arch.out(l); j++) {
        int row = w + j * in;
        if (kind == Pass.FUSED) {
          for (int c = from; c < to; c += COLUMN_BLOCK) {
            partial[j * blocks + c / COLUMN_BLOCK] = kernels.dotSquared(p, row + c, gin[l], c, Math.min(COLUMN_BLOCK, to - c));
          }
        }
        kernels.axpySquared(gout[l][j], p, row + from, gout[l - 1], from, n);
      }
    }
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
