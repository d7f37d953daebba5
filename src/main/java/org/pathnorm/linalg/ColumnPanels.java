package org.pathnorm.linalg;

import org.pathnorm.simd.GemmKernel;

/**
 * The right operand op(B) [K × N] of a product on {@link SparseRows}: ⌈N / P⌉ panels of P columns (P the micro-kernel's
 * {@link GemmKernel#sparsePanelWidth()}, 128 on 512-bit vectors), each k-major over the whole K,
 * {@code data[off + (j / P)·K·P + k·P + j mod P] = B(k, j)}, the columns past N zero. Each nonzero of A then reads one
 * contiguous row of a panel (docs/architecture.md, "Sparse rows").
 *
 * <p>Filled by {@link Gemm#packColumns}, once for many products (an evaluation's chunks); the buffer is kept for the next
 * fill. Or a view of values already in this layout ({@link Gemm#viewColumns}: a first layer's weights stored so while
 * it trains, docs/architecture.md "A training step on the input's zeros"), read where they lie. Fill it on one thread;
 * then any number of products may read it.
 */
public final class ColumnPanels {
  /** The micro-kernel whose panel width the layout uses; only a {@link Gemm} on it may read the data. */
  GemmKernel kernel;
  /** K, N and the panel width P. */
  int k, n, p;
  /** The panels, from {@code off}: {@link #buffer}, or the array of a view. */
  float[] data = new float[0];
  int off;
  /** This object's own buffer, kept for the next fill. */
  private float[] buffer = data;
  /** Whether every value of B is finite (checked while packing). */
  boolean finite;

  /** An empty matrix, to be filled by {@link Gemm#packColumns}. */
  public ColumnPanels() {}

  /** K, the rows of op(B) (0 before the first fill). */
  public int rows() {
    return k;
  }

  /** N, the columns of op(B) (0 before the first fill). */
  public int columns() {
    return n;
  }

  /**
   * Whether every value of B is finite: only then does a product on {@link SparseRows} give the bits of the dense
   * product, which multiplies the skipped zeros too (0 · ∞ is NaN).
   */
  public boolean finite() {
    return finite;
  }

  /** Sets the shape for {@code kernel}, growing the buffer only when the new shape needs more. */
  void reshape(GemmKernel kernel, int k, int n) {
    int p = kernel.sparsePanelWidth();
    long need = (long) (n + p - 1) / p * p * k;
    if (need > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("gemm: column panels of " + k + " x " + n + " are too large for one array");
    }
    this.kernel = kernel;
    this.k = k;
    this.n = n;
    this.p = p;
    if (buffer.length < need) buffer = new float[(int) need];
    data = buffer;
    off = 0;
  }

  /** Reads B [k × n] in this layout at {@code b[bOff …]} in place ({@link Gemm#viewColumns} checked the shape). */
  void view(GemmKernel kernel, int k, int n, float[] b, int bOff, boolean finite) {
    this.kernel = kernel;
    this.k = k;
    this.n = n;
    this.p = kernel.sparsePanelWidth();
    this.data = b;
    this.off = bOff;
    this.finite = finite;
  }
}
