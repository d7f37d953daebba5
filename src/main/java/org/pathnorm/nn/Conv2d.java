package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.Im2col;
import org.pathnorm.simd.Kernels;

/**
 * A 2-d convolution, PyTorch's {@code nn.Conv2d(in, out, k, stride, padding, bias)} followed by a ReLU
 * when {@link #relu()}, on NCHW samples x [C × H × W] (docs/algorithms.md §1.5):
 *
 * <pre>  y[o, a, b] = [ b_o + Σ_{c,i,j} W[o, c, i, j] · x[c, a·s − pad + i, b·s − pad + j] ]₊   (x = 0 outside the image)</pre>
 *
 * Its slice holds W [out × C·k·k] row-major (PyTorch's [out, C, k, k], {@code weight}) and then b
 * [out] ({@code bias}) if it has one. Each sample is lowered to one GEMM, y [out × OH·OW] = W · col with
 * col = {@link Im2col#im2col} [C·k·k × OH·OW] in a per-cache buffer (a 1×1 kernel with stride 1 and no
 * padding reads x directly). The bias is added per output row (channel), where {@link Gemm.Epilogue}'s
 * per-column bias does not fit, together with the ReLU in one pass. Backward: dWᵀ += col · dYᵀ and
 * dCol = Wᵀ · dY per sample (Wᵀ transposed once per pass), then {@link Im2col#col2im}; samples in order, so results do not depend on
 * the number of GEMM threads.
 *
 * <p>In the path-norm pass the kernel is shared over positions: a kernel entry lies on one edge per
 * output position that reads a pixel inside the image (padding is the constant 0, not a path source),
 * and κ sums over those edges (docs/algorithms.md §2.8).
 */
public final class Conv2d implements Layer {
  private final int inC;
  private final int h;
  private final int w;
  private final int outC;
  private final int k;
  private final int stride;
  private final int pad;
  private final boolean bias;
  private final boolean relu;
  private final int oh;
  private final int ow;
  /** Columns of W: C·k·k. */
  private final int patch;

  /**
   * @param inC   input channels C
   * @param h     input height
   * @param w     input width
   * @param outC  output channels
   * @param k     kernel size (k × k)
   * @param stride stride ≥ 1
   * @param pad   zero padding, 0 … k/2 (PyTorch's limit)
   * @param bias  whether the layer has a bias
   * @param relu  whether a ReLU follows
   * @throws IllegalArgumentException if a size is out of range or the kernel does not fit the padded input
   */
  public Conv2d(int inC, int h, int w, int outC, int k, int stride, int pad, boolean bias, boolean relu) {
    if (inC < 1 || h < 1 || w < 1 || outC < 1) {
      throw new IllegalArgumentException("conv: channels and sizes must be >= 1, got " + inC + "x" + h + "x" + w + " → " + outC);
    }
    if (k < 1 || stride < 1 || pad < 0 || pad > k / 2) {
      throw new IllegalArgumentException("conv: kernel must be >= 1, stride >= 1 and padding in 0.." + (k / 2) + ", got k" + k + " s" + stride
          + " p" + pad);
    }
    if (h + 2 * pad < k || w + 2 * pad < k) {
      throw new IllegalArgumentException("conv: a " + k + "x" + k + " kernel does not fit a " + h + "x" + w + " input padded by " + pad);
    }
    this.inC = inC;
    this.h = h;
    this.w = w;
    this.outC = outC;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    this.bias = bias;
    this.relu = relu;
    this.oh = Im2col.outputSize(h, k, stride, pad);
    this.ow = Im2col.outputSize(w, k, stride, pad);
    this.patch = Math.multiplyExact(inC, k * k);
    Math.multiplyExact(outC, Math.multiplyExact(oh, ow));
  }

  /** Output channels. */
  public int outChannels() {
    return outC;
  }

  /** Output height ⌊(H + 2·pad − k)/s⌋ + 1. */
  public int outHeight() {
    return oh;
  }

  /** Output width. */
  public int outWidth() {
    return ow;
  }

  /** Whether the layer has a bias. */
  public boolean hasBias() {
    return bias;
  }

  /** Kernel size k. */
  public int kernel() {
    return k;
  }

  /**
   * The same convolution (geometry, kernel layout) with a bias and the given activation: the layer a
   * batch norm after this one folds into ({@link BatchNormFolding}, docs/algorithms.md §2.8).
   */
  public Conv2d withBias(boolean relu) {
    return new Conv2d(inC, h, w, outC, k, stride, pad, true, relu);
  }

  @Override public int inputSize() {
    return inC * h * w;
  }

  @Override public int outputSize() {
    return outC * oh * ow;
  }

  @Override public int parameterCount() {
    return outC * patch + (bias ? outC : 0);
  }

  /** out·C·k·k·OH·OW: every kernel entry at every output position. */
  @Override public long multiplyAddsPerSample() {
    return (long) outC * patch * oh * ow;
  }

  @Override public List<ParameterTensor> tensors() {
    ParameterTensor weight = new ParameterTensor("weight", 0, new int[] {outC, inC, k, k});
    return bias ? List.of(weight, new ParameterTensor("bias", outC * patch, new int[] {outC})) : List.of(weight);
  }

  @Override public boolean relu() {
    return relu;
  }

  @Override public int units() {
    return outC;
  }

  /** Reads x directly as its own patch matrix: 1×1 kernel, stride 1, no padding. */
  private boolean direct() {
    return k == 1 && stride == 1 && pad == 0;
  }

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    int size = direct() ? 0 : Math.multiplyExact(patch, oh * ow);
    return new Buffers(kernels, gemm, new float[size], new float[size], new float[outC * patch], new float[outC * patch]);
  }

  /**
   * col and dCol [C·k·k × OH·OW]: one sample's patch matrix and its gradient; dWt [C·k·k × out]: the
   * weight gradient transposed, summed over the samples of a backward pass; wt [C·k·k × out]: Wᵀ, once
   * per backward pass, so that dCol = Wᵀ·dY reads it in place instead of packing W for every sample.
   */
  private record Buffers(Kernels kernels, Gemm gemm, float[] col, float[] dCol, float[] dWt, float[] wt) implements Cache {}

  // forward: x [batch × C × H × W] → y [batch × out × OH × OW]
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    Buffers b = (Buffers) cache;
    int positions = oh * ow;
    int in = inputSize();
    for (int n = 0; n < batch; n++) {
      int yo = n * outC * positions;
      if (direct()) {
        b.gemm.ab(outC, positions, patch, p, pOff, patch, x, xOff + n * in, positions, y, yo, positions, false);
      } else {
        Im2col.im2col(x, xOff + n * in, inC, h, w, k, stride, pad, b.col, 0);
        b.gemm.ab(outC, positions, patch, p, pOff, patch, b.col, 0, positions, y, yo, positions, false);
      }
      int bOff = pOff + outC * patch;
      for (int o = 0; o < outC; o++) {
        int row = yo + o * positions;
        float bo = bias ? p[bOff + o] : 0f;
        if (relu) {
          for (int j = row; j < row + positions; j++) y[j] = Math.max(y[j] + bo, 0f);
        } else if (bias) {
          for (int j = row; j < row + positions; j++) y[j] += bo;
        }
      }
    }
  }

  // backward: dY [batch × out × OH × OW] → dW [out × C·k·k], db [out], dX [batch × C × H × W]
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    Buffers b = (Buffers) cache;
    int positions = oh * ow;
    int in = inputSize();
    if (relu) b.kernels.reluBackward(y, 0, dY, 0, batch * outC * positions);
    int gb = gOff + outC * patch;
    if (bias && !accumulate) Arrays.fill(grad, gb, gb + outC, 0f);
    if (dX != null) {
      for (int o = 0; o < outC; o++) {
        for (int e = 0; e < patch; e++) b.wt[e * outC + o] = p[pOff + o * patch + e];
      }
    }
    for (int n = 0; n < batch; n++) {
      int yo = n * outC * positions;
      if (bias) {
        for (int o = 0; o < outC; o++) grad[gb + o] += (float) b.kernels.sum(dY, yo + o * positions, positions);
      }
      float[] col = x;
      int colOff = xOff + n * in;
      if (!direct()) {
        Im2col.im2col(x, colOff, inC, h, w, k, stride, pad, b.col, 0);
        col = b.col;
        colOff = 0;
      }
      // dWᵀ [C·k·k × out] (+)= col · dYᵀ: the long side of the product in M, no transpose per sample
      b.gemm.abt(patch, outC, positions, col, colOff, positions, dY, yo, positions, b.dWt, 0, outC, n > 0);
      if (dX != null) {
        // dCol [C·k·k × OH·OW] = Wᵀ · dY
        if (direct()) {
          b.gemm.ab(patch, positions, outC, b.wt, 0, outC, dY, yo, positions, dX, n * in, positions, false);
        } else {
          b.gemm.ab(patch, positions, outC, b.wt, 0, outC, dY, yo, positions, b.dCol, 0, positions, false);
          Im2col.col2im(b.dCol, 0, inC, h, w, k, stride, pad, dX, n * in, b.kernels);
        }
      }
    }
    for (int o = 0; o < outC; o++) {
      int row = gOff + o * patch;
      for (int e = 0; e < patch; e++) grad[row + e] = accumulate ? grad[row + e] + b.dWt[e * outC + o] : b.dWt[e * outC + o];
    }
  }

  // The path-norm pass (docs/algorithms.md §2.8): out[o, a, b] = Σ_{c,i,j} q[o,c,i,j]·in[c, a·s−pad+i, b·s−pad+j]
  // over pixels inside the image, + |b_o|^p; dq sums over positions.

  /**
   * Scratch of the single-precision path pass [shapes]: q [out × C·k·k] = |W|^p; x [C × H × W] the
   * scaled input sums; col, dCol [C·k·k × OH·OW]; y, dy [out × OH·OW]; dx [C × H × W]; dq [out × C·k·k].
   */
  private record PathBuffers(Kernels kernels, Gemm gemm, float[] q, float[] x, float[] col, float[] dCol, float[] y, float[] dy, float[] dx,
      float[] dq) implements PathCache {}

  /** The pass as a convolution with kernels |W|^p: im2col + GEMM in float (see {@link Layer#newPathCache(Kernels, Gemm)}). */
  @Override public PathCache newPathCache(Kernels kernels, Gemm gemm) {
    int positions = oh * ow;
    int cols = Math.multiplyExact(patch, positions);
    return new PathBuffers(kernels, gemm, new float[outC * patch], new float[inputSize()], new float[cols], new float[cols],
        new float[outputSize()], new float[outputSize()], new float[inputSize()], new float[outC * patch]);
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    if (cache instanceof PathBuffers f) {
      fastPathForward(p, pOff, power, inSums, outSums, biasPaths, f);
      return;
    }
    int positions = oh * ow;
    for (int o = 0; o < outC; o++) {
      double q0 = bias && biasPaths ? Dense.pow(p[pOff + outC * patch + o], power) : 0;
      Arrays.fill(outSums, o * positions, (o + 1) * positions, q0);
    }
    for (int o = 0; o < outC; o++) {
      for (int c = 0; c < inC; c++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            double q = Dense.pow(p[pOff + o * patch + (c * k + i) * k + j], power);
            if (q == 0) continue;
            // output columns b whose input column b·s − pad + j lies inside the image
            int first = Math.max(0, ceilDiv(pad - j, stride)), end = Math.min(ow, ceilDiv(w + pad - j, stride));
            for (int a = 0; a < oh; a++) {
              int ih = a * stride - pad + i;
              if (ih < 0 || ih >= h) continue;
              int out = (o * oh + a) * ow, in = (c * h + ih) * w - pad + j;
              if (stride == 1) {
                for (int bb = first; bb < end; bb++) outSums[out + bb] += q * inSums[in + bb];
              } else {
                for (int bb = first; bb < end; bb++) outSums[out + bb] += q * inSums[in + bb * stride];
              }
            }
          }
        }
      }
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (cache instanceof PathBuffers f) {
      fastPathBackward(p, pOff, power, inSums, dOut, dIn, dq, dqOff, f);
      return;
    }
    int positions = oh * ow;
    if (dIn != null) Arrays.fill(dIn, 0, inputSize(), 0.0);
    for (int o = 0; o < outC; o++) {
      for (int c = 0; c < inC; c++) {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            int e = o * patch + (c * k + i) * k + j;
            double q = Dense.pow(p[pOff + e], power);
            int first = Math.max(0, ceilDiv(pad - j, stride)), end = Math.min(ow, ceilDiv(w + pad - j, stride));
            double acc = 0;
            for (int a = 0; a < oh; a++) {
              int ih = a * stride - pad + i;
              if (ih < 0 || ih >= h) continue;
              int out = (o * oh + a) * ow, in = (c * h + ih) * w - pad + j;
              for (int bb = first; bb < end; bb++) acc += dOut[out + bb] * inSums[in + bb * stride];
              if (dIn == null) continue;
              if (stride == 1) {
                for (int bb = first; bb < end; bb++) dIn[in + bb] += q * dOut[out + bb];
              } else {
                for (int bb = first; bb < end; bb++) dIn[in + bb * stride] += q * dOut[out + bb];
              }
            }
            dq[dqOff + e] += (float) acc;
          }
        }
      }
      if (bias) {
        double s = 0;
        for (int j = o * positions; j < (o + 1) * positions; j++) s += dOut[j];
        dq[dqOff + outC * patch + o] += (float) s;
      }
    }
  }

  // The single-precision pass: out = s·(Q·col(in/s)) + q_b with Q = |W|^p [out × C·k·k] and s a power
  // of two ≥ max(in), so the float operands lie in [0, 1] whatever the range of the double sums.

  private void fastPathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths, PathBuffers f) {
    int positions = oh * ow;
    powers(p, pOff, power, f.q);
    double s = toFloat(inSums, inputSize(), f.x);
    Im2col.im2col(f.x, 0, inC, h, w, k, stride, pad, f.col, 0);
    // y [out × OH·OW] = Q · col
    f.gemm.ab(outC, positions, patch, f.q, 0, patch, f.col, 0, positions, f.y, 0, positions, false);
    for (int o = 0; o < outC; o++) {
      double q0 = bias && biasPaths ? Dense.pow(p[pOff + outC * patch + o], power) : 0;
      for (int j = o * positions; j < (o + 1) * positions; j++) outSums[j] = s * f.y[j] + q0;
    }
  }

  private void fastPathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq, int dqOff,
      PathBuffers f) {
    int positions = oh * ow;
    powers(p, pOff, power, f.q);
    double s = toFloat(inSums, inputSize(), f.x);
    double t = toFloat(dOut, outputSize(), f.dy);
    Im2col.im2col(f.x, 0, inC, h, w, k, stride, pad, f.col, 0);
    // dq [out × C·k·k] = dOut · colᵀ, the sum over positions of every copy of a kernel entry
    f.gemm.abt(outC, patch, positions, f.dy, 0, positions, f.col, 0, positions, f.dq, 0, patch, false);
    double st = s * t;
    for (int e = 0; e < outC * patch; e++) dq[dqOff + e] += (float) (st * f.dq[e]);
    if (bias) {
      for (int o = 0; o < outC; o++) {
        double sum = 0;
        for (int j = o * positions; j < (o + 1) * positions; j++) sum += dOut[j];
        dq[dqOff + outC * patch + o] += (float) sum;
      }
    }
    if (dIn == null) return;
    // dIn = col2im(Qᵀ · dOut)
    f.gemm.atb(patch, positions, outC, f.q, 0, patch, f.dy, 0, positions, f.dCol, 0, positions, false);
    Im2col.col2im(f.dCol, 0, inC, h, w, k, stride, pad, f.dx, 0, f.kernels);
    for (int i = 0; i < inputSize(); i++) dIn[i] = t * f.dx[i];
  }

  /** q [out × C·k·k] = |W|^power in float. */
  private void powers(float[] p, int pOff, double power, float[] q) {
    int n = outC * patch;
    if (power == 2) {
      for (int e = 0; e < n; e++) q[e] = p[pOff + e] * p[pOff + e];
    } else if (power == 1) {
      for (int e = 0; e < n; e++) q[e] = Math.abs(p[pOff + e]);
    } else {
      for (int e = 0; e < n; e++) q[e] = (float) Dense.pow(p[pOff + e], power);
    }
  }

  /**
   * to[i] = from[i] / s for i &lt; n, with s the least power of two above max |from| (1 if all are 0);
   * returns s. Dividing by a power of two is exact, so only the conversion to float rounds.
   */
  private static double toFloat(double[] from, int n, float[] to) {
    double max = 0;
    for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(from[i]));
    double s = max == 0 || Double.isInfinite(max) ? 1 : Math.scalb(1.0, Math.getExponent(max) + 1);
    double inv = 1 / s;
    for (int i = 0; i < n; i++) to[i] = (float) (from[i] * inv);
    return s;
  }

  private static int ceilDiv(int a, int b) {
    return -Math.floorDiv(-a, b);
  }

  /** Output channel {@code unit}: its kernel slice W[unit, :, :, :] and bias × c. */
  @Override public void scaleUnit(float[] p, int pOff, int unit, double c) {
    int row = pOff + unit * patch;
    for (int e = row; e < row + patch; e++) p[e] = (float) (p[e] * c);
    if (bias) {
      int b = pOff + outC * patch + unit;
      p[b] = (float) (p[b] * c);
    }
  }

  /** Input channel {@code unit}: W[:, unit, :, :] ÷ c. */
  @Override public void divideInput(float[] p, int pOff, int unit, double c) {
    for (int o = 0; o < outC; o++) {
      int from = pOff + o * patch + unit * k * k;
      for (int e = from; e < from + k * k; e++) p[e] = (float) (p[e] / c);
    }
  }

  @Override public String toString() {
    return "conv(" + inC + "→" + outC + ", " + h + "x" + w + ", k" + k + (stride != 1 ? " s" + stride : "") + (pad != 0 ? " p" + pad : "")
        + (bias ? "" : ", no bias") + (relu ? ", relu)" : ")");
  }
}
