package org.pathnorm.nn;

import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * PyTorch's {@code nn.Flatten()}: a sample [C × H × W] read as a vector of C·H·W features, channel c
 * being features c·H·W … (c + 1)·H·W − 1. NCHW samples are already stored that way, so the layer only
 * copies; it has no parameters and node rescaling of channel c passes through it to those H·W
 * features ({@link #rescalingFanOut()}).
 */
public final class Flatten extends ParameterFreeLayer {
  private final int plane;

  /** A flatten of samples [channels × h × w]. */
  public Flatten(int channels, int h, int w) {
    super(channels);
    if (channels < 1 || h < 1 || w < 1) throw new IllegalArgumentException("flatten: sizes must be >= 1, got " + channels + "x" + h + "x" + w);
    this.plane = Math.multiplyExact(h, w);
    Math.multiplyExact(channels, plane);
  }

  @Override public int inputSize() {
    return channels * plane;
  }

  @Override public int outputSize() {
    return channels * plane;
  }

  /** H·W features per channel. */
  @Override public int rescalingFanOut() {
    return plane;
  }

  // forward: x [batch × C × H × W] → y [batch × C·H·W], the same floats
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    System.arraycopy(x, xOff, y, 0, batch * inputSize());
  }

  // backward: dX = dY
  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    if (dX != null) System.arraycopy(dY, 0, dX, 0, batch * inputSize());
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    System.arraycopy(inSums, 0, outSums, 0, inputSize());
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (dIn != null) System.arraycopy(dOut, 0, dIn, 0, inputSize());
  }

  @Override String kind() {
    return "flatten";
  }

  @Override public String toString() {
    return "flatten";
  }
}
