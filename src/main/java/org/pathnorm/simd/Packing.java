package org.pathnorm.simd;

import java.util.Arrays;

/** Scalar packing of GEMM operand panels into the layouts documented on {@link GemmKernel}. */
final class Packing {
  private Packing() {}

  static void packA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc,
      float[] dst, int mr) {
    if (transA) {
      // A stored K × M: each k contributes `rows` contiguous values
      for (int k = 0; k < kc; k++) {
        int src = aOff + (k0 + k) * lda + i0;
        int d = k * mr;
        System.arraycopy(a, src, dst, d, rows);
        if (rows < mr) Arrays.fill(dst, d + rows, d + mr, 0f);
      }
    } else {
      for (int r = 0; r < rows; r++) {
        int src = aOff + (i0 + r) * lda + k0;
        for (int k = 0; k < kc; k++) dst[k * mr + r] = a[src + k];
      }
      for (int r = rows; r < mr; r++) {
        for (int k = 0; k < kc; k++) dst[k * mr + r] = 0f;
      }
    }
  }

  /** A(i0 : i0+rows, k0 : k0+kc) row-major: dst[r·kc + k]; rows rows … mr−1 zero. */
  static void packARows(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc,
      float[] dst, int mr) {
    if (transA) {
      // A stored K × M: each k holds the panel's `rows` values contiguously; spread them over the rows
      packTransposedRows(a, aOff + k0 * lda + i0, lda, 0, rows, kc, dst, mr);
      return;
    }
    for (int r = 0; r < rows; r++) System.arraycopy(a, aOff + (i0 + r) * lda + k0, dst, r * kc, kc);
    Arrays.fill(dst, rows * kc, mr * kc, 0f);
  }

  /**
   * Rows from … rows−1 of a transposed A, its element (r, k) at {@code a[src + k·lda + r]}, into
   * {@code dst[r·kc + k]}, value by value; the rows from {@code rows} up to the next multiple of MR zero.
   */
  static void packTransposedRows(float[] a, int src, int lda, int from, int rows, int kc, float[] dst, int mr) {
    for (int k = 0; k < kc; k++) {
      for (int r = from; r < rows; r++) dst[r * kc + k] = a[src + k * lda + r];
    }
    Arrays.fill(dst, rows * kc, (rows + mr - 1) / mr * mr * kc, 0f);
  }

  static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int cols,
      float[] dst, int dstOff, int nr) {
    for (int j = 0, base = dstOff; j < cols; j += nr, base += nr * kc) {
      int w = Math.min(nr, cols - j);
      if (transB) {
        packBTransposedPanel(b, bOff + (j0 + j) * ldb + k0, ldb, kc, w, dst, base, nr);
      } else {
        for (int k = 0; k < kc; k++) {
          int d = base + k * nr;
          System.arraycopy(b, bOff + (k0 + k) * ldb + j0 + j, dst, d, w);
          if (w < nr) Arrays.fill(dst, d + w, d + nr, 0f);
        }
      }
    }
  }

  /** B stored N × K (rows contiguous in k): transpose w rows of kc values into one k-major panel. */
  static void packBTransposedPanel(float[] b, int src, int ldb, int kc, int w, float[] dst, int base, int nr) {
    // blocks of 8 k-values keep the written cache lines few and hot
    for (int k0 = 0; k0 < kc; k0 += 8) {
      int kEnd = Math.min(kc, k0 + 8);
      for (int jj = 0; jj < w; jj++) {
        int s = src + jj * ldb;
        for (int k = k0; k < kEnd; k++) dst[base + k * nr + jj] = b[s + k];
      }
      for (int jj = w; jj < nr; jj++) {
        for (int k = k0; k < kEnd; k++) dst[base + k * nr + jj] = 0f;
      }
    }
  }
}
