package org.pathnorm.linalg;

import org.pathnorm.simd.GemmKernel;

/**
 * The right operand op(B) [K × N] of a product on {@link SparseRows}: ⌈N / P⌉ panels of P columns (P the micro-kernel's
 * {@link GemmKernel#sparsePanelWidth()}, 128 on 512-bit vectors), each k-major over the whole K,
 * {@code data[(j / P)·K·P + k·P + j mod P] = B(k, j)}, the columns past N zero. Each nonzero of A then reads one
 * contiguous row of a panel (docs/architecture.md, "Sparse rows").
 *
 * <p>Filled by {@link Gemm#packColumns}, once for many products (an evaluation's chunks); the buffer is kept for the next
 * fill. Fill it on one thread; then any number of products may read it.
 */
public final class ColumnPanels {
  /** The micro-kernel whose panel width the layout uses; only a {@link Gemm} on it may read the data. */
  GemmKernel kernel;
  /** K, N and the panel width P. */
  int k, n, p;
  float[] data = new float[0];
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
    if (data.length < need) data = new float[(int) need];
  }
}
