package org.pathnorm.optim;

import java.util.Arrays;
import org.pathnorm.simd.Kernels;

/**
 * The summation order of the passes on squared weights (docs/algorithms.md §3.2), fixed so that κ is
 * the same bits on any number of threads, whichever way a pass is split:
 * <pre>
 *   row sum    (W∘W)·g:   Σ_k W[j,k]²·g[k]  = Σ over column blocks of {@link #COLUMN_BLOCK}, in block order
 *   column sum (W∘W)ᵀ·a:  Σ_j a_j·W[j,k]²  = Σ over row blocks of {@link #ROW_BLOCK}, in block order, of
 *                                           each block's rows added in row order
 * </pre>
 * A row block is always summed by one thread into its own partial (rows × in, laid out [block × in]);
 * the partials are then added column by column ({@link #reduce}).
 */
final class SquaredSums {
  /** Inputs per block of a row sum (a multiple of every vector length). */
  static final int COLUMN_BLOCK = 1024;
  /** Rows per block of a column sum. */
  static final int ROW_BLOCK = 128;
  private final Kernels kernels;
  private float[] partial = new float[0];

  SquaredSums(Kernels kernels) {
    this.kernels = kernels;
  }

  /** Row blocks of a layer with {@code rows} rows. */
  static int rowBlocks(int rows) {
    return (rows + ROW_BLOCK - 1) / ROW_BLOCK;
  }

  /** Makes room for the column sums of a [rows × in] matrix (allocates only when it grows). */
  void reserve(int rows, int in) {
    long need = (long) rowBlocks(rows) * in;
    if (partial.length < need) partial = new float[Math.toIntExact(need)];
  }

  /** Σ_k w[row + k]²·g[k] over k &lt; in, in column blocks added in order. */
  static float rowSum(Kernels kernels, float[] p, int row, float[] g, int in) {
    float s = kernels.dotSquared(p, row, g, 0, Math.min(in, COLUMN_BLOCK));
    for (int c = COLUMN_BLOCK; c < in; c += COLUMN_BLOCK) s += kernels.dotSquared(p, row + c, g, c, Math.min(COLUMN_BLOCK, in - c));
    return s;
  }

  /**
   * Adds a·w² of row j (its {@code in} weights start at p[row]) to its row block's partial; the block's
   * first row overwrites instead. Rows must come in order within a block.
   */
  void addRow(float a, float[] p, int row, int j, int in) {
    kernels.axpySquared(a, p, row, beginRow(j, in), rowOffset(j, in), in);
  }

  /**
   * The partials that row j's a·w² is added to (at {@link #rowOffset}), cleared at the first row of a
   * block. Rows must come in order within a block.
   */
  float[] beginRow(int j, int in) {
    if (j % ROW_BLOCK == 0) Arrays.fill(partial, rowOffset(j, in), rowOffset(j, in) + in, 0f);
    return partial;
  }

  /** Where row j's block partial starts in {@link #beginRow}'s array. */
  static int rowOffset(int j, int in) {
    return (j / ROW_BLOCK) * in;
  }

  /** The most rows {@link #updateRows} takes at once (a divisor of {@link #ROW_BLOCK}). */
  static final int UPDATE_ROWS = 4;

  /**
   * {@link #rowSum}'s column blocks with the rows' update fused in ({@link Kernels#pathSgdRowsSquared}):
   * updates rows j0 … j0 + count − 1 ({@code in} weights each, the first at p[row], κ⁻¹ = s[j]·r[k]),
   * adds a[j]·w'² to y from yOff in row order when y is not null, and when x is not null writes
   * Σ_k w'_jk²·x[k] in rowSum's order to sums[j − j0]; the gradient of p[i] is g[i + gShift]. {@code block} is
   * scratch of {@link #UPDATE_ROWS} floats.
   */
  static void updateRows(Kernels kernels, float[] p, float[] g, int gShift, float[] v, int row, int count, int in, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, float[] y, int yOff, float[] x, float[] sums,
      float[] block) {
    for (int c = 0; c < in; c += COLUMN_BLOCK) {
      int n = Math.min(COLUMN_BLOCK, in - c);
      kernels.pathSgdRowsSquared(count, p, g, gShift, v, row + c, in, n, lr, momentum, s, a, j0, r, c, y, yOff + c, x, c, block);
      if (x != null) for (int q = 0; q < count; q++) sums[q] = c == 0 ? block[q] : sums[q] + block[q];
    }
  }

  /** target[k] = Σ_b partial_b[k] for k in [from, to), the row blocks of a [rows × in] sum in order. */
  void reduce(int rows, int in, float[] target, int from, int to) {
    int n = to - from;
    System.arraycopy(partial, from, target, from, n);
    for (int b = 1, blocks = rowBlocks(rows); b < blocks; b++) kernels.axpy(1f, partial, b * in + from, target, from, n);
  }
}
