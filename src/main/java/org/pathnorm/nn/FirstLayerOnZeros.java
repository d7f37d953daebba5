package org.pathnorm.nn;

import java.util.function.IntConsumer;
import org.pathnorm.linalg.ColumnPanels;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.linalg.SparseRows;
import org.pathnorm.simd.GemmKernel;

/**
 * A dense ReLU first layer trained where its input x [batch × in] is nonzero (images: half of Fashion-MNIST's pixels
 * are 0), its weights stored while it runs as W₀ᵀ [in × out] in the layout of {@link ColumnPanels} where out is a
 * multiple of their width P ({@link #storesPanels}), else as plain W₀ᵀ (docs/architecture.md, "A training step on the
 * input's zeros"):
 * <ul>
 *   <li>forward z = max(x·W₀ᵀ + b, 0): x's rows in pairs ({@link Gemm#indexRows}) against W₀ᵀ's column panels, read
 *   where the weights lie ({@link Gemm#viewColumns}) or packed from plain W₀ᵀ;</li>
 *   <li>weight gradient (dW₀)ᵀ = xᵀ·dZ [in × out]: xᵀ's rows (the inputs) in pairs against dZ in column panels, laid out
 *   as the weights are stored ({@link Gemm#abIntoPanels}: the update then takes each panel whole) or as plain rows of
 *   W₀ᵀ handed to the update row by row.</li>
 * </ul>
 * On several workers ({@link Gemm#runParts}) each part takes whole panels of the units, the same ones every step: it
 * reads and updates its share of the weights and velocity in its own core's cache, and indexes its own copy of x and of
 * xᵀ (the same work on each part, at the same time, instead of one core's results read from another's cache).
 *
 * <p>Both products leave out only products with x's zeros, so each sum is the dense one's
 * ({@link Gemm#ab(int, int, int, SparseRows, ColumnPanels, float[], int, int, Gemm.Epilogue, float[], int)}) where the
 * other operand is finite; where it is not, the dense product runs. Buffers are made once; a pass allocates nothing.
 */
final class FirstLayerOnZeros {
  private final Gemm gemm;
  private final GemmKernel kernel;
  private final int weightOffset;
  private final int biasOffset;
  private final int in;
  private final int out;
  /** Whether the weights are stored as W₀ᵀ's column panels (else as plain W₀ᵀ). */
  private final boolean panels;
  /** The panels' width P. */
  private final int width;
  /** One per worker of the GEMM. */
  private final Share[] shares;
  /** (dW₀)ᵀ [in × out], laid out as the weights are stored. */
  private final float[] gradient;
  /** Scratch for {@link #store} and the dense fallbacks (in·out values). */
  private final float[] scratch;
  private final IntConsumer forwardPart = this::forwardPart;
  private final IntConsumer updatePart = this::updatePart;
  /** The pass's operands, for the parts of its regions. */
  private float[] params;
  private float[] x;
  private int xOff;
  private int batch;
  private float[] act;
  private float[] dZ;
  private RowSink update;
  /** Training passes run (for tests). */
  long passes;

  /** A part's columns of the layer and its own buffers. */
  private final class Share implements RowSink {
    final SparseRows xRows = new SparseRows();
    final SparseRows xColumns = new SparseRows();
    final ColumnPanels weights = new ColumnPanels();
    final ColumnPanels dz = new ColumnPanels();
    /** xᵀ [in × batch]. */
    final float[] xt;
    /** A chunk of xᵀ's rows ({@link #transposeInput}). */
    final float[] chunk;
    /** The units [from, to) this part computes, whole panels of the layer. */
    int from;
    int to;
    /** Whether the part's weights were finite in the last forward pass. */
    boolean finite;

    Share(int maxBatch) {
      xt = new float[Math.multiplyExact(in, maxBatch)];
      chunk = new float[kernel.transposedRowsChunk() * maxBatch + kernel.mr() * maxBatch];
    }

    /** The update of the part's panels, numbered as the whole layer's (panel i of the part is panel from / P + i). */
    @Override public void accept(int row, int col, float[] values, int off, int n) {
      update.accept(row + from / width, col, values, off, n);
    }
  }

  FirstLayerOnZeros(Gemm gemm, GemmKernel kernel, int weightOffset, int biasOffset, int in, int out, int maxBatch) {
    this.gemm = gemm;
    this.kernel = kernel;
    this.weightOffset = weightOffset;
    this.biasOffset = biasOffset;
    this.in = in;
    this.out = out;
    this.panels = storesPanels(kernel, out);
    this.width = kernel.sparsePanelWidth();
    this.shares = new Share[gemm.threads()];
    for (int t = 0; t < shares.length; t++) shares[t] = new Share(maxBatch);
    this.gradient = new float[Math.multiplyExact(in, out)];
    this.scratch = new float[gradient.length];
  }

  /**
   * Whether a first layer of {@code out} units stores its weights as W₀ᵀ's column panels (out a multiple of the panel
   * width P; the parameters have no room for a padded panel), so that no step packs them.
   */
  static boolean storesPanels(GemmKernel kernel, int out) {
    return out % kernel.sparsePanelWidth() == 0;
  }

  /**
   * The shape in which the update takes the stored weights: (out / P) × (in·P), a panel a row, or W₀ᵀ's in × out. The
   * update must take each element on its own (SGD's), as it does for any storage other than W₀'s out × in.
   */
  static int[] updateShape(GemmKernel kernel, int in, int out) {
    int p = kernel.sparsePanelWidth();
    return storesPanels(kernel, out) ? new int[] {out / p, in * p} : new int[] {in, out};
  }

  /**
   * W₀ [out × in] at the weight offset of {@code a} rewritten as stored for training ({@code toStored}), or back: a
   * permutation ({@link #permute}).
   */
  void store(float[] a, boolean toStored) {
    System.arraycopy(a, weightOffset, scratch, 0, in * out);
    permute(scratch, 0, a, weightOffset, toStored);
  }

  /**
   * dst ← src with W₀(j, κ) moved from j·in + κ to the stored layout, (j / P)·in·P + κ·P + j mod P (panels) or κ·out + j
   * (plain W₀ᵀ), or back ({@code toStored} false).
   */
  private void permute(float[] src, int srcOff, float[] dst, int dstOff, boolean toStored) {
    int p = panels ? width : out;
    for (int j = 0; j < out; j++) {
      int stored = (j / p) * in * p + j % p;
      int plain = j * in;
      for (int k = 0; k < in; k++) {
        if (toStored) dst[dstOff + stored + k * p] = src[srcOff + plain + k];
        else dst[dstOff + plain + k] = src[srcOff + stored + k * p];
      }
    }
  }

  /** The parts of a pass's region, each [from, to) a run of whole panels of the units. */
  private int split(long work) {
    int count = (out + width - 1) / width;
    int parts = gemm.parts(work, count);
    for (int t = 0; t < parts; t++) {
      shares[t].from = (int) ((long) count * t / parts) * width;
      shares[t].to = Math.min(out, (int) ((long) count * (t + 1) / parts) * width);
    }
    return parts;
  }

  /** act [batch × out] = max(x·W₀ᵀ + b, 0), the weights stored for training in {@code p}. */
  void forward(float[] p, float[] x, int xOff, int batch, float[] act) {
    setPass(p, x, xOff, batch, act, null, null);
    int parts = split((long) batch * in * out);
    gemm.runParts(parts, forwardPart);
    boolean finite = true;
    for (int t = 0; t < parts; t++) finite &= shares[t].finite;
    if (!finite) {
      // a non-finite weight times a zero input is NaN in the dense product: take it as it is, on W₀ as a layer stores it
      permute(p, weightOffset, scratch, 0, false);
      gemm.abt(batch, out, in, x, xOff, in, scratch, 0, in, act, 0, out, Gemm.Epilogue.BIAS_RELU, p, biasOffset);
    }
    setPass(null, null, 0, 0, null, null, null);
  }

  /** Part t of {@link #forward}: its units, if its weights are finite. */
  private void forwardPart(int t) {
    Share s = shares[t];
    int cols = s.to - s.from;
    // panel from / P starts at (from / P)·in·P = from·in; plain W₀ᵀ's columns from `from`
    if (panels) gemm.viewColumns(s.weights, in, cols, params, weightOffset + s.from * in);
    else gemm.packColumns(s.weights, in, cols, params, weightOffset + s.from, out, false);
    s.finite = s.weights.finite();
    if (!s.finite) return;
    gemm.indexRows(s.xRows, batch, in, gemm.copyFor(t, x), xOff, in);
    gemm.part(t).ab(batch, cols, in, s.xRows, s.weights, act, s.from, out, Gemm.Epilogue.BIAS_RELU, params, biasOffset + s.from);
  }

  /**
   * (dW₀)ᵀ = xᵀ·dZ handed to {@code update} in the shape {@link #updateShape} gives: a panel at a time as each is done,
   * or rows of W₀ᵀ (row k: the weights from input k).
   */
  void weightUpdate(float[] x, int xOff, int batch, float[] dZ, RowSink update) {
    passes++;
    // checked whole before any part updates: a non-finite dZ takes the dense product for every unit
    if (kernel.allFinite(dZ, 0, batch * out)) {
      setPass(null, x, xOff, batch, null, dZ, update);
      gemm.runParts(split((long) batch * in * out), updatePart);
      setPass(null, null, 0, 0, null, null, null);
    } else if (panels) {
      // the dense product's rows of W₀ᵀ, then laid out as the weights are stored
      gemm.atb(in, out, batch, x, xOff, in, dZ, 0, out, scratch, 0, out, false);
      for (int q = 0; q < out / width; q++) {
        for (int k = 0; k < in; k++) System.arraycopy(scratch, k * out + q * width, gradient, (q * in + k) * width, width);
        update.accept(q, 0, gradient, q * in * width, in * width);
      }
    } else {
      gemm.atb(in, out, batch, x, xOff, in, dZ, 0, out, gradient, 0, out, false);
      update.acceptRows(0, in, 0, gradient, 0, out, out);
    }
  }

  /** Part t of {@link #weightUpdate}: its units' gradient, handed to the update. */
  private void updatePart(int t) {
    Share s = shares[t];
    int cols = s.to - s.from;
    gemm.packColumns(s.dz, batch, cols, dZ, s.from, out, false);
    transposeInput(s, gemm.copyFor(t, x));
    // xᵀ's rows keep the first batch's pairing, by shared nonzeros: the inputs change little from batch to batch
    // (a pairing found again each step would cost more than it saves; the forward's rows, new each step, by count)
    gemm.indexRows(s.xColumns, in, batch, s.xt, 0, batch, SparseRows.Pairing.KEPT);
    if (panels) {
      gemm.part(t).abIntoPanels(in, cols, batch, s.xColumns, s.dz, gradient, s.from * in, s);
    } else {
      gemm.part(t).ab(in, cols, batch, s.xColumns, s.dz, gradient, s.from, out);
      update.acceptRows(0, in, s.from, gradient, s.from, out, cols);
    }
  }

  private void setPass(float[] p, float[] x, int xOff, int batch, float[] act, float[] dZ, RowSink update) {
    this.params = p;
    this.x = x;
    this.xOff = xOff;
    this.batch = batch;
    this.act = act;
    this.dZ = dZ;
    this.update = update;
  }

  /** The part's xᵀ [in × batch] from x [batch × in]: chunks of rows of a transposed A as the GEMM packs them (register transposes). */
  private void transposeInput(Share s, float[] xs) {
    int rows = kernel.transposedRowsChunk();
    for (int i0 = 0; i0 < in; i0 += rows) {
      int r = Math.min(rows, in - i0);
      kernel.packTransposedRows(xs, xOff, in, i0, r, 0, batch, s.chunk);
      System.arraycopy(s.chunk, 0, s.xt, i0 * batch, r * batch);
    }
  }
}
