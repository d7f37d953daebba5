package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pathnorm.linalg.ColumnPanels;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.RowPanels;
import org.pathnorm.linalg.SparseRows;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.simd.Kernels;

/**
 * Buffers for forward and backward passes of a feedforward {@link Network} over mini-batches of up to
 * {@code maxBatch} samples: the activations of every layer (kept for backward), dropout masks and two
 * gradient buffers. Each hidden layer runs through a {@link HiddenStage}: the plain fused bias+ReLU
 * GEMM, or a component the network composes (DDP-Normalization, batch-moment collection for
 * data-dependent optimisers). Allocated once; a pass allocates nothing. Not thread-safe: one per worker.
 */
public final class Workspace implements ModelWorkspace {
  private final Architecture arch;
  private final int maxBatch;
  private final Kernels kernels;
  private final Gemm gemm;
  /** act[i] [maxBatch × h_i] for i = 1 … d; act[d] holds the outputs (logits). */
  private final float[][] act;
  private final float[][] masks;
  /** Backward buffers [maxBatch × widest], allocated by the first training pass (an evaluation-only workspace has none). */
  private float[] gradA;
  private float[] gradB;
  private final int gradLength;
  /** stages[h] of hidden layer h = 1 … d−1: plain, then replaced by the components asked for. */
  private final HiddenStage[] plain;
  private HiddenStage[] normalised;
  private HiddenStage[] collecting;
  /** Column moments of every layer's input and pre-activation in training passes, or null. */
  private BatchMoments moments;
  /** Per layer i = 0 … d−1, the update its weight gradient goes to in training passes, or null ({@link #fuseWeightUpdates}). */
  private RowSink[] weightUpdates;
  /** The update of every parameter at the end of a training pass, or null ({@link FusedWeightUpdate#wholeUpdate}). */
  private FusedWeightUpdate.WholeUpdate wholeUpdate;
  /** With a whole update, dZ [maxBatch × h_{i+1}] of every layer i, kept until its weight gradient is asked for. */
  private float[][] layerDz;
  /** The input of the training pass whose weight gradients a whole update asks for. */
  private float[] passX;
  private int passXOff;
  private int passBatch;
  private final FusedWeightUpdate.LayerGradients deferredGradients = this::weightGradient;
  /** The first layer's update for its weights stored transposed (rows: the inputs), or null ({@link #fuseWeightUpdates}). */
  private RowSink transposedFirstUpdate;
  /** The first layer on its input's zeros: its weights are stored transposed while this holds ({@link #storeFirstLayerTransposed}). */
  private FirstLayerOnZeros onZeros;
  /** {@link #onZeros}' buffers, made by the first {@link #storeFirstLayerTransposed} and kept. */
  private FirstLayerOnZeros onZerosBuffers;

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
    gradLength = Math.multiplyExact(maxBatch, widest);
    plain = new HiddenStage[d];
    for (int h = 1; h < d; h++) plain[h] = new ReluStage(arch, h, kernels, gemm);
  }

  @Override public int maxBatch() {
    return maxBatch;
  }

  /** Evaluation-mode forward pass of a {@link Network} (the running averages of its normalisation). */
  @Override public float[] forward(Model net, float[] x, int xOff, int batch) {
    return forward((Network) net, x, xOff, batch, null, 0, 0, false);
  }

  /**
   * Evaluation-mode forward pass with the weights packed once by {@link PackedWeights#pack} from this
   * network's current parameters: each layer z = max(x·Wᵀ + b, 0) (no ReLU on the outputs) is one GEMM
   * on the packed Wᵀ, with the bits of {@link #forward(Model, float[], int, int)}. Plain ReLU networks
   * only: the stages of DDP-Normalization are not packed.
   *
   * @throws IllegalStateException if {@code net} has DDP-Normalization, or the weights were packed for
   *                               another architecture
   */
  public float[] forward(Network net, PackedWeights weights, float[] x, int xOff, int batch) {
    return packedForward(net, weights, x, xOff, null, batch);
  }

  /**
   * As {@link #forward(Network, PackedWeights, float[], int, int)} on the first {@code batch} rows of inputs in the
   * GEMM's row panels ({@link RowPanels}, shaped by a GEMM on this workspace's kernels): the first layer's product
   * reads them contiguously and packs nothing. The same bits.
   *
   * @throws IllegalStateException as the other packed forward pass
   */
  public float[] forward(Network net, PackedWeights weights, RowPanels x, int batch) {
    return packedForward(net, weights, null, 0, Objects.requireNonNull(x, "x"), batch);
  }

  /**
   * As {@link #forward(Network, PackedWeights, float[], int, int)} on the first {@code batch} rows of inputs that are
   * mostly zeros, indexed as {@link SparseRows} (by a GEMM on this workspace's kernels), with the first layer's
   * weights packed by {@link PackedWeights#packFirstLayerColumns}: the first layer's product multiplies only where a
   * pair of rows has a nonzero input. The same bits.
   *
   * @throws IllegalStateException as the other packed forward pass, or if the first layer's weights are not packed
   *     for sparse inputs
   */
  public float[] forward(Network net, PackedWeights weights, SparseRows x, int batch) {
    Objects.requireNonNull(x, "x");
    checkPackedPass(net, batch);
    gemm.ab(batch, arch.out(0), arch.in(0), x, weights.firstLayerColumns(arch), act[1], 0, arch.out(0), packedEpilogue(0),
        net.parameters(), arch.biasOffset(0));
    return packedLayers(net, weights, 1, act[1], 0, batch);
  }

  /** The packed forward passes: the first layer's input {@code x} as stored, or {@code panels} when not null. */
  private float[] packedForward(Network net, PackedWeights weights, float[] x, int xOff, RowPanels panels, int batch) {
    checkPackedPass(net, batch);
    if (panels == null) return packedLayers(net, weights, 0, x, xOff, batch);
    gemm.ab(batch, arch.out(0), arch.in(0), panels, 0, weights.layer(arch, 0), act[1], 0, arch.out(0), packedEpilogue(0),
        net.parameters(), arch.biasOffset(0));
    return packedLayers(net, weights, 1, act[1], 0, batch);
  }

  private void checkPackedPass(Network net, int batch) {
    checkBatch(batch);
    if (net.normalization() != null) {
      throw new IllegalStateException("a network with DDP-Normalization evaluates through its own stages, not packed weights");
    }
  }

  /** Layer i's epilogue in a packed pass: ReLU on the hidden layers. */
  private Gemm.Epilogue packedEpilogue(int i) {
    return i < arch.depth() - 1 ? Gemm.Epilogue.BIAS_RELU : Gemm.Epilogue.BIAS;
  }

  /** Layers {@code from} … d − 1 of a packed forward pass, layer {@code from}'s input {@code in} as stored. */
  private float[] packedLayers(Network net, PackedWeights weights, int from, float[] in, int inOff, int batch) {
    int d = arch.depth();
    for (int i = from; i < d; i++) {
      int out = arch.out(i);
      gemm.ab(batch, out, arch.in(i), in, inOff, arch.in(i), weights.layer(arch, i), act[i + 1], 0, out, packedEpilogue(i),
          net.parameters(), arch.biasOffset(i));
      in = act[i + 1];
      inOff = 0;
    }
    return act[d];
  }

  /** The hidden stages for this pass: DDP-normalised, moment-collecting (training only) or plain. */
  private HiddenStage[] stages(Network net, boolean training) {
    int d = arch.depth();
    if (net.normalization() != null) {
      if (normalised == null) {
        normalised = new HiddenStage[d];
        for (int h = 1; h < d; h++) normalised[h] = new DdpStage(arch, h, maxBatch, kernels, gemm);
      }
      return normalised;
    }
    return training && collecting != null ? collecting : plain;
  }

  /**
   * The forward pass; {@code training} selects the batch statistics of a {@link DdpNormalization}
   * (and updates its running averages) instead of the running averages, and records batch moments
   * when asked to.
   */
  private float[] forward(Network net, float[] x, int xOff, int batch, Dropout dropout, long step, int firstSample,
      boolean training) {
    checkBatch(batch);
    HiddenStage[] stages = stages(net, training);
    if (stages == collecting) {
      moments.rows = batch;
      BatchStatistics.columnMoments(x, xOff, batch, arch.inputs(), moments.inputSum[0], moments.inputSquares[0]);
    }
    float[] in = x;
    int inOff = xOff;
    int d = arch.depth();
    if (onZeros != null && !training) {
      throw new IllegalStateException("the first layer's weights are stored transposed: only training passes run until they are stored back");
    }
    for (int i = 0; i < d - 1; i++) {
      if (i == 0 && onZeros != null) onZeros.forward(net.parameters(), in, inOff, batch, act[1]);
      else stages[i + 1].forward(net, in, inOff, batch, act[i + 1], training);
      if (dropout != null) {
        if (masks[i + 1] == null) masks[i + 1] = new float[act[i + 1].length];
        dropout.mask(step, firstSample, batch, i + 1, arch.out(i), masks[i + 1]);
        kernels.mul(masks[i + 1], 0, act[i + 1], 0, batch * arch.out(i));
      }
      in = act[i + 1];
      inOff = 0;
    }
    Dense.forward(gemm, net.parameters(), arch.weightOffset(d - 1), arch.biasOffset(d - 1), arch.in(d - 1), arch.out(d - 1), in, inOff,
        batch, act[d], false);
    return act[d];
  }

  /**
   * Keeps the per-node moments of the inputs and pre-activations of every training pass (for
   * data-dependent optimisers); costs one extra pass over each hidden layer's outputs.
   */
  @Override public void collectMoments() {
    if (moments != null) return;
    moments = new BatchMoments(arch);
    collecting = new HiddenStage[arch.depth()];
    for (int h = 1; h < arch.depth(); h++) collecting[h] = new MomentStage(arch, h, kernels, gemm, moments);
  }

  /** The moments of the last training pass, or null unless {@link #collectMoments} was called. */
  @Override public BatchMoments moments() {
    return moments;
  }

  /**
   * The dense layers' weights that {@code update} takes (a non-null sink), when the network's hidden
   * layers are plain ReLU stages (no DDP-Normalization, no moments collected), whose backward pass adds
   * nothing to another layer's gradient; none otherwise.
   */
  @Override public List<ParameterRange> fuseWeightUpdates(Model model, FusedWeightUpdate update) {
    Network net = (Network) model;
    if (net.normalization() != null || collecting != null) return List.of();
    int d = arch.depth();
    RowSink[] sinks = new RowSink[d];
    List<ParameterRange> ranges = new ArrayList<>(d);
    for (int i = 0; i < d; i++) {
      int w = arch.weightOffset(i);
      sinks[i] = update.forWeights(w, arch.out(i), arch.in(i));
      if (sinks[i] != null) ranges.add(new ParameterRange(w, w + arch.in(i) * arch.out(i)));
    }
    weightUpdates = ranges.isEmpty() ? null : sinks;
    wholeUpdate = ranges.isEmpty() ? null : update.wholeUpdate();
    // the first layer's weights as stored while it trains on its input's zeros
    int[] stored = FirstLayerOnZeros.updateShape(kernels.gemmKernel(), arch.in(0), arch.out(0));
    transposedFirstUpdate = sinks[0] != null && wholeUpdate == null ? update.forWeights(arch.weightOffset(0), stored[0], stored[1]) : null;
    layerDz = null;
    if (wholeUpdate != null) {
      layerDz = new float[d][];
      for (int i = 0; i < d; i++) layerDz[i] = new float[Math.multiplyExact(maxBatch, arch.out(i))];
    }
    return List.copyOf(ranges);
  }

  /**
   * Whether {@link #storeFirstLayerTransposed} can take this network's first layer: a hidden ReLU layer (depth ≥ 2) on
   * plain stages whose weights an update takes inside the backward pass ({@link #fuseWeightUpdates}, not a whole
   * update) with more outputs than the GEMM forms as dot products ({@link Gemm#fewColumnsWidth}).
   */
  public boolean firstLayerOnZerosPossible(Model model) {
    Network net = (Network) model;
    return transposedFirstUpdate != null && arch.depth() >= 2 && net.normalization() == null && collecting == null
        && arch.out(0) > gemm.fewColumnsWidth();
  }

  /**
   * Stores the first layer's weights W₀ [out × in] transposed, as W₀ᵀ [in × out] (in the layout of
   * {@link ColumnPanels} where out is a multiple of their width, so that the forward product reads them where they lie),
   * in {@code model}'s parameters and in each of {@code alike} (arrays laid out like the parameters: an optimiser's
   * velocity), or back ({@code transposed} false). While they are stored so, training passes multiply the first layer
   * only where its input is nonzero: the forward product on pairs of rows of x against W₀ᵀ, the weight gradient W₀ᵀ's
   * on pairs of x's columns against dZ, handed to the update as the weights are stored: a panel at a time, or row by row
   * of W₀ᵀ (docs/architecture.md, "A training step on the input's zeros"), with the
   * dense passes' bits where the values are finite; evaluation passes are refused. Exact both ways (a permutation).
   *
   * @throws IllegalStateException if {@link #firstLayerOnZerosPossible} is false, or the weights are already stored so
   */
  public void storeFirstLayerTransposed(Model model, boolean transposed, float[]... alike) {
    if (transposed == (onZeros != null)) {
      throw new IllegalStateException("the first layer's weights are " + (transposed ? "already" : "not") + " stored transposed");
    }
    if (transposed && !firstLayerOnZerosPossible(model)) {
      throw new IllegalStateException("the first layer cannot run on its input's zeros in this workspace");
    }
    int in = arch.in(0);
    int out = arch.out(0);
    if (onZerosBuffers == null) onZerosBuffers = new FirstLayerOnZeros(gemm, kernels.gemmKernel(), arch.weightOffset(0), arch.biasOffset(0), in, out, maxBatch);
    FirstLayerOnZeros layer = onZerosBuffers;
    layer.store(model.parameters(), transposed);
    for (float[] a : alike) {
      if (a != null) layer.store(a, transposed);
    }
    onZeros = transposed ? layer : null;
  }

  /** Training passes whose first layer ran on its input's zeros so far (for tests). */
  public long passesOnZeros() {
    return onZerosBuffers == null ? 0 : onZerosBuffers.passes;
  }

  /** The activations [batch × h_i] of layer i (1 … d; d: the outputs) of the last pass, live. */
  public float[] activation(int i) {
    return act[i];
  }

  /**
   * Forward pass, loss and backward pass: writes (or adds, with {@code accumulate}) scale · ∂(Σ_s ℓ_s)/∂θ
   * into {@code grad} (laid out like the parameters) and returns Σ_s ℓ_s.
   */
  @Override public double forwardBackward(Model model, float[] x, int xOff, int[] labels, int labelOff, int batch, Loss loss,
      float scale, float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample) {
    Network net = (Network) model;
    if (weightUpdates != null && (accumulate || stages(net, true) != plain)) {
      throw new IllegalStateException("the weight updates fused into this workspace's passes need plain stages and no accumulation");
    }
    float[] p = net.parameters();
    float[] outputs = forward(net, x, xOff, batch, dropout, step, firstSample, true);
    HiddenStage[] stages = stages(net, true);
    // with a whole update each layer's dZ is kept in a buffer of its own until the update asks for its weight gradient
    boolean deferring = wholeUpdate != null;
    if (gradA == null && !deferring) {
      gradA = new float[gradLength];
      gradB = new float[gradLength];
    }
    int d = arch.depth();
    float[] dZ = deferring ? layerDz[d - 1] : gradA;
    double total = loss.evaluate(outputs, batch, arch.outputs(), labels, labelOff, scale, dZ, kernels);
    for (int i = d - 1; i >= 0; i--) {
      float[] input = i == 0 ? x : act[i];
      int inputOff = i == 0 ? xOff : 0;
      float[] dInput = i == 0 ? null : deferring ? layerDz[i - 1] : (dZ == gradA ? gradB : gradA);
      if (i == 0 && onZeros != null) {
        Dense.inputAndBiasGradients(gemm, kernels, p, arch.weightOffset(0), arch.in(0), arch.out(0), batch, dZ, grad,
            arch.biasOffset(0), null);
        onZeros.weightUpdate(input, inputOff, batch, dZ, transposedFirstUpdate);
      } else if (weightUpdates == null || weightUpdates[i] == null) {
        Dense.backward(gemm, kernels, p, arch.weightOffset(i), arch.in(i), arch.out(i), input, inputOff, batch, dZ,
            grad, arch.weightOffset(i), arch.biasOffset(i), accumulate, dInput);
      } else if (deferring) {
        Dense.inputAndBiasGradients(gemm, kernels, p, arch.weightOffset(i), arch.in(i), arch.out(i), batch, dZ, grad,
            arch.biasOffset(i), dInput);
      } else {
        Dense.backwardUpdating(gemm, kernels, p, arch.weightOffset(i), arch.in(i), arch.out(i), input, inputOff, batch, dZ,
            grad, arch.biasOffset(i), weightUpdates[i], dInput);
      }
      if (i < arch.depth() - 1) stages[i + 1].addDirectGradient(net, grad);
      if (i > 0) {
        if (dropout != null) kernels.mul(masks[i], 0, dInput, 0, batch * arch.in(i));
        stages[i].backward(act[i], dInput, batch);
        dZ = dInput;
      }
    }
    if (deferring) {
      passX = x;
      passXOff = xOff;
      passBatch = batch;
      try {
        wholeUpdate.apply(grad, deferredGradients);
      } finally {
        passX = null;
      }
    }
    return total;
  }

  /** Layer i's weight gradient of the current pass into its sink, for a whole update; false if it has none. */
  private boolean weightGradient(int i) {
    if (passX == null) throw new IllegalStateException("weight gradients are computed during a training pass only");
    if (weightUpdates[i] == null) return false;
    float[] input = i == 0 ? passX : act[i];
    Dense.weightGradient(gemm, arch.in(i), arch.out(i), input, i == 0 ? passXOff : 0, passBatch, layerDz[i], weightUpdates[i]);
    return true;
  }

  private void checkBatch(int batch) {
    if (batch < 1 || batch > maxBatch) {
      throw new IllegalArgumentException("batch of " + batch + " samples; this workspace holds 1.." + maxBatch);
    }
  }
}
