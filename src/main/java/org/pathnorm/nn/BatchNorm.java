package org.pathnorm.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Batch normalisation (Ioffe and Szegedy, arXiv 1502.03167), PyTorch's {@code nn.BatchNorm2d(C)} on
 * NCHW samples [C × H × W] and {@code nn.BatchNorm1d(C)} on samples [C] (H = W = 1), with the affine
 * parameters γ ({@code weight}) and β ({@code bias}) in the slice and a ReLU after it when
 * {@link #relu()}:
 *
 * <pre>  y[c, s] = [ γ_c · (x[c, s] − μ_c) / sqrt(σ²_c + ε) + β_c ]₊</pre>
 *
 * In training ({@link #forwardTraining}) μ_c and σ²_c are the mean and biased variance over the
 * mini-batch and all positions, and the running averages are updated as PyTorch does (momentum 0.1,
 * the unbiased variance, {@code num_batches_tracked} + 1); in evaluation they are the running
 * averages ({@code running_mean}, {@code running_var}), which this layer holds as its
 * {@link #buffers()}. ε = 1e-5.
 *
 * <p>Path-norm pass (docs/algorithms.md §2.8): the layer in evaluation mode is the per-channel affine
 * map x ↦ a_c·x + b_c with a_c = γ_c/sqrt(running_var_c + ε) and b_c = β_c − a_c·running_mean_c, the
 * reference code's folding; the pass uses |a_c|^p and |b_c|^p, and its dq entries for γ_c and β_c are
 * those of a_c and b_c. Path-SGD refuses models with batch statistics.
 */
public final class BatchNorm implements Layer {
  /** ε in the denominator. */
  public static final float EPS = 1e-5f;
  /** Weight of the new batch in the running averages. */
  public static final float MOMENTUM = 0.1f;

  private final int channels;
  private final int h;
  private final int w;
  private final boolean relu;
  private final float[] runningMean;
  private final float[] runningVar;
  private final float[] tracked;

  private BatchNorm(int channels, int h, int w, boolean relu, float[] runningMean, float[] runningVar, float[] tracked) {
    if (channels < 1 || h < 1 || w < 1) throw new IllegalArgumentException("batch norm: sizes must be >= 1, got " + channels + "x" + h + "x" + w);
    this.channels = channels;
    this.h = h;
    this.w = w;
    this.relu = relu;
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    this.tracked = tracked;
  }

  private BatchNorm(int channels, int h, int w, boolean relu) {
    this(channels, h, w, relu, new float[channels], ones(channels), new float[1]);
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  /** {@code nn.BatchNorm2d(channels)} on samples [channels × h × w] (running mean 0, variance 1). */
  public static BatchNorm of2d(int channels, int h, int w, boolean relu) {
    return new BatchNorm(channels, h, w, relu);
  }

  /** {@code nn.BatchNorm1d(features)} on samples [features]. */
  public static BatchNorm of1d(int features, boolean relu) {
    return new BatchNorm(features, 1, 1, relu);
  }

  /** The parameters γ = 1, β = 0 (PyTorch's initialisation) written into {@code p[pOff …]}. */
  public void initialize(float[] p, int pOff) {
    java.util.Arrays.fill(p, pOff, pOff + channels, 1f);
    java.util.Arrays.fill(p, pOff + channels, pOff + 2 * channels, 0f);
  }

  @Override public int inputSize() {
    return channels * h * w;
  }

  @Override public int outputSize() {
    return channels * h * w;
  }

  @Override public int parameterCount() {
    return 2 * channels;
  }

  @Override public List<ParameterTensor> tensors() {
    return List.of(new ParameterTensor("weight", 0, new int[] {channels}), new ParameterTensor("bias", channels, new int[] {channels}));
  }

  @Override public boolean relu() {
    return relu;
  }

  @Override public int units() {
    return channels;
  }

  @Override public boolean usesBatchStatistics() {
    return true;
  }

  @Override public Map<String, float[]> buffers() {
    Map<String, float[]> b = new LinkedHashMap<>();
    b.put("running_mean", runningMean);
    b.put("running_var", runningVar);
    b.put("num_batches_tracked", tracked);
    return b;
  }

  @Override public BatchNorm copyState() {
    return new BatchNorm(channels, h, w, relu, runningMean.clone(), runningVar.clone(), tracked.clone());
  }

  /** x̂ [maxBatch × C × H·W], and per channel the mean and 1/sqrt(σ² + ε) the last forward pass used. */
  private static final class Buffers implements Cache {
    final Kernels kernels;
    final float[] xhat;
    final double[] mean;
    final double[] invStd;
    boolean training;

    Buffers(Kernels kernels, int size, int channels) {
      this.kernels = kernels;
      xhat = new float[size];
      mean = new double[channels];
      invStd = new double[channels];
    }
  }

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Buffers(kernels, Math.multiplyExact(maxBatch, inputSize()), channels);
  }

  // forward (evaluation): x [batch × C × H·W] → y, with the running averages
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    Buffers b = (Buffers) cache;
    for (int c = 0; c < channels; c++) {
      b.mean[c] = runningMean[c];
      b.invStd[c] = 1 / Math.sqrt((double) runningVar[c] + EPS);
    }
    b.training = false;
    normalize(p, pOff, x, xOff, batch, y, b);
  }

  // forward (training): statistics of this mini-batch, running averages updated
  @Override public void forwardTraining(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    Buffers b = (Buffers) cache;
    int plane = h * w;
    long count = (long) batch * plane;
    if (count < 2) {
      throw new IllegalArgumentException("batch norm: training needs more than 1 value per channel, got a batch of " + batch + " samples of "
          + h + "x" + w);
    }
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int n = 0; n < batch; n++) {
        int from = xOff + (n * channels + c) * plane;
        for (int s = from; s < from + plane; s++) sum += x[s];
      }
      double mean = sum / count;
      double sq = 0;
      for (int n = 0; n < batch; n++) {
        int from = xOff + (n * channels + c) * plane;
        for (int s = from; s < from + plane; s++) {
          double d = x[s] - mean;
          sq += d * d;
        }
      }
      double var = sq / count;
      b.mean[c] = mean;
      b.invStd[c] = 1 / Math.sqrt(var + EPS);
      runningMean[c] = (float) ((1 - MOMENTUM) * runningMean[c] + MOMENTUM * mean);
      runningVar[c] = (float) ((1 - MOMENTUM) * runningVar[c] + MOMENTUM * sq / (count - 1));
    }
    tracked[0] += 1;
    b.training = true;
    normalize(p, pOff, x, xOff, batch, y, b);
  }

  /** x̂ = (x − μ)·invStd, y = [γ·x̂ + β]₊. */
  private void normalize(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Buffers b) {
    int plane = h * w;
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        float mean = (float) b.mean[c], inv = (float) b.invStd[c], g = p[pOff + c], beta = p[pOff + channels + c];
        int from = (n * channels + c) * plane;
        for (int s = from; s < from + plane; s++) {
          float xh = (x[xOff + s] - mean) * inv;
          b.xhat[s] = xh;
          float v = g * xh + beta;
          y[s] = relu ? Math.max(v, 0f) : v;
        }
      }
    }
  }

  // backward: dY [batch × C × H·W] → dγ, dβ [C], dX = γ·invStd/M · (M·dY − Σ dY − x̂·Σ dY·x̂) in training
  // (M = batch·H·W), γ·invStd·dY in evaluation
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    Buffers b = (Buffers) cache;
    int plane = h * w;
    if (relu) b.kernels.reluBackward(y, 0, dY, 0, batch * inputSize());
    double count = (double) batch * plane;
    for (int c = 0; c < channels; c++) {
      double dBeta = 0, dGamma = 0;
      for (int n = 0; n < batch; n++) {
        int from = (n * channels + c) * plane;
        for (int s = from; s < from + plane; s++) {
          dBeta += dY[s];
          dGamma += (double) dY[s] * b.xhat[s];
        }
      }
      grad[gOff + c] = (float) (accumulate ? grad[gOff + c] + dGamma : dGamma);
      grad[gOff + channels + c] = (float) (accumulate ? grad[gOff + channels + c] + dBeta : dBeta);
      if (dX == null) continue;
      double scale = p[pOff + c] * b.invStd[c];
      for (int n = 0; n < batch; n++) {
        int from = (n * channels + c) * plane;
        for (int s = from; s < from + plane; s++) {
          dX[s] = b.training ? (float) (scale * (dY[s] - dBeta / count - b.xhat[s] * dGamma / count)) : (float) (scale * dY[s]);
        }
      }
    }
  }

  /** a_c = γ_c / sqrt(running_var_c + ε): the folded per-channel weight. */
  private double folded(float[] p, int pOff, int c) {
    return p[pOff + c] / Math.sqrt((double) runningVar[c] + EPS);
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    int plane = h * w;
    for (int c = 0; c < channels; c++) {
      double a = folded(p, pOff, c);
      double qa = Math.pow(Math.abs(a), power);
      double qb = biasPaths ? Math.pow(Math.abs(p[pOff + channels + c] - a * runningMean[c]), power) : 0;
      for (int s = c * plane; s < (c + 1) * plane; s++) outSums[s] = qa * inSums[s] + qb;
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    int plane = h * w;
    for (int c = 0; c < channels; c++) {
      double qa = Math.pow(Math.abs(folded(p, pOff, c)), power);
      double dA = 0, dB = 0;
      for (int s = c * plane; s < (c + 1) * plane; s++) {
        dA += dOut[s] * inSums[s];
        dB += dOut[s];
        if (dIn != null) dIn[s] = qa * dOut[s];
      }
      dq[dqOff + c] += (float) dA;
      dq[dqOff + channels + c] += (float) dB;
    }
  }

  /** Channel {@code unit}: γ and β × c, so the normalised output is multiplied by c. */
  @Override public void scaleUnit(float[] p, int pOff, int unit, double c) {
    p[pOff + unit] = (float) (p[pOff + unit] * c);
    p[pOff + channels + unit] = (float) (p[pOff + channels + unit] * c);
  }

  /**
   * @throws UnsupportedOperationException always: batch norm normalises its input, so rescaling a unit
   *                                       before it is not a node rescaling of the function
   */
  @Override public void divideInput(float[] p, int pOff, int unit, double c) {
    throw new UnsupportedOperationException("batch norm normalises its input: rescale the batch norm's own channel instead");
  }

  @Override public String toString() {
    return (h * w == 1 ? "bn1d(" : "bn2d(") + channels + (relu ? ", relu)" : ")");
  }
}
