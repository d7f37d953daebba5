package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.simd.Kernels;

/**
 * A dense (fully connected) layer, PyTorch's {@code nn.Linear} followed by a ReLU when
 * {@link #relu()}: y = [x·Wᵀ + b]₊ (docs/algorithms.md §1.1). Its slice holds W [out × in] row-major
 * ({@code weight}, row j = the incoming weights of unit j) and then b [out] ({@code bias}). The bias and
 * the ReLU are fused into the epilogue of the forward GEMM.
 */
public final class Dense implements Layer {
  private final int in;
  private final int out;
  private final boolean relu;

  /**
   * @param relu whether a ReLU follows (hidden layers); the output layer is linear
   */
  public Dense(int in, int out, boolean relu) {
    if (in < 1 || out < 1) throw new IllegalArgumentException("a dense layer needs >= 1 inputs and outputs, got " + in + "→" + out);
    this.in = in;
    this.out = out;
    this.relu = relu;
  }

  @Override public int inputSize() {
    return in;
  }

  @Override public int outputSize() {
    return out;
  }

  @Override public int parameterCount() {
    return in * out + out;
  }

  @Override public List<ParameterTensor> tensors() {
    return List.of(new ParameterTensor("weight", 0, new int[] {out, in}), new ParameterTensor("bias", in * out, new int[] {out}));
  }

  @Override public boolean relu() {
    return relu;
  }

  @Override public int units() {
    return out;
  }

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Buffers(kernels, gemm);
  }

  private record Buffers(Kernels kernels, Gemm gemm) implements Cache {}

  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    forward(((Buffers) cache).gemm, p, pOff, pOff + in * out, in, out, x, xOff, batch, y, relu);
  }

  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    Buffers b = (Buffers) cache;
    if (relu) b.kernels.reluBackward(y, 0, dY, 0, batch * out);
    backward(b.gemm, b.kernels, p, pOff, in, out, x, xOff, batch, dY, grad, gOff, gOff + in * out, accumulate, dX);
  }

  /**
   * z [batch × out] = x [batch × in] · Wᵀ + b, then z ← max(z, 0) if {@code relu}: one GEMM with the
   * bias and ReLU fused into its epilogue.
   */
  public static void forward(Gemm gemm, float[] params, int wOff, int bOff, int in, int out,
      float[] x, int xOff, int batch, float[] z, boolean relu) {
    gemm.abt(batch, out, in, x, xOff, in, params, wOff, in, z, 0, out, relu ? Gemm.Epilogue.BIAS_RELU : Gemm.Epilogue.BIAS,
        params, bOff);
  }

  /**
   * Given dZ [batch × out] = ∂L/∂z: dW [out × in] (+)= dZᵀ · x, db [out] (+)= Σ_s dZ[s, :], and, if
   * {@code dX != null}, dX [batch × in] = dZ · W (the gradient with respect to the layer's input, before
   * the previous layer's ReLU mask). With {@code accumulate} false the gradient buffers are overwritten.
   */
  public static void backward(Gemm gemm, Kernels kernels, float[] params, int wOff, int in, int out,
      float[] x, int xOff, int batch, float[] dZ, float[] grad, int gwOff, int gbOff, boolean accumulate, float[] dX) {
    gemm.atb(out, in, batch, dZ, 0, out, x, xOff, in, grad, gwOff, in, accumulate);
    if (!accumulate) Arrays.fill(grad, gbOff, gbOff + out, 0f);
    kernels.addColumnSums(dZ, 0, batch, out, out, grad, gbOff);
    if (dX != null) gemm.ab(batch, in, out, dZ, 0, out, params, wOff, in, dX, 0, in, false);
  }

  /**
   * As {@link #backward(Gemm, Kernels, float[], int, int, int, float[], int, int, float[], float[], int, int,
   * boolean, float[]) backward} without accumulating, but dW = dZᵀ · x goes row by row to {@code weightUpdate}
   * (an optimiser's update of W, docs/architecture.md "The update inside the weight gradient") instead of
   * into {@code grad}, whose weight range is left as it was. dX is computed first, from W before its update.
   */
  public static void backwardUpdating(Gemm gemm, Kernels kernels, float[] params, int wOff, int in, int out,
      float[] x, int xOff, int batch, float[] dZ, float[] grad, int gbOff, RowSink weightUpdate, float[] dX) {
    inputAndBiasGradients(gemm, kernels, params, wOff, in, out, batch, dZ, grad, gbOff, dX);
    weightGradient(gemm, in, out, x, xOff, batch, dZ, weightUpdate);
  }

  /** The first part of {@link #backwardUpdating}: dX [batch × in] = dZ · W if dX is not null, then db [out] = Σ_s dZ[s, :]. */
  public static void inputAndBiasGradients(Gemm gemm, Kernels kernels, float[] params, int wOff, int in, int out, int batch,
      float[] dZ, float[] grad, int gbOff, float[] dX) {
    if (dX != null) gemm.ab(batch, in, out, dZ, 0, out, params, wOff, in, dX, 0, in, false);
    Arrays.fill(grad, gbOff, gbOff + out, 0f);
    kernels.addColumnSums(dZ, 0, batch, out, out, grad, gbOff);
  }

  /** The second part of {@link #backwardUpdating}: dW [out × in] = dZᵀ · x, row by row to {@code weightUpdate}. */
  public static void weightGradient(Gemm gemm, int in, int out, float[] x, int xOff, int batch, float[] dZ, RowSink weightUpdate) {
    gemm.atb(out, in, batch, dZ, 0, out, x, xOff, in, weightUpdate);
  }

  // The path-norm pass (docs/algorithms.md §2.2): out_j = Σ_k |W_jk|^p·in_k + |b_j|^p.

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    int b = pOff + in * out;
    for (int j = 0; j < out; j++) {
      int row = pOff + j * in;
      double s = biasPaths ? pow(p[b + j], power) : 0;
      for (int k = 0; k < in; k++) s += pow(p[row + k], power) * inSums[k];
      outSums[j] = s;
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (dIn != null) Arrays.fill(dIn, 0, in, 0.0);
    int b = dqOff + in * out;
    for (int j = 0; j < out; j++) {
      int row = pOff + j * in;
      int dRow = dqOff + j * in;
      double g = dOut[j];
      for (int k = 0; k < in; k++) {
        dq[dRow + k] += (float) (g * inSums[k]);
        if (dIn != null) dIn[k] += pow(p[row + k], power) * g;
      }
      dq[b + j] += (float) g;
    }
  }

  /** |x|^power, exact for the common powers 1 and 2. */
  static double pow(float x, double power) {
    double a = Math.abs((double) x);
    return power == 2 ? a * a : power == 1 ? a : Math.pow(a, power);
  }

  @Override public void scaleUnit(float[] p, int pOff, int unit, double c) {
    int row = pOff + unit * in;
    for (int k = 0; k < in; k++) p[row + k] = (float) (p[row + k] * c);
    int b = pOff + in * out + unit;
    p[b] = (float) (p[b] * c);
  }

  @Override public void divideInput(float[] p, int pOff, int unit, double c) {
    for (int j = 0; j < out; j++) {
      int idx = pOff + j * in + unit;
      p[idx] = (float) (p[idx] / c);
    }
  }

  @Override public String toString() {
    return "dense(" + in + "→" + out + (relu ? ", relu)" : ")");
  }
}
