package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Max pooling, PyTorch's {@code nn.MaxPool2d(k, stride)} (no padding, floor mode) on NCHW samples:
 * y[c, a, b] = max_{0≤i,j&lt;k} x[c, a·s + i, b·s + j]; the gradient goes to the first maximum of each
 * window (row-major order, PyTorch's choice on CPU). No parameters; node rescaling passes through it
 * (max commutes with multiplying a channel by c &gt; 0).
 *
 * <p><b>Path-norm pass (docs/algorithms.md §2.8).</b> Max pooling is not linear, so a network with it
 * has no path norm. PathNorm follows the reference code's {@code lp_path_norm}: the pass takes, for
 * every window, the maximum of the incoming path sums (what max pooling does to an all-ones input
 * through the |θ|^p network), and its transpose routes the adjoint to that maximum. The result is the
 * largest path norm over the choices of one input per window (each window read as a selection), not
 * the path norm of any fixed network; it is invariant to node rescaling, since max commutes with
 * positive channel scaling.
 */
public final class MaxPool2d extends Pooling {
  /**
   * @throws IllegalArgumentException if a size is &lt; 1 or the window is larger than the input
   */
  public MaxPool2d(int channels, int h, int w, int k, int stride) {
    super("max pool", channels, h, w, k, stride);
  }

  @Override String kind() {
    return "max pooling";
  }

  /** argmax [maxBatch × outputSize]: the input index (within the sample) of each window's maximum. */
  private record Buffers(int[] argmax) implements Cache, PathCache {}

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Buffers(new int[Math.multiplyExact(maxBatch, outputSize())]);
  }

  @Override public PathCache newPathCache() {
    return new Buffers(new int[outputSize()]);
  }

  // forward: x [batch × C × H × W] → y [batch × C × OH × OW]
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    int[] argmax = ((Buffers) cache).argmax;
    int in = inputSize(), out = outputSize();
    if (k == 2 && stride == 2) {
      forward2x2(x, xOff, batch, y);
      return;
    }
    for (int n = 0; n < batch; n++) {
      int xs = xOff + n * in;
      for (int c = 0; c < channels; c++) {
        for (int a = 0; a < oh; a++) {
          for (int b = 0; b < ow; b++) {
            int best = (c * h + a * stride) * w + b * stride;
            float max = x[xs + best];
            for (int i = 0; i < k; i++) {
              int row = (c * h + a * stride + i) * w + b * stride;
              for (int j = 0; j < k; j++) {
                float v = x[xs + row + j];
                if (v > max || Float.isNaN(v)) {
                  max = v;
                  best = row + j;
                }
              }
            }
            int o = (c * oh + a) * ow + b;
            y[n * out + o] = max;
            argmax[n * out + o] = best;
          }
        }
      }
    }
  }

  /**
   * The common 2×2, stride 2 window, branch-free: y = max of the four (a NaN wins, as in the general
   * loop; a tie of −0 and +0 gives +0). The window's maximum for backward is found again there from x
   * and y, so no index is stored.
   */
  private void forward2x2(float[] x, int xOff, int batch, float[] y) {
    int in = inputSize(), out = outputSize();
    for (int n = 0; n < batch; n++) {
      int xs = xOff + n * in;
      for (int c = 0; c < channels; c++) {
        for (int a = 0; a < oh; a++) {
          int r0 = xs + (c * h + 2 * a) * w, r1 = r0 + w;
          int o = n * out + (c * oh + a) * ow;
          for (int b = 0; b < ow; b++) {
            y[o + b] = Math.max(Math.max(x[r0 + 2 * b], x[r0 + 2 * b + 1]), Math.max(x[r1 + 2 * b], x[r1 + 2 * b + 1]));
          }
        }
      }
    }
  }

  // backward: dY [batch × C × OH × OW] → dX [batch × C × H × W], each gradient to its window's maximum
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    if (dX == null) return;
    int[] argmax = ((Buffers) cache).argmax;
    int in = inputSize(), out = outputSize();
    if (k == 2 && stride == 2) {
      backward2x2(x, xOff, y, dY, batch, dX);
      return;
    }
    Arrays.fill(dX, 0, batch * in, 0f);
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < out; o++) dX[n * in + argmax[n * out + o]] += dY[n * out + o];
    }
  }

  /**
   * 2×2 windows at stride 2 tile the input (but for a last row or column in floor mode): each window's
   * four entries are written once, the gradient at the window's maximum and 0 elsewhere, without a fill
   * pass and a scatter. The maximum is the first entry equal to y in row-major order (the general
   * loop's choice), or, if y is NaN, the last NaN (the general loop takes every NaN it meets).
   */
  private void backward2x2(float[] x, int xOff, float[] y, float[] dY, int batch, float[] dX) {
    int in = inputSize(), out = outputSize();
    for (int n = 0; n < batch; n++) {
      int xs = n * in;
      for (int c = 0; c < channels; c++) {
        int plane = c * h * w;
        for (int a = 0; a < oh; a++) {
          int r0 = plane + 2 * a * w, r1 = r0 + w;
          int o = n * out + (c * oh + a) * ow;
          for (int b = 0; b < ow; b++, o++) {
            float m = y[o], g = dY[o];
            int e0 = r0 + 2 * b, e2 = r1 + 2 * b;
            float v0 = x[xOff + xs + e0], v1 = x[xOff + xs + e0 + 1], v2 = x[xOff + xs + e2], v3 = x[xOff + xs + e2 + 1];
            int sel;
            if (m != m) {
              sel = v3 != v3 ? 3 : v2 != v2 ? 2 : v1 != v1 ? 1 : 0;
            } else {
              sel = v0 == m ? 0 : v1 == m ? 1 : v2 == m ? 2 : 3;
            }
            dX[xs + e0] = sel == 0 ? g : 0f;
            dX[xs + e0 + 1] = sel == 1 ? g : 0f;
            dX[xs + e2] = sel == 2 ? g : 0f;
            dX[xs + e2 + 1] = sel == 3 ? g : 0f;
          }
          // an odd last column lies in no window
          if (2 * ow < w) {
            dX[xs + r0 + w - 1] = 0f;
            dX[xs + r1 + w - 1] = 0f;
          }
        }
        // an odd last row likewise
        if (2 * oh < h) Arrays.fill(dX, xs + plane + (h - 1) * w, xs + plane + h * w, 0f);
      }
    }
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    int[] argmax = ((Buffers) cache).argmax;
    for (int c = 0; c < channels; c++) {
      for (int a = 0; a < oh; a++) {
        for (int b = 0; b < ow; b++) {
          int best = (c * h + a * stride) * w + b * stride;
          for (int i = 0; i < k; i++) {
            int row = (c * h + a * stride + i) * w + b * stride;
            for (int j = 0; j < k; j++) if (inSums[row + j] > inSums[best]) best = row + j;
          }
          int o = (c * oh + a) * ow + b;
          outSums[o] = inSums[best];
          argmax[o] = best;
        }
      }
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (dIn == null) return;
    int[] argmax = ((Buffers) cache).argmax;
    Arrays.fill(dIn, 0, inputSize(), 0.0);
    for (int o = 0; o < outputSize(); o++) dIn[argmax[o]] += dOut[o];
  }

  @Override public String toString() {
    return "maxpool(" + k + (stride != k ? " s" + stride : "") + ")";
  }
}
