package org.pathnorm.nn;

import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Forward and backward passes of any {@link Model}, layer by layer: each layer's output [batch ×
 * outputSize] is kept for backward, and two gradient buffers of the widest layer alternate.
 * Dropout masks the output of every layer the model names ({@link Model#dropoutAfter}: by default every
 * hidden ReLU layer). Allocated once; a pass allocates nothing.
 */
final class SequentialWorkspace implements ModelWorkspace {
  private final List<Layer> layers;
  private final int maxBatch;
  private final Kernels kernels;
  private final Layer.Cache[] caches;
  /** out[i] [maxBatch × layer i's outputSize]. */
  private final float[][] out;
  private final float[][] masks;
  /** Whether dropout masks layer i's output. */
  private final boolean[] dropoutAfter;
  /** Backward buffers [maxBatch × widest], allocated by the first training pass (an evaluation-only workspace has none). */
  private float[] gradA;
  private float[] gradB;
  private final int gradLength;

  SequentialWorkspace(Model model, int maxBatch, Kernels kernels, Gemm gemm) {
    if (maxBatch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + maxBatch);
    this.layers = model.layers();
    this.maxBatch = maxBatch;
    this.kernels = kernels;
    int n = layers.size();
    caches = new Layer.Cache[n];
    out = new float[n][];
    masks = new float[n][];
    dropoutAfter = new boolean[n];
    for (int i = 0; i < n; i++) dropoutAfter[i] = model.dropoutAfter(i);
    int widest = 0;
    for (int i = 0; i < n; i++) {
      Layer l = layers.get(i);
      caches[i] = l.newCache(maxBatch, kernels, gemm);
      out[i] = new float[Math.multiplyExact(maxBatch, l.outputSize())];
      widest = Math.max(widest, Math.max(l.inputSize(), l.outputSize()));
    }
    gradLength = Math.multiplyExact(maxBatch, widest);
  }

  @Override public int maxBatch() {
    return maxBatch;
  }

  @Override public void resetState(boolean carry) {
    for (int i = 0; i < layers.size(); i++) layers.get(i).resetState(caches[i], carry);
  }

  @Override public float[] forward(Model model, float[] x, int xOff, int batch) {
    return forward(model, x, xOff, batch, false, null, 0, 0);
  }

  private float[] forward(Model model, float[] x, int xOff, int batch, boolean training, Dropout dropout, long step, int firstSample) {
    if (batch < 1 || batch > maxBatch) {
      throw new IllegalArgumentException("batch of " + batch + " samples; this workspace holds 1.." + maxBatch);
    }
    float[] p = model.parameters();
    float[] in = x;
    int inOff = xOff;
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (training) {
        l.forwardTraining(p, model.layerOffset(i), in, inOff, batch, out[i], caches[i]);
      } else {
        l.forward(p, model.layerOffset(i), in, inOff, batch, out[i], caches[i]);
      }
      if (dropout != null && dropoutAfter[i]) {
        int width = l.outputSize();
        if (masks[i] == null) masks[i] = new float[out[i].length];
        dropout.mask(step, firstSample, batch, i + 1, width, masks[i]);
        kernels.mul(masks[i], 0, out[i], 0, batch * width);
      }
      in = out[i];
      inOff = 0;
    }
    return out[layers.size() - 1];
  }

  @Override public double forwardBackward(Model model, float[] x, int xOff, int[] labels, int labelOff, int batch, Loss loss,
      float scale, float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample) {
    float[] outputs = forward(model, x, xOff, batch, true, dropout, step, firstSample);
    ensureBackwardBuffers();
    // k labels per sample: the output [batch × k·V] is batch·k rows of V classes (labels sample by sample)
    int k = model.labelsPerSample();
    double total = loss.evaluate(outputs, batch * k, model.outputSize() / k, labels, labelOff * k, scale, gradA, kernels);
    backward(model, x, xOff, batch, grad, accumulate, dropout);
    return total;
  }

  @Override public double forwardBackward(Model model, float[] x, int xOff, float[] targets, int targetOff, int batch, Loss loss,
      float scale, float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample) {
    float[] outputs = forward(model, x, xOff, batch, true, dropout, step, firstSample);
    ensureBackwardBuffers();
    // the output [batch × outputSize] against targets [batch × outputSize], sample by sample
    double total = loss.evaluate(outputs, batch, model.outputSize(), targets, targetOff, scale, gradA);
    backward(model, x, xOff, batch, grad, accumulate, dropout);
    return total;
  }

  /** The two gradient buffers, allocated by the first training pass (evaluation-only workspaces never need them). */
  private void ensureBackwardBuffers() {
    if (gradA == null) {
      gradA = new float[gradLength];
      gradB = new float[gradLength];
    }
  }

  /** Backward pass from ∂loss/∂output in gradA through every layer, last first. */
  private void backward(Model model, float[] x, int xOff, int batch, float[] grad, boolean accumulate, Dropout dropout) {
    float[] p = model.parameters();
    float[] dY = gradA;
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer l = layers.get(i);
      float[] dX = i == 0 ? null : (dY == gradA ? gradB : gradA);
      if (dropout != null && masks[i] != null && dropoutAfter[i]) {
        kernels.mul(masks[i], 0, dY, 0, batch * l.outputSize());
      }
      l.backward(p, model.layerOffset(i), i == 0 ? x : out[i - 1], i == 0 ? xOff : 0, out[i], dY, batch, grad, model.layerOffset(i),
          accumulate, dX, caches[i]);
      dY = dX;
    }
  }
}
