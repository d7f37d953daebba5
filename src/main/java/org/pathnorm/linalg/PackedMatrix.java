package org.pathnorm.linalg;

import org.pathnorm.simd.GemmKernel;

/**
 * The right operand op(B) [K × N] of a GEMM, packed once into the blocked layout of {@link Gemm}'s
 * micro-kernel, for products that multiply many left operands by the same B: a recurrent layer's step
 * product h_{t−1}·W_hhᵀ reuses W_hh at each of its T steps (docs/algorithms.md §1.4), where packing
 * B afresh per step would cost as much as the product itself.
 *
 * <p>Made and refilled by {@link Gemm#pack}; multiplied by
 * {@link Gemm#ab(int, int, int, float[], int, int, PackedMatrix, float[], int, int, boolean, boolean)},
 * which gives the same bits as the unpacked {@link Gemm#ab} / {@link Gemm#abt}. The layout is that of
 * the {@link Gemm} worker's B block, for the whole matrix: B is cut along K into the GEMM's equal K
 * blocks of depth kStep, and each K block [pc, pc + kc) is stored at offset pc·Np (Np = N rounded up
 * to the panel width NR) as ⌈N/NR⌉ zero-padded k-major panels of NR·kc floats, so the panel holding
 * column j0 (a multiple of NR) of that block starts at pc·Np + j0·kc.
 *
 * <p>The buffer is kept and reused when the matrix is packed again with a shape that fits (no
 * allocation in a steady-state training step). Not thread-safe: pack it on one thread, then any number
 * of products may read it.
 */
public final class PackedMatrix {
  /** The micro-kernel whose panel width the layout uses; only a {@link Gemm} on it may read the data. */
  GemmKernel kernel;
  /** K, N, the depth of a K block, and N rounded up to whole panels. */
  int k, n, kStep, paddedN;
  float[] data = new float[0];
  /**
   * Whether {@code data} holds B's n rows of k as stored instead ({@code data[j·k + κ] = B(κ, j)}): the form a product
   * with few columns reads ({@link org.pathnorm.simd.GemmKernel#productFewColumns}).
   */
  boolean rowsAsStored;

  /** An empty matrix, to be filled by {@link Gemm#pack}. */
  public PackedMatrix() {}

  /** K, the rows of op(B) (0 before the first {@link Gemm#pack}). */
  public int rows() {
    return k;
  }

  /** N, the columns of op(B) (0 before the first {@link Gemm#pack}). */
  public int columns() {
    return n;
  }

  /** Sets the shape for {@code kernel}, growing the buffer only when the new shape needs more. */
  void reshape(GemmKernel kernel, int k, int n, int kStep) {
    this.rowsAsStored = false;
    this.kernel = kernel;
    this.k = k;
    this.n = n;
    this.kStep = kStep;
    int nr = kernel.nr();
    this.paddedN = (n + nr - 1) / nr * nr;
    long need = (long) paddedN * k;
    if (need > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("gemm: packed matrix " + k + " x " + n + " is too large");
    if (data.length < need) data = new float[(int) need];
  }

  /** Sets the shape for op(B) = Bᵀ kept as B's n rows of k ({@link #rowsAsStored}), growing the buffer only when needed. */
  void reshapeRows(GemmKernel kernel, int k, int n) {
    this.rowsAsStored = true;
    this.kernel = kernel;
    this.k = k;
    this.n = n;
    this.kStep = k;
    this.paddedN = n;
    long need = (long) n * k;
    if (need > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("gemm: packed matrix " + k + " x " + n + " is too large");
    if (data.length < need) data = new float[(int) need];
  }
}
