package org.pathnorm.nn;

import org.pathnorm.linalg.ColumnPanels;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.linalg.SparseRows;
import org.pathnorm.simd.GemmKernel;

/**
 * A dense ReLU first layer trained where its input x [batch × in] is nonzero (images: half of Fashion-MNIST's pixels
 * are 0), its weights stored transposed as W₀ᵀ [in × out] while it runs (docs/architecture.md, "A training step on the
 * input's zeros"):
 * <ul>
 *   <li>forward z = max(x·W₀ᵀ + b, 0): x's rows in pairs ({@link Gemm#indexRows}) against W₀ᵀ in column panels;</li>
 *   <li>weight gradient (dW₀)ᵀ = xᵀ·dZ [in × out]: xᵀ's rows (the inputs) in pairs against dZ in column panels, handed
 *   to the update row by row of W₀ᵀ.</li>
 * </ul>
 * Both products leave out only products with x's zeros, so each sum is the dense one's
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
  private final SparseRows xRows = new SparseRows();
  private final SparseRows xColumns = new SparseRows();
  private final ColumnPanels weights = new ColumnPanels();
  private final ColumnPanels dzColumns = new ColumnPanels();
  /** xᵀ [in × batch]. */
  private final float[] xt;
  /** (dW₀)ᵀ [in × out]. */
  private final float[] gradient;
  /** Scratch for {@link #transpose} (in·out values) and {@link #transposeInput} (a chunk of xᵀ's rows). */
  private final float[] scratch;
  /** Training passes run (for tests). */
  long passes;

  FirstLayerOnZeros(Gemm gemm, GemmKernel kernel, int weightOffset, int biasOffset, int in, int out, int maxBatch) {
    this.gemm = gemm;
    this.kernel = kernel;
    this.weightOffset = weightOffset;
    this.biasOffset = biasOffset;
    this.in = in;
    this.out = out;
    this.xt = new float[Math.multiplyExact(in, maxBatch)];
    this.gradient = new float[Math.multiplyExact(in, out)];
    this.scratch = new float[Math.max(gradient.length, kernel.transposedRowsChunk() * maxBatch + kernel.mr() * maxBatch)];
  }

  /** W₀ [out × in] at the weight offset of {@code a} rewritten as W₀ᵀ [in × out] ({@code toTransposed}), or back. */
  void transpose(float[] a, boolean toTransposed) {
    System.arraycopy(a, weightOffset, scratch, 0, in * out);
    int rows = toTransposed ? out : in;
    int cols = toTransposed ? in : out;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) a[weightOffset + c * rows + r] = scratch[r * cols + c];
    }
  }

  /** act [batch × out] = max(x·W₀ᵀ + b, 0), the weights stored transposed in {@code p}. */
  void forward(float[] p, float[] x, int xOff, int batch, float[] act) {
    gemm.packColumns(weights, in, out, p, weightOffset, out, false);
    if (weights.finite()) {
      gemm.indexRows(xRows, batch, in, x, xOff, in);
      gemm.ab(batch, out, in, xRows, weights, act, 0, out, Gemm.Epilogue.BIAS_RELU, p, biasOffset);
    } else {
      // a non-finite weight times a zero input is NaN in the dense product: take it as it is
      gemm.ab(batch, out, in, x, xOff, in, p, weightOffset, out, act, 0, out, false);
      for (int s = 0; s < batch; s++) {
        for (int j = 0; j < out; j++) act[s * out + j] = Math.max(act[s * out + j] + p[biasOffset + j], 0f);
      }
    }
  }

  /** (dW₀)ᵀ = xᵀ·dZ handed to {@code update} as rows of W₀ᵀ (row k: the weights from input k). */
  void weightUpdate(float[] x, int xOff, int batch, float[] dZ, RowSink update) {
    gemm.packColumns(dzColumns, batch, out, dZ, 0, out, false);
    if (dzColumns.finite()) {
      transposeInput(x, xOff, batch);
      // xᵀ's rows keep the first batch's pairing, by shared nonzeros: the inputs change little from batch to batch
      // (a pairing found again each step would cost more than it saves; the forward's rows, new each step, by count)
      gemm.indexRows(xColumns, in, batch, xt, 0, batch, SparseRows.Pairing.KEPT);
      gemm.ab(in, out, batch, xColumns, dzColumns, gradient, 0, out);
    } else {
      gemm.atb(in, out, batch, x, xOff, in, dZ, 0, out, gradient, 0, out, false);
    }
    update.acceptRows(0, in, 0, gradient, 0, out, out);
    passes++;
  }

  /** xᵀ [in × batch] from x [batch × in]: chunks of rows of a transposed A as the GEMM packs them (register transposes). */
  private void transposeInput(float[] x, int xOff, int batch) {
    int chunk = kernel.transposedRowsChunk();
    for (int i0 = 0; i0 < in; i0 += chunk) {
      int rows = Math.min(chunk, in - i0);
      kernel.packTransposedRows(x, xOff, in, i0, rows, 0, batch, scratch);
      System.arraycopy(scratch, 0, xt, i0 * batch, rows * batch);
    }
  }
}
