package org.pathnorm.nn;

import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * A linear read-out applied at every step of a sequence, PyTorch's {@code nn.Linear} on the
 * {@code [batch, T, H]} output of a {@code batch_first} RNN (docs/algorithms.md §1.4): y_t = W h_t + b
 * for t = 1 … T. A sample is h [T × H] (inputSize = T·H), the output y [T × V]; the slice is
 * {@code weight} [V, H] then {@code bias} [V], shared by all steps. Forward and backward are
 * {@link Dense}'s single GEMMs over the batch·T rows; the path-norm pass sums over the T copies.
 */
public final class StepLinear implements Layer {
  private final int steps;
  private final int in;
  private final int out;

  /**
   * @param steps T
   * @param in    H, features per step
   * @param out   V, outputs per step
   */
  /** T: a per-step read-out gives one row of scores, and takes one label, per time step. */
  @Override public int outputSteps() {
    return steps;
  }

  public StepLinear(int steps, int in, int out) {
    if (steps < 1 || in < 1 || out < 1) {
      throw new IllegalArgumentException("a per-step read-out needs T, in and out >= 1, got T=" + steps + ", " + in + "→" + out);
    }
    this.steps = steps;
    this.in = in;
    this.out = out;
  }

  public int steps() {
    return steps;
  }

  @Override public int inputSize() {
    return steps * in;
  }

  @Override public int outputSize() {
    return steps * out;
  }

  @Override public int parameterCount() {
    return in * out + out;
  }

  @Override public List<ParameterTensor> tensors() {
    return List.of(new ParameterTensor("weight", 0, new int[] {out, in}), new ParameterTensor("bias", in * out, new int[] {out}));
  }

  @Override public boolean relu() {
    return false;
  }

  @Override public int units() {
    return out;
  }

  private record Buffers(Kernels kernels, Gemm gemm) implements Cache {}

  @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Buffers(kernels, gemm);
  }

  // y [batch·T × V] = h [batch·T × H] · Wᵀ + b
  @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    Dense.forward(((Buffers) cache).gemm, p, pOff, pOff + in * out, in, out, x, xOff, batch * steps, y, false);
  }

  @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache) {
    Buffers b = (Buffers) cache;
    Dense.backward(b.gemm, b.kernels, p, pOff, in, out, x, xOff, batch * steps, dY, grad, gOff, gOff + in * out, accumulate, dX);
  }

  // Path pass: out_t[v] = [bias] |b_v|^p + Σ_k |W_vk|^p in_t[k], every step; κ sums over the T copies.

  /** Scratch of the path pass: q = |W|^p [out × in], and the per-input sums of {@link #pathBackward} for one output. */
  private static final class PathBuffers implements PathCache {
    final double[] q;
    final double[] acc;

    PathBuffers(StepLinear l) {
      q = new double[l.out * l.in];
      acc = new double[l.in];
    }
  }

  @Override public PathCache newPathCache() {
    return new PathBuffers(this);
  }

  private PathBuffers pathBuffers(PathCache cache) {
    if (cache instanceof PathBuffers b) return b;
    return cache instanceof FloatPath f ? f.exact : new PathBuffers(this);
  }

  /**
   * Scratch of the single-precision pass at power 2 (Path-SGD's κ every step), three GEMMs over the T
   * steps [shapes]: x [T × H] the input sums, q [V × H] = W², y [T × V] the output sums, g [T × V] their
   * adjoints, dx [T × H], bias [V]; {@code exact} is the double pass it hands over to for other powers
   * or sums outside float's range ({@link SinglePrecision}).
   */
  private record FloatPath(Gemm gemm, Kernels kernels, float[] x, float[] q, float[] y, float[] g, float[] dx, float[] bias,
      PathBuffers exact) implements PathCache {}

  /** The pass in float as GEMMs on W² at power 2 (see {@link Layer#newPathCache(Kernels, Gemm)}). */
  @Override public PathCache newPathCache(Kernels kernels, Gemm gemm) {
    return new FloatPath(gemm, kernels, new float[steps * in], new float[out * in], new float[steps * out], new float[steps * out],
        new float[steps * in], new float[out], new PathBuffers(this));
  }

  // y [T × V] = x [T × H] · (W²)ᵀ, then + |b|² per output
  private boolean fastPathForward(float[] p, int pOff, double[] inSums, double[] outSums, boolean biasPaths, FloatPath f) {
    if (!SinglePrecision.narrow(inSums, 0, steps * in, f.x, 0)) return false;
    f.kernels.square(p, pOff, f.q, 0, out * in);
    f.gemm.abt(steps, out, in, f.x, 0, in, f.q, 0, in, f.y, 0, out, false);
    if (!SinglePrecision.finite(f.y, 0, steps * out)) return false;
    int b = pOff + in * out;
    for (int t = 0; t < steps; t++) {
      for (int v = 0; v < out; v++) outSums[t * out + v] = f.y[t * out + v] + (biasPaths ? Dense.pow(p[b + v], 2) : 0);
    }
    return true;
  }

  // dx [T × H] = g [T × V] · W², dq_W [V × H] += gᵀ · x, dq_b [V] += column sums of g; nothing written unless all finite
  private boolean fastPathBackward(float[] p, int pOff, double[] inSums, double[] dOut, double[] dIn, float[] dq, int dqOff,
      FloatPath f) {
    if (!SinglePrecision.narrow(inSums, 0, steps * in, f.x, 0) || !SinglePrecision.narrow(dOut, 0, steps * out, f.g, 0)) return false;
    f.kernels.square(p, pOff, f.q, 0, out * in);
    if (dIn != null) {
      f.gemm.ab(steps, in, out, f.g, 0, out, f.q, 0, in, f.dx, 0, in, false);
      if (!SinglePrecision.finite(f.dx, 0, steps * in)) return false;
      for (int i = 0; i < steps * in; i++) dIn[i] = f.dx[i];
    }
    f.gemm.atb(out, in, steps, f.g, 0, out, f.x, 0, in, dq, dqOff, in, true);
    java.util.Arrays.fill(f.bias, 0f);
    f.kernels.addColumnSums(f.g, 0, steps, out, out, f.bias, 0);
    for (int v = 0; v < out; v++) dq[dqOff + in * out + v] += f.bias[v];
    return true;
  }

  @Override public void pathForward(float[] p, int pOff, double power, double[] inSums, double[] outSums, boolean biasPaths,
      PathCache cache) {
    if (power == 2 && cache instanceof FloatPath f && fastPathForward(p, pOff, inSums, outSums, biasPaths, f)) return;
    PathBuffers c = pathBuffers(cache);
    double[] q = c.q;
    for (int i = 0; i < q.length; i++) q[i] = Dense.pow(p[pOff + i], power);
    int b = pOff + in * out;
    for (int t = 0; t < steps; t++) {
      int x = t * in;
      // four outputs at a time: four independent chains of additions, each still summed bias, k = 0 … in−1
      int v = 0;
      for (; v + 4 <= out; v += 4) {
        double s0 = biasPaths ? Dense.pow(p[b + v], power) : 0;
        double s1 = biasPaths ? Dense.pow(p[b + v + 1], power) : 0;
        double s2 = biasPaths ? Dense.pow(p[b + v + 2], power) : 0;
        double s3 = biasPaths ? Dense.pow(p[b + v + 3], power) : 0;
        int r0 = v * in, r1 = r0 + in, r2 = r1 + in, r3 = r2 + in;
        for (int k = 0; k < in; k++) {
          double xk = inSums[x + k];
          s0 += q[r0 + k] * xk;
          s1 += q[r1 + k] * xk;
          s2 += q[r2 + k] * xk;
          s3 += q[r3 + k] * xk;
        }
        outSums[t * out + v] = s0;
        outSums[t * out + v + 1] = s1;
        outSums[t * out + v + 2] = s2;
        outSums[t * out + v + 3] = s3;
      }
      for (; v < out; v++) {
        double s = biasPaths ? Dense.pow(p[b + v], power) : 0;
        for (int k = 0; k < in; k++) s += q[v * in + k] * inSums[x + k];
        outSums[t * out + v] = s;
      }
    }
  }

  @Override public void pathBackward(float[] p, int pOff, double power, double[] inSums, double[] dOut, double[] dIn, float[] dq,
      int dqOff, PathCache cache) {
    if (power == 2 && cache instanceof FloatPath f && fastPathBackward(p, pOff, inSums, dOut, dIn, dq, dqOff, f)) return;
    PathBuffers c = pathBuffers(cache);
    double[] acc = c.acc;
    double[] q = c.q;
    if (dIn != null) java.util.Arrays.fill(dIn, 0, steps * in, 0.0);
    int b = dqOff + in * out;
    for (int v = 0; v < out; v++) {
      int row = v * in;
      for (int k = 0; k < in; k++) q[row + k] = Dense.pow(p[pOff + row + k], power);
      java.util.Arrays.fill(acc, 0.0);
      // t outer, k inner (contiguous): acc[k] still sums over t in increasing order, dIn[t, k] over v
      for (int t = 0; t < steps; t++) {
        double g = dOut[t * out + v];
        int x = t * in;
        for (int k = 0; k < in; k++) acc[k] += g * inSums[x + k];
        if (dIn != null) {
          for (int k = 0; k < in; k++) dIn[x + k] += q[row + k] * g;
        }
      }
      for (int k = 0; k < in; k++) dq[dqOff + row + k] += (float) acc[k];
      double bias = 0;
      for (int t = 0; t < steps; t++) bias += dOut[t * out + v];
      dq[b + v] += (float) bias;
    }
  }

  @Override public void scaleUnit(float[] p, int pOff, int unit, double c) {
    for (int k = 0; k < in; k++) p[pOff + unit * in + k] = (float) (p[pOff + unit * in + k] * c);
    p[pOff + in * out + unit] = (float) (p[pOff + in * out + unit] * c);
  }

  @Override public void divideInput(float[] p, int pOff, int unit, double c) {
    for (int v = 0; v < out; v++) p[pOff + v * in + unit] = (float) (p[pOff + v * in + unit] / c);
  }

  @Override public String toString() {
    return "linear(" + in + "→" + out + ", every step)";
  }
}
