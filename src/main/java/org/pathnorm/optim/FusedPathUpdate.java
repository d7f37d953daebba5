package org.pathnorm.optim;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.FusedWeightUpdate;
import org.pathnorm.simd.Kernels;

/**
 * Path-SGD's whole update of a feedforward network of depth d ≤ 3 (docs/algorithms.md §3.2),
 * w ← w − η·g⊘κ (or its momentum form), that also computes the next step's γ_in² and γ_out²: each
 * row's new weights are squared and added to the next γ² in {@link PathKappa#layer}'s order while they
 * are still in registers ({@link Kernels#pathSgdRowsSquared}, four rows at a time), so κ costs no pass
 * of its own over the weights. Layers go in the order 0, d−1, then the middle one, so every γ² a row
 * needs is complete when the row is reached; a layer's biases go first (a row's γ_in² adds its new b_j²).
 *
 * <p>On the kappa's pool each layer's rows are handed out to the threads in pieces as in
 * {@link PathKappa#layer}: the same operations in the same order as on one thread, and as
 * {@link PathKappa#compute} from the new weights, so the result is bit-identical.
 *
 * <p>Inside the backward pass ({@link #apply(float[], float[], float[], float, float, FusedWeightUpdate.LayerGradients)}),
 * a layer with a {@link #sink} is updated by the GEMM that computes its weight gradient instead
 * (docs/architecture.md, "The update inside the weight gradient"): its rows arrive whole, each block of
 * {@link SquaredSums#ROW_BLOCK} rows in order from one thread, and go through the same row update as in
 * {@link PathKappa#layer}, so the bits are the same again, and the gradient is never stored.
 *
 * <pre>
 *   params, grad, velocity: the model's flat layout (Architecture offsets); velocity may be null
 *   layer l: W_l [out_l × in_l] row-major, b_l [out_l]
 * </pre>
 */
final class FusedPathUpdate implements PathKappa.RowUpdate {
  private final Kernels kernels;
  private final PathKappa kappa;
  private final Architecture arch;
  // the step being applied (set by apply, read by apply(l, j) on every thread of the pass)
  private float[] params;
  private float[] grad;
  private float[] velocity;
  private float lr;
  private float momentum;

  FusedPathUpdate(Kernels kernels, PathKappa kappa) {
    this.kernels = kernels;
    this.kappa = kappa;
    this.arch = kappa.architecture();
  }

  /** Applies the step to every parameter and leaves the next step's γ² in the kappa's next buffers. */
  void apply(float[] params, float[] grad, float[] velocity, float lr, float momentum) {
    apply(params, grad, velocity, lr, momentum, null);
  }

  /**
   * As {@link #apply(float[], float[], float[], float, float)}, at the end of a backward pass that left the
   * weight gradients of the layers with a {@link #sink} to {@code gemmLayers} (null: none): each such layer is
   * updated inside the GEMM of its gradient when its turn comes, the others from {@code grad}.
   */
  void apply(float[] params, float[] grad, float[] velocity, float lr, float momentum, FusedWeightUpdate.LayerGradients gemmLayers) {
    this.params = params;
    this.grad = grad;
    this.velocity = velocity;
    this.lr = lr;
    this.momentum = momentum;
    kappa.beginNext();
    int d = arch.depth();
    try {
      for (int i = 0; i < d; i++) {
        int l = kappa.fusedLayer(i);
        kernels.pathSgdStep(params, grad, velocity, arch.biasOffset(l), arch.out(l), lr, momentum, 1f, kappa.goutInverse[l], 0);
        if (gemmLayers != null && gemmLayers.compute(l)) {
          if (l >= 1) kappa.reduceColumnSums(l, kappa.goutNext);
        } else {
          kappa.layer(params, l, l <= d - 2, l >= 1, kappa.ginNext, kappa.goutNext, this);
        }
      }
    } finally {
      this.params = this.grad = this.velocity = null;
    }
  }

  /** The sink that updates layer l's weights from their gradient's rows during {@link #apply}, or null when the rows are too wide to come whole. */
  RowSink sink(int l) {
    return arch.in(l) <= Gemm.sinkRowWidth() ? new LayerSink(l) : null;
  }

  /**
   * w ← w − η·g·κ⁻¹ on rows j … j + count − 1 of layer l, κ⁻¹ = (1/γ_out²_j)·(1/γ_in²), with the rows'
   * γ² shares taken from the new weights in the same read.
   */
  @Override public void apply(int l, int j, int count, float[] a, float[] y, int yOff, float[] x, float[] sums,
      float[] scratch) {
    int in = arch.in(l);
    SquaredSums.updateRows(kernels, params, grad, 0, velocity, arch.weightOffset(l) + j * in, count, in, lr, momentum,
        kappa.goutInverse[l], a, j, kappa.ginInverse[l], y, yOff, x, sums, scratch);
  }

  /**
   * Layer l's rows as {@link PathKappa#layer} treats them (with this update), taken from the rows of the
   * weight gradient as the GEMM hands them over: whole rows, a block of {@link SquaredSums#ROW_BLOCK} rows in
   * order from one thread, so that its partial column sums get their rows in order; each block has its own
   * scratch, since blocks go to different threads.
   */
  private final class LayerSink implements RowSink {
    private final int l;
    private final int in;
    private final boolean rowSums;
    private final boolean columnSums;
    private final float[][] blockRowSums;
    private final float[][] blockScratch;

    LayerSink(int l) {
      this.l = l;
      this.in = arch.in(l);
      int d = arch.depth();
      this.rowSums = l <= d - 2;
      this.columnSums = l >= 1;
      int blocks = SquaredSums.rowBlocks(arch.out(l));
      blockRowSums = new float[blocks][SquaredSums.UPDATE_ROWS];
      blockScratch = new float[blocks][SquaredSums.UPDATE_ROWS];
    }

    @Override public int rowBlock() {
      return SquaredSums.ROW_BLOCK;
    }

    @Override public void accept(int row, int col, float[] values, int off, int n) {
      acceptRows(row, 1, col, values, off, in, n);
    }

    @Override public void acceptRows(int row, int rows, int col, float[] g, int off, int ld, int n) {
      if (col != 0 || n != in || ld != in) {
        throw new IllegalStateException("layer " + l + ": rows must come whole (" + in + " columns), got columns " + col
            + ".." + (col + n) + " with stride " + ld);
      }
      float[] p = params;
      int w = arch.weightOffset(l);
      int b = arch.biasOffset(l);
      float[] x = rowSums ? kappa.ginNext[l] : null;
      for (int j = row, end = row + rows; j < end; ) {
        int block = j / SquaredSums.ROW_BLOCK;
        // groups of up to four rows that stay within a row block (the bits do not depend on the grouping)
        int count = Math.min(Math.min(SquaredSums.UPDATE_ROWS, end - j), (block + 1) * SquaredSums.ROW_BLOCK - j);
        float[] y = columnSums ? kappa.sums().beginRow(j, in) : null;
        int first = w + j * in;
        float[] sums = blockRowSums[block];
        SquaredSums.updateRows(kernels, p, g, off + (j - row) * in - first, velocity, first, count, in, lr, momentum,
            kappa.goutInverse[l], kappa.goutNext[l], j, kappa.ginInverse[l], y, SquaredSums.rowOffset(j, in), x, sums,
            blockScratch[block]);
        if (rowSums) for (int q = 0; q < count; q++) kappa.ginNext[l + 1][j + q] = sums[q] + p[b + j + q] * p[b + j + q];
        j += count;
      }
    }
  }
}
