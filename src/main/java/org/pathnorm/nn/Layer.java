package org.pathnorm.nn;

import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * One layer of a {@link Model}: a map from {@code inputSize()} to {@code outputSize()} floats per
 * sample, with {@code parameterCount()} parameters that are a slice of the model's one flat parameter
 * vector (so optimisers stay element-wise and allocation-free). docs/architecture.md, "The model
 * abstraction", describes the contract; docs/algorithms.md §1.2 the path view it serves.
 *
 * <p>Three views of the same layer:
 * <ul>
 *   <li><b>training</b>: {@link #forward} and {@link #backward} over a mini-batch of flat row-major
 *       arrays, with the layer's activation (ReLU for hidden layers) applied inside the layer, so fused
 *       fast paths (Dense's bias+ReLU GEMM epilogue) stay inside it;</li>
 *   <li><b>the path-norm pass</b> (docs/algorithms.md §2.2, §3.2): the same layer with every parameter
 *       θ replaced by q = |θ|^p and the activation replaced by the identity. {@link #pathForward} maps
 *       the path sums of its inputs to those of its outputs, {@link #pathBackward} is its transpose and
 *       adds ∂(Σ dOut·out)/∂q to a parameter-shaped buffer. Weight sharing (recurrent weights,
 *       convolution kernels) simply sums over the copies. {@link PathNormPass} builds φ_p and
 *       Path-SGD's κ for any model from these two methods;</li>
 *   <li><b>node rescaling</b> ρ_{c,v} (docs/algorithms.md §1.2): {@link #scaleUnit} multiplies what
 *       enters unit v by c, {@link #divideInput} divides what leaves input unit v by c; a
 *       model pairs them across a ReLU, and the invariance property tests are written against that.</li>
 * </ul>
 */
public interface Layer {

  /** Floats per sample in. */
  int inputSize();

  /** Floats per sample out. */
  int outputSize();

  /** Length of this layer's slice of the flat parameter vector. */
  int parameterCount();

  /** The tensors of the slice, offsets relative to its start, with PyTorch's short names. */
  List<ParameterTensor> tensors();

  /**
   * How many rows of outputs a sample's output holds, each scored against its own label: 1, or T for a
   * read-out at every step of a sequence (the output [T × V] of a language model). Only the last layer's
   * value matters ({@link Model#labelsPerSample()}).
   */
  default int outputSteps() {
    return 1;
  }

  /**
   * Multiply-adds of one sample's forward pass, for choosing how to split a step over threads: the
   * parameter count by default (a dense layer), more where weights are shared (a convolution:
   * out·C·k·k·OH·OW).
   */
  default long multiplyAddsPerSample() {
    return parameterCount();
  }

  /** Whether the output passes through a ReLU (a hidden layer whose units can be rescaled). */
  boolean relu();

  /** Buffers a forward pass leaves for backward, for mini-batches of up to {@code maxBatch} samples. */
  Cache newCache(int maxBatch, Kernels kernels, Gemm gemm);

  /**
   * y [batch × outputSize] = layer(x [batch × inputSize]) with the parameters at {@code p[pOff …]}.
   */
  void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache);

  /**
   * Given dY [batch × outputSize] = ∂L/∂y (y as forward wrote it, activation included): writes (or
   * adds, with {@code accumulate}) ∂L/∂θ into {@code grad[gOff …]}, and, if {@code dX != null},
   * writes dX [batch × inputSize] = ∂L/∂x. May overwrite dY.
   */
  void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
      boolean accumulate, float[] dX, Cache cache);

  /**
   * The path-norm pass forward: out = the layer's linear map with every parameter θ_e (at
   * {@code p[pOff …]}) replaced by q_e = |θ_e|^{power}, identity activation, and the bias nodes (whose
   * own value is 1) counted only if {@code biasPaths}. {@code in} holds {@code inputSize()} path sums,
   * {@code out} receives {@code outputSize()}.
   */
  void pathForward(float[] p, int pOff, double power, double[] in, double[] out, boolean biasPaths, PathCache cache);

  /**
   * The transpose of {@link #pathForward} (same p, power and in, bias paths counted): dIn = Jᵀ·dOut
   * (if dIn != null), and dq[dqOff + e] += ∂(Σ_j dOut_j·out_j)/∂q_e, summed over every copy of a
   * shared parameter. With power 2, dOut = 1 at the outputs and dq zeroed first, dq is Path-SGD's κ.
   */
  void pathBackward(float[] p, int pOff, double power, double[] in, double[] dOut, double[] dIn, float[] dq, int dqOff,
      PathCache cache);

  /** Scratch for the path-norm pass (null if the layer needs none). */
  default PathCache newPathCache() {
    return null;
  }

  /**
   * Scratch for the fast path-norm pass that Path-SGD's κ runs every step, on the trainer's
   * {@code kernels} (so a scalar run stays scalar) and {@code gemm}; each layer takes what it needs. A
   * convolution computes {@link #pathForward} and {@link #pathBackward} in float as im2col + GEMM on
   * the kernels |W|^p, each layer's inputs scaled by a power of two so that only the rounding (relative
   * ≈ 1e-6), not the range, is that of float; a recurrent layer and its per-step read-out run in float
   * at power 2 (the chains over the weights squared on the fly, the sums over time copies as GEMMs) and
   * hand over to their double pass where the sums leave float's range. φ_p for measures uses the
   * double pass of {@link #newPathCache()}, which is what this returns unless a layer has a faster pass.
   */
  default PathCache newPathCache(Kernels kernels, Gemm gemm) {
    return newPathCache();
  }

  /** Number of units (or channels) of the output that {@link #scaleUnit} can rescale. */
  int units();

  /**
   * Multiplies every parameter entering output unit {@code unit} (its weights and bias) by c; a
   * recurrent layer also divides the unit's outgoing recurrent weights, so its self-loop is unchanged.
   */
  void scaleUnit(float[] p, int pOff, int unit, double c);

  /** Divides every weight that reads input unit (or channel) {@code unit} by c. */
  void divideInput(float[] p, int pOff, int unit, double c);

  /**
   * The forward pass in training mode: a layer that normalises with batch statistics uses those of
   * {@code x} and updates its running averages; every other layer is the same as {@link #forward}.
   */
  default void forwardTraining(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
    forward(p, pOff, x, xOff, batch, y, cache);
  }

  /** Whether a training pass normalises with statistics of the whole mini-batch. */
  default boolean usesBatchStatistics() {
    return false;
  }

  /**
   * The layer's state that is not a parameter (running averages), live arrays by short PyTorch name
   * ({@code running_mean}, …); empty for most layers.
   */
  default java.util.Map<String, float[]> buffers() {
    return java.util.Map.of();
  }

  /** This layer for a copy of its model: itself unless it has {@link #buffers()}, which are copied. */
  default Layer copyState() {
    return this;
  }

  /**
   * Whether node rescaling passes through this parameter-free layer: it commutes with multiplying
   * input channel v by any c &gt; 0 (max and average pooling, flatten), which multiplies output units
   * v·{@link #rescalingFanOut()} … (v + 1)·{@link #rescalingFanOut()} − 1 by c. {@link Model#rescaleUnit}
   * walks through such layers to the next layer with parameters.
   */
  default boolean passesRescaling() {
    return false;
  }

  /** How many consecutive outputs carry one input channel, for a layer that {@link #passesRescaling()}. */
  default int rescalingFanOut() {
    return 1;
  }

  /**
   * Floats of state per sample that this layer carries from one forward pass to the next when asked
   * to ({@link #resetState}): a recurrent layer's last hidden state h_T, which becomes the next pass's
   * h₀ (truncated BPTT over consecutive windows, docs/algorithms.md §3.4); 0 for a stateless layer.
   */
  default int stateSize() {
    return 0;
  }

  /**
   * Zeroes the state carried in {@code cache} and turns carrying on or off: with {@code carry}, each
   * forward pass starts from the state the previous pass through this cache left (row r of the batch
   * from row r of the previous one; gradients do not flow into it), else from 0. No-op for a stateless
   * layer.
   */
  default void resetState(Cache cache, boolean carry) {}

  /** A layer's per-workspace buffers (what backward needs from forward, scratch, the GEMM to use). */
  interface Cache {}

  /** A layer's scratch for the path-norm pass. */
  interface PathCache {}
}
