package org.pathnorm.nn;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * A DDP-normalised hidden layer (docs/algorithms.md §3.5): z = xWᵀ + b, z̃ = (z − c·Ê z)/σ with batch
 * statistics in training and running averages in evaluation, then the ReLU. σ depends on W and b
 * directly, hence {@link #addDirectGradient}. Its buffers are this stage's own.
 */
final class DdpStage implements HiddenStage {
  private final Architecture arch;
  private final int hidden;
  private final Kernels kernels;
  private final Gemm gemm;
  private final float[] preNorm;
  private final float[] normalised;
  private final float[] mean;
  private final float[] inverseSigma;
  private final float[] direct;
  private final double[] scratchA;
  private final double[] scratchB;
  private DdpNormalization norm;

  DdpStage(Architecture arch, int hidden, int maxBatch, Kernels kernels, Gemm gemm) {
    this.arch = arch;
    this.hidden = hidden;
    this.kernels = kernels;
    this.gemm = gemm;
    int m = arch.width(hidden);
    preNorm = new float[Math.multiplyExact(maxBatch, m)];
    normalised = new float[preNorm.length];
    mean = new float[m];
    inverseSigma = new float[m];
    direct = new float[m];
    scratchA = new double[arch.maxWidth()];
    scratchB = new double[arch.maxWidth()];
  }

  @Override public void forward(Network net, float[] in, int inOff, int batch, float[] act, boolean training) {
    norm = net.normalization();
    float[] p = net.parameters();
    int layer = hidden - 1;
    int m = arch.out(layer);
    Dense.forward(gemm, p, arch.weightOffset(layer), arch.biasOffset(layer), arch.in(layer), m, in, inOff, batch, preNorm, false);
    if (training) {
      norm.forwardTraining(kernels, p, arch, hidden, preNorm, batch, normalised, mean, inverseSigma, scratchA, scratchB);
    } else {
      norm.forwardEvaluation(kernels, p, arch, hidden, preNorm, batch, normalised, mean, inverseSigma);
    }
    kernels.relu(normalised, 0, act, 0, batch * m);
  }

  @Override public void backward(float[] act, float[] d, int batch) {
    int m = arch.width(hidden);
    kernels.reluBackward(act, 0, d, 0, batch * m);
    norm.backward(m, normalised, batch, d, inverseSigma, direct, scratchA, scratchB);
  }

  @Override public void addDirectGradient(Network net, float[] grad) {
    norm.addDirectGradient(kernels, net.parameters(), arch, hidden, direct, grad);
  }
}
