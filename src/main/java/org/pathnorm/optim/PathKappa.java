package org.pathnorm.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Every sum is taken in the order of {@link SquaredSums} (row sums in column blocks, column sums in
 * row blocks). With a pool ({@link #useThreads}) each layer's rows are handed out to the threads in
 * pieces, whichever thread is free taking the next (whole row blocks when the layer adds to γ_out²), and
 * the row blocks' partial column sums are then added by columns, so every value is computed by the
 * same operations in the same order on any number of threads: bit-identical. {@link FusedPathUpdate} runs the same passes with an update before each
 * row.
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
  float[][] ginNext;
  float[][] goutNext;
  private final SquaredSums sums;
  private ForkJoinPool pool;
  private Part[] parts = new Part[0];
  private final TaskGroup group = new TaskGroup();
  // the layer pass being run (set by layer, read by the parts)
  private float[] passParams;
  private int passLayer;
  private boolean passRowSums;
  private boolean passColumnSums;
  private float[][] passGin;
  private float[][] passGout;
  private RowUpdate passUpdate;
  // the pieces of the split being run (set by split, taken by the parts)
  private boolean passReduce;
  private int passUnits;
  private int passStep;
  private int passLimit;
  private final AtomicInteger passNext = new AtomicInteger();
  /** Rows per piece of a split pass without column sums. */
  private static final int ROW_PIECE = 32;
  /** The calling thread's row sums and scratch when the pass is not split. */
  private final float[] callerRowSums = new float[SquaredSums.UPDATE_ROWS];
  private final float[] callerScratch = new float[SquaredSums.UPDATE_ROWS];

  public PathKappa(Architecture arch, Kernels kernels) {
    this.arch = arch;
    this.kernels = kernels;
    this.sums = new SquaredSums(kernels);
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
      if (l >= 1) sums.reserve(arch.out(l), arch.in(l));
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

  /** The architecture κ is computed for. */
  public Architecture architecture() {
    return arch;
  }

  /** Recomputes γ_in² and γ_out² from the parameters (laid out by the architecture). */
  public void compute(float[] p) {
    int d = arch.depth();
    Arrays.fill(gin[0], 1f);
    Arrays.fill(gout[d - 1], 1f);
    if (d >= 2) layer(p, d - 1, false, true, gin, gout, null);
    for (int l = 0; l <= d - 2; l++) layer(p, l, true, l >= 1 && l == d - 2, gin, gout, null);
    for (int l = d - 3; l >= 1; l--) layer(p, l, false, true, gin, gout, null);
    invert();
  }

  private void invert() {
    for (int l = 0; l < arch.depth(); l++) {
      for (int k = 0; k < gin[l].length; k++) ginInverse[l][k] = 1f / (gin[l][k] + EPS);
      for (int j = 0; j < gout[l].length; j++) goutInverse[l][j] = 1f / (gout[l][j] + EPS);
    }
  }

  /**
   * Whether the γ² of the next step can be computed during the update ({@link FusedPathUpdate}): for
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

  /** Whether the passes are split between the pool's threads. */
  boolean parallel() {
    return pool != null && parts.length > 1 && (long) arch.parameters() >= PARALLEL_MIN;
  }

  /**
   * An update of rows j … j + count − 1 (count ≤ {@link SquaredSums#UPDATE_ROWS}) of layer l that also
   * takes the rows' γ² shares from the weights it writes: adds a[j']·W'[j', ·]² to y from yOff in row
   * order when y is not null, and writes Σ_k W'[j', k]²·x[k] in the order of {@link SquaredSums#rowSum}
   * to sums[j' − j] when x is not null. {@code scratch} holds UPDATE_ROWS floats.
   */
  interface RowUpdate {
    void apply(int l, int j, int count, float[] a, float[] y, int yOff, float[] x, float[] sums, float[] scratch);
  }

  /**
   * One layer's pass: for every row j of layer l (updated by {@code update} when not null, which then
   * sums the new weights' squares itself, a few rows at a time), γ_in²[j] into {@code gins[l + 1]} when
   * {@code rowSums}, and γ_out²[j]·W_l[j, ·]² into the column sums {@code gouts[l − 1]} when
   * {@code columnSums}. On the pool rows are split (by whole row blocks when there are column sums),
   * then the row blocks' partials are added split by columns (64 at a time, whole cache lines).
   */
  void layer(float[] p, int l, boolean rowSums, boolean columnSums, float[][] gins, float[][] gouts, RowUpdate update) {
    passParams = p;
    passLayer = l;
    passRowSums = rowSums;
    passColumnSums = columnSums;
    passGin = gins;
    passGout = gouts;
    passUpdate = update;
    int out = arch.out(l);
    int in = arch.in(l);
    if (!parallel()) {
      rows(0, out, callerRowSums, callerScratch);
    } else {
      // pieces of whole row blocks when there are column sums, else of 32 rows (whole groups of four)
      int rowUnit = columnSums ? SquaredSums.ROW_BLOCK : ROW_PIECE;
      split(false, (out + rowUnit - 1) / rowUnit, rowUnit, out);
    }
    if (columnSums) reduceColumnSums(l, gouts);
    passParams = null;
    passUpdate = null;
  }

  /**
   * gouts[l − 1] ← the sum of layer l's row blocks' partial column sums ({@link SquaredSums#reduce}), split by
   * columns (64 at a time, whole cache lines) on the pool.
   */
  void reduceColumnSums(int l, float[][] gouts) {
    int out = arch.out(l);
    int in = arch.in(l);
    if (!parallel()) {
      sums.reduce(out, in, gouts[l - 1], 0, in);
      return;
    }
    passLayer = l;
    passGout = gouts;
    split(true, (in + 63) / 64, 64, in);
  }

  /** The row blocks' partial column sums of the pass being run (for an update that adds the rows itself). */
  SquaredSums sums() {
    return sums;
  }

  /**
   * Runs rows (or the column sums' reduction) [0, limit) on the pool in {@code units} pieces of
   * {@code step}, handed out one at a time to whichever thread asks next: a thread slowed by a
   * neighbour takes fewer pieces instead of holding up the pass. Each piece's results do not depend on
   * the thread that computes it (a row block's partials, a row's sums, a column's reduction), so the
   * values stay the same bits.
   */
  private void split(boolean reduce, int units, int step, int limit) {
    int tasks = Math.min(parts.length, units);
    passReduce = reduce;
    passUnits = units;
    passStep = step;
    passLimit = limit;
    passNext.set(0);
    if (tasks == 1) parts[0].compute();
    else group.invokeOn(pool, parts, tasks);
  }

  /**
   * Rows [from, to) of the current pass (from a row-block boundary when it has column sums), with
   * {@code rowSums} and {@code scratch} of {@link SquaredSums#UPDATE_ROWS} floats for this thread.
   */
  private void rows(int from, int to, float[] rowSums, float[] scratch) {
    int l = passLayer;
    float[] p = passParams;
    int in = arch.in(l);
    int w = arch.weightOffset(l);
    int b = arch.biasOffset(l);
    float[] gin = passRowSums ? passGin[l] : null;
    for (int j = from; j < to; ) {
      int row = w + j * in;
      int count = 1;
      if (passUpdate != null) {
        // a few rows updated and their squares summed in one read; a group never crosses a row block,
        // since blocks start at multiples of UPDATE_ROWS and so does from when there are column sums
        count = Math.min(SquaredSums.UPDATE_ROWS, to - j);
        float[] y = passColumnSums ? sums.beginRow(j, in) : null;
        passUpdate.apply(l, j, count, passGout[l], y, SquaredSums.rowOffset(j, in), gin, rowSums, scratch);
      } else {
        if (passColumnSums) sums.addRow(passGout[l][j], p, row, j, in);
        if (passRowSums) rowSums[0] = SquaredSums.rowSum(kernels, p, row, gin, in);
      }
      if (passRowSums) for (int q = 0; q < count; q++) passGin[l + 1][j + q] = rowSums[q] + p[b + j + q] * p[b + j + q];
      j += count;
    }
  }

  /** One thread's share of a pass: pieces of rows, or of the reduction's columns, until none is left. */
  private final class Part extends RecursiveAction {
    private final float[] rowSums = new float[SquaredSums.UPDATE_ROWS];
    private final float[] scratch = new float[SquaredSums.UPDATE_ROWS];

    @Override protected void compute() {
      for (int u; (u = passNext.getAndIncrement()) < passUnits; ) {
        int from = u * passStep;
        int to = Math.min(passLimit, from + passStep);
        if (passReduce) sums.reduce(arch.out(passLayer), arch.in(passLayer), passGout[passLayer - 1], from, to);
        else rows(from, to, rowSums, scratch);
      }
    }
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
