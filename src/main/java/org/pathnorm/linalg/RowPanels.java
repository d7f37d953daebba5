package org.pathnorm.linalg;

import java.util.Arrays;
import org.pathnorm.simd.GemmKernel;

/**
 * A left operand A [M × K] in the form the GEMM's micro-kernel reads it from: panels of MR rows, each k-major over the
 * whole K, {@code data[(i / MR)·MR·K + k·MR + i mod MR] = A(i, k)}, the rows past M zero. An evaluation fills one with
 * each chunk of a data set's rows (converting 8-bit pixels on the way) and multiplies it by the first layer's packed
 * weights ({@link Gemm#ab(int, int, int, RowPanels, int, PackedMatrix, float[], int, int, Gemm.Epilogue, float[],
 * int)}): the micro-kernel then reads A contiguously instead of 8 row streams at stride K, with the same multiply-adds
 * in the same order, so the same bits (docs/architecture.md, "Evaluation").
 *
 * <p>Shaped by {@link Gemm#shapeRows}, filled by {@link Gemm#packRows}; segments of whole panels may be filled from
 * several threads at once. Keeping it equal to A is its owner's business.
 */
public final class RowPanels {
  /** The micro-kernel whose panel height the layout uses; only a {@link Gemm} on it may read the data. */
  GemmKernel kernel;
  /** M, K and the panel height MR. */
  int m, k, mr;
  float[] data = new float[0];

  /** An empty matrix, to be shaped by {@link Gemm#shapeRows}. */
  public RowPanels() {}

  /** M, the rows of A (0 before {@link Gemm#shapeRows}). */
  public int rows() {
    return m;
  }

  /** K, the columns of A (0 before {@link Gemm#shapeRows}). */
  public int columns() {
    return k;
  }

  /** Sets the shape for {@code kernel}, growing the buffer only when the new shape needs more; the rows past m zero. */
  void reshape(GemmKernel kernel, int m, int k) {
    int mr = kernel.mr();
    long need = (long) (m + mr - 1) / mr * mr * k;
    if (need > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("gemm: row panels of " + m + " x " + k + " are too large for one array");
    }
    this.kernel = kernel;
    this.m = m;
    this.k = k;
    this.mr = mr;
    if (data.length < need) data = new float[(int) need];
    // the last panel's rows past m: the micro-kernel reads whole panels, and an edge tile keeps only the rows < m
    int lastPanel = m / mr * mr * k;
    if (m % mr != 0) Arrays.fill(data, lastPanel, (int) need, 0f);
  }
}
