package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Average pooling, PyTorch's {@code nn.AvgPool2d(k, stride)} (no padding, floor mode) on NCHW samples:
 * y[c, a, b] = (1/k²) Σ_{0≤i,j&lt;k} x[c, a·s + i, b·s + j]. No parameters; linear, so node rescaling
 * passes through it.
 *
 * <p><b>Path-norm pass (docs/algorithms.md §2.8).</b> Average pooling is a fixed linear layer with
 * weights 1/k², so every path through it carries the factor |1/k²|^p = k^{−2p}: the pass is the exact
 * path norm of the network. (The reference code's {@code lp_path_norm} raises only the parameters to
 * the p-th power and keeps 1/k², which differs from this by a factor k^{2(p−1)} per pooling layer.)
 */
public final class AvgPool2d extends Pooling {
  /**
   * @throws IllegalArgumentException if a size is &lt; 1 or the window is larger than the input
   */
  public AvgPool2d(int channels, int h, int w, int k, int stride) {
    super("average pool", channels, h, w, k, stride);
  }

  @Override String kind() {
    return "average pooling";
  }

  // forward: x [batch × C × H × W] → y [batch × C × OH × OW]
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    int in = inputSize(), out = outputSize();
    float scale = 1f / (k * k);
    for (int n = 0; n < batch; n++) {
      int xs = xOff + n * in;
      for (int c = 0; c < channels; c++) {
        for (int a = 0; a < oh; a++) {
          for (int b = 0; b < ow; b++) {
            float s = 0;
            for (int i = 0; i < k; i++) {
              int row = xs + (c * h + a * stride + i) * w + b * stride;
              for (int j = 0; j < k; j++) s += x[row + j];
            }
            y[n * out + (c * oh + a) * ow + b] = s * scale;
          }
        }
      }
    }
  }

  // backward: dY [batch × C × OH × OW] → dX [batch × C × H × W] = dY / k² spread over each window
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    if (dX == null) return;
    int in = inputSize(), out = outputSize();
    float scale = 1f / (k * k);
    Arrays.fill(dX, 0, batch * in, 0f);
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        for (int a = 0; a < oh; a++) {
          for (int b = 0; b < ow; b++) {
            float g = dY[n * out + (c * oh + a) * ow + b] * scale;
            for (int i = 0; i < k; i++) {
              int row = n * in + (c * h + a * stride + i) * w + b * stride;
              for (int j = 0; j < k; j++) dX[row + j] += g;
            }
          }
        }
      }
    }
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    double q = Math.pow(1.0 / (k * k), power);
    for (int c = 0; c < channels; c++) {
      for (int a = 0; a < oh; a++) {
        for (int b = 0; b < ow; b++) {
          double s = 0;
          for (int i = 0; i < k; i++) {
            int row = (c * h + a * stride + i) * w + b * stride;
            for (int j = 0; j < k; j++) s += inSums[row + j];
          }
          outSums[(c * oh + a) * ow + b] = q * s;
        }
      }
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (dIn == null) return;
    double q = Math.pow(1.0 / (k * k), power);
    Arrays.fill(dIn, 0, inputSize(), 0.0);
    for (int c = 0; c < channels; c++) {
      for (int a = 0; a < oh; a++) {
        for (int b = 0; b < ow; b++) {
          double g = q * dOut[(c * oh + a) * ow + b];
          for (int i = 0; i < k; i++) {
            int row = (c * h + a * stride + i) * w + b * stride;
            for (int j = 0; j < k; j++) dIn[row + j] += g;
          }
        }
      }
    }
  }

  @Override public String toString() {
    return "avgpool(" + k + (stride != k ? " s" + stride : "") + ")";
  }
}
