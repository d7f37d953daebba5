package org.pathnorm.nn;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Buffers for forward and backward passes of one network over mini-batches of up to
 * {@code maxBatch} samples: the activations of every layer (kept for backward), dropout masks and two
 * gradient buffers. Allocated once; a pass allocates nothing. Not thread-safe: one per worker.
 */
public final class Workspace implements ModelWorkspace {
  private final Architecture arch;
  private final int maxBatch;
  private final Kernels kernels;
  private final Gemm gemm;
  /** act[i] [maxBatch × h_i] for i = 1 … d; act[d] holds the outputs (logits). */
  private final float[][] act;
  private final float[][] masks;
  private final float[] gradA;
  private final float[] gradB;
  /** DDP-Normalization (allocated on first use): pre-normalisation z scratch, y[i] and per-node caches. */
  private float[] preNorm;
  private float[][] normalised;
  private float[][] normMean;
  private float[][] normInverseSigma;
  private float[][] normDirect;
  private double[] scratchA;
  private double[] scratchB;
  /** Column moments of every layer's input and pre-activation in training passes, or null. */
  private BatchMoments moments;

  /**
   * @param gemm the GEMM to run the layers with (multithreaded or not); owned by this workspace's user
   */
  public Workspace(Architecture arch, int maxBatch, Kernels kernels, Gemm gemm) {
    if (maxBatch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + maxBatch);
    this.arch = arch;
    this.maxBatch = maxBatch;
    this.kernels = kernels;
    this.gemm = gemm;
    int d = arch.depth();
    act = new float[d + 1][];
    masks = new float[d][];
    for (int i = 1; i <= d; i++) act[i] = new float[Math.multiplyExact(maxBatch, arch.width(i))];
    int widest = arch.maxWidth();
    gradA = new float[Math.multiplyExact(maxBatch, widest)];
    gradB = new float[gradA.length];
  }

  @Override public int maxBatch() {
    return maxBatch;
  }

  /** Evaluation-mode forward pass of a {@link Network} (the running averages of its normalisation). */
  @Override public float[] forward(Model net, float[] x, int xOff, int batch) {
    return forward((Network) net, x, xOff, batch, null, 0, 0, false);
  }

  /**
   * The forward pass; {@code training} selects the batch statistics of a {@link DdpNormalization}
   * (and updates its running averages) instead of the running averages.
   */
  private float[] forward(Network net, float[] x, int xOff, int batch, Dropout dropout, long step, int firstSample,
      boolean training) {
    checkBatch(batch);
    float[] p = net.parameters();
    DdpNormalization norm = net.normalization();
    if (norm != null) ensureNormalisationBuffers();
    float[] in = x;
    int inOff = xOff;
    int d = arch.depth();
    BatchMoments mo = training && norm == null ? moments : null;
    if (mo != null) {
      mo.rows = batch;
      BatchStatistics.columnMoments(x, xOff, batch, arch.inputs(), mo.inputSum[0], mo.inputSquares[0]);
    }
    for (int i = 0; i < d; i++) {
      boolean hidden = i < d - 1;
      if (hidden && mo != null) {
        // z kept for its moments, then the ReLU in place (the fused epilogue would lose z)
        int m = arch.out(i);
        Dense.forward(gemm, p, arch.weightOffset(i), arch.biasOffset(i), arch.in(i), m, in, inOff, batch, act[i + 1], false);
        BatchStatistics.columnMoments(act[i + 1], batch, m, mo.preSum[i + 1], mo.preSquares[i + 1]);
        kernels.relu(act[i + 1], 0, act[i + 1], 0, batch * m);
        BatchStatistics.columnMoments(act[i + 1], batch, m, mo.inputSum[i + 1], mo.inputSquares[i + 1]);
      } else if (hidden && norm != null) {
        int m = arch.out(i);
        Dense.forward(gemm, p, arch.weightOffset(i), arch.biasOffset(i), arch.in(i), m, in, inOff, batch, preNorm, false);
        if (training) {
          norm.forwardTraining(kernels, p, arch, i + 1, preNorm, batch, normalised[i + 1], normMean[i + 1], normInverseSigma[i + 1],
              scratchA, scratchB);
        } else {
          norm.forwardEvaluation(kernels, p, arch, i + 1, preNorm, batch, normalised[i + 1], normMean[i + 1], normInverseSigma[i + 1]);
        }
        kernels.relu(normalised[i + 1], 0, act[i + 1], 0, batch * m);
      } else {
        Dense.forward(gemm, p, arch.weightOffset(i), arch.biasOffset(i), arch.in(i), arch.out(i), in, inOff, batch,
            act[i + 1], hidden);
      }
      if (hidden && dropout != null) {
        if (masks[i + 1] == null) masks[i + 1] = new float[act[i + 1].length];
        dropout.mask(step, firstSample, batch, i + 1, arch.out(i), masks[i + 1]);
        kernels.mul(masks[i + 1], 0, act[i + 1], 0, batch * arch.out(i));
      }
      in = act[i + 1];
      inOff = 0;
    }
    return act[d];
  }

  /**
   * Keeps the per-node moments of the inputs and pre-activations of every training pass (for
   * data-dependent optimisers); costs one extra pass over each hidden layer's outputs.
   */
  @Override public void collectMoments() {
    if (moments == null) moments = new BatchMoments(arch);
  }

  /** The moments of the last training pass, or null unless {@link #collectMoments} was called. */
  @Override public BatchMoments moments() {
    return moments;
  }

  /** The activations [batch × h_i] of layer i (1 … d; d: the outputs) of the last pass, live. */
  public float[] activation(int i) {
    return act[i];
  }

  private void ensureNormalisationBuffers() {
    if (normalised != null) return;
    int d = arch.depth();
    preNorm = new float[Math.multiplyExact(maxBatch, arch.maxWidth())];
    normalised = new float[d][];
    normMean = new float[d][];
    normInverseSigma = new float[d][];
    normDirect = new float[d][];
    for (int i = 1; i < d; i++) {
      normalised[i] = new float[Math.multiplyExact(maxBatch, arch.width(i))];
      normMean[i] = new float[arch.width(i)];
      normInverseSigma[i] = new float[arch.width(i)];
      normDirect[i] = new float[arch.width(i)];
    }
    scratchA = new double[arch.maxWidth()];
    scratchB = new double[arch.maxWidth()];
  }

  /**
   * Forward pass, loss and backward pass: writes (or adds, with {@code accumulate}) scale · ∂(Σ_s ℓ_s)/∂θ
   * into {@code grad} (laid out like the parameters) and returns Σ_s ℓ_s.
   */
  @Override public double forwardBackward(Model model, float[] x, int xOff, int[] labels, int labelOff, int batch, Loss loss,
      float scale, float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample) {
    Network net = (Network) model;
    float[] p = net.parameters();
    DdpNormalization norm = net.normalization();
    float[] outputs = forward(net, x, xOff, batch, dropout, step, firstSample, true);
    float[] dZ = gradA;
    double total = loss.evaluate(outputs, batch, arch.outputs(), labels, labelOff, scale, dZ);
    for (int i = arch.depth() - 1; i >= 0; i--) {
      float[] input = i == 0 ? x : act[i];
      int inputOff = i == 0 ? xOff : 0;
      float[] dInput = i == 0 ? null : (dZ == gradA ? gradB : gradA);
      Dense.backward(gemm, kernels, p, arch.weightOffset(i), arch.in(i), arch.out(i), input, inputOff, batch, dZ,
          grad, arch.weightOffset(i), arch.biasOffset(i), accumulate, dInput);
      // σ of the normalised layer i+1 depends on W_i and b_i directly (DdpNormalization.backward)
      if (norm != null && i < arch.depth() - 1) norm.addDirectGradient(kernels, p, arch, i + 1, normDirect[i + 1], grad);
      if (i > 0) {
        int n = batch * arch.in(i);
        if (dropout != null) kernels.mul(masks[i], 0, dInput, 0, n);
        kernels.reluBackward(act[i], 0, dInput, 0, n);
        if (norm != null) {
          norm.backward(arch.in(i), normalised[i], batch, dInput, normInverseSigma[i], normDirect[i], scratchA, scratchB);
        }
        dZ = dInput;
      }
    }
    return total;
  }

  private void checkBatch(int batch) {
    if (batch < 1 || batch > maxBatch) {
      throw new IllegalArgumentException("batch of " + batch + " samples; this workspace holds 1.." + maxBatch);
    }
  }
}
