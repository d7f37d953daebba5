package org.pathnorm.linalg;

import java.util.Arrays;
import org.pathnorm.simd.Kernels;

/**
 * The lowering of a 2-d convolution to a matrix product (docs/algorithms.md §1.5): the patch matrix
 * ("im2col") of one image x [C × H × W] is col [C·kh·kw × OH·OW] with
 *
 * <pre>  col[(c·kh + i)·kw + j, oh·OW + ow] = x[c, oh·s − pad + i, ow·s − pad + j]   (0 outside the image)</pre>
 *
 * so that a convolution with kernels W [out × C·kh·kw] (PyTorch's [out, C, kh, kw] row-major) is
 * y [out × OH·OW] = W·col. {@link #col2im} is the transpose (adjoint) map: it adds every entry of a
 * patch-matrix gradient back to the pixel it was copied from, in a fixed order.
 *
 * <p>col2im may overwrite the entries of dCol that belong to padding (they are never read back).
 */
public final class Im2col {
  private Im2col() {}

  /** Output size along one axis: ⌊(n + 2·pad − k) / stride⌋ + 1. */
  public static int outputSize(int n, int k, int stride, int pad) {
    return (n + 2 * pad - k) / stride + 1;
  }

  /**
   * col [C·k·k × OH·OW] (at {@code colOff}, row length OH·OW) = the patch matrix of x [C × H × W] (at
   * {@code xOff}) for a k × k kernel with the given stride and zero padding.
   */
  public static void im2col(float[] x, int xOff, int channels, int h, int w, int k, int stride, int pad, float[] col, int colOff) {
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    if (samePadding(w, k, stride, pad)) {
      im2colSame(x, xOff, channels, h, w, k, pad, col, colOff);
      return;
    }
    int positions = oh * ow;
    int row = colOff;
    for (int c = 0; c < channels; c++) {
      int plane = xOff + c * h * w;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++, row += positions) {
          // valid output columns: 0 <= ow·s − pad + j < w
          int first = Math.max(0, ceilDiv(pad - j, stride));
          int end = Math.min(ow, ceilDiv(w + pad - j, stride));
          if (end < first) end = first;
          for (int y = 0; y < oh; y++) {
            int dst = row + y * ow;
            int ih = y * stride - pad + i;
            if (ih < 0 || ih >= h || first >= end) {
              for (int e = dst; e < dst + ow; e++) col[e] = 0f;
              continue;
            }
            for (int e = dst; e < dst + first; e++) col[e] = 0f;
            int src = plane + ih * w - pad + j;
            if (stride == 1) {
              System.arraycopy(x, src + first, col, dst + first, end - first);
            } else {
              for (int xo = first; xo < end; xo++) col[dst + xo] = x[src + xo * stride];
            }
            for (int e = dst + end; e < dst + ow; e++) col[e] = 0f;
          }
        }
      }
    }
  }

  /**
   * dx [C × H × W] (at {@code dxOff}) = the adjoint of {@link #im2col} applied to dCol [C·k·k × OH·OW]:
   * dx is overwritten, then every patch entry is added to its pixel, rows in order (with stride 1 a
   * run of a row at a time, by {@code kernels}' axpy).
   */
  public static void col2im(float[] dCol, int colOff, int channels, int h, int w, int k, int stride, int pad, float[] dx, int dxOff,
      Kernels kernels) {
    int oh = outputSize(h, k, stride, pad);
    int ow = outputSize(w, k, stride, pad);
    int positions = oh * ow;
    Arrays.fill(dx, dxOff, dxOff + channels * h * w, 0f);
    if (samePadding(w, k, stride, pad)) {
      col2imSame(dCol, colOff, channels, h, w, k, pad, dx, dxOff, kernels);
      return;
    }
    int row = colOff;
    for (int c = 0; c < channels; c++) {
      int plane = dxOff + c * h * w;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++, row += positions) {
          int first = Math.max(0, ceilDiv(pad - j, stride));
          int end = Math.min(ow, ceilDiv(w + pad - j, stride));
          for (int y = 0; y < oh; y++) {
            int ih = y * stride - pad + i;
            if (ih < 0 || ih >= h) continue;
            int src = row + y * ow;
            int dst = plane + ih * w - pad + j;
            if (stride == 1) {
              if (end > first) kernels.axpy(1f, dCol, src + first, dx, dst + first, end - first);
            } else {
              for (int xo = first; xo < end; xo++) dx[dst + xo * stride] += dCol[src + xo];
            }
          }
        }
      }
    }
  }

  /**
   * Stride 1 with OW = W (k = 2·pad + 1, "same" padding, 1×1 kernels included): a row (c, i, j) of the
   * patch matrix, read as an OH × W image, is the plane of channel c shifted by d = (i − pad)·W + (j − pad)
   * in flat indices, except for |j − pad| columns per image row and the rows that fall outside. It is
   * one copy (or, in col2im, one axpy) of the overlapping range and a few zeros, not OH short copies.
   */
  private static boolean samePadding(int w, int k, int stride, int pad) {
    return stride == 1 && k == 2 * pad + 1;
  }

  private static void im2colSame(float[] x, int xOff, int channels, int h, int w, int k, int pad, float[] col, int colOff) {
    int oh = h; // = outputSize(h, k, 1, pad) since k = 2·pad + 1
    int positions = oh * w;
    int row = colOff;
    for (int c = 0; c < channels; c++) {
      int plane = xOff + c * h * w;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++, row += positions) {
          int d = (i - pad) * w + (j - pad);
          // output rows whose input row lies inside the image, then the flat range whose source lies inside the plane
          int y0 = Math.max(0, pad - i), y1 = Math.min(oh, h + pad - i);
          int lo = Math.min(positions, Math.max(y0 * w, -d)), hi = Math.max(lo, Math.min(y1 * w, h * w - d));
          Arrays.fill(col, row, row + lo, 0f);
          if (hi > lo) System.arraycopy(x, plane + lo + d, col, row + lo, hi - lo);
          Arrays.fill(col, row + hi, row + positions, 0f);
          // the columns that wrapped around to the neighbouring input row: x < pad − j or x ≥ W + pad − j
          zeroWrappedColumns(col, row, y0, y1, w, j - pad);
        }
      }
    }
  }

  private static void col2imSame(float[] dCol, int colOff, int channels, int h, int w, int k, int pad, float[] dx, int dxOff,
      Kernels kernels) {
    int oh = h;
    int positions = oh * w;
    int row = colOff;
    for (int c = 0; c < channels; c++) {
      int plane = dxOff + c * h * w;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++, row += positions) {
          int d = (i - pad) * w + (j - pad);
          int y0 = Math.max(0, pad - i), y1 = Math.min(oh, h + pad - i);
          int lo = Math.max(y0 * w, -d), hi = Math.min(y1 * w, h * w - d);
          if (hi <= lo) continue;
          // the wrapped columns hold gradients of padding, not of a pixel: they must add nothing
          zeroWrappedColumns(dCol, row, y0, y1, w, j - pad);
          kernels.axpy(1f, dCol, row + lo, dx, plane + lo + d, hi - lo);
        }
      }
    }
  }

  /** a[row + y·W + x] = 0 for y0 ≤ y &lt; y1 and the |shift| columns x whose input column x + shift lies outside 0 … W−1. */
  private static void zeroWrappedColumns(float[] a, int row, int y0, int y1, int w, int shift) {
    if (shift == 0) return;
    int from = shift < 0 ? 0 : Math.max(0, w - shift);
    int to = shift < 0 ? Math.min(w, -shift) : w;
    for (int y = y0; y < y1; y++) {
      int base = row + y * w;
      for (int x = from; x < to; x++) a[base + x] = 0f;
    }
  }

  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }
}
