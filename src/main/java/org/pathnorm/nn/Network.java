package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * A feedforward ReLU network (docs/algorithms.md §1.1): z^i = W_i f^{i−1} + b_i, f^i = [z^i]₊ for hidden layers,
 * linear output. All weights and biases live in one flat {@code float[]} laid out by
 * {@link Architecture}, which optimisers update in one pass. As a {@link Model} it is a stack of
 * {@link Dense} layers named as PyTorch's {@code Sequential(Linear, ReLU, Linear, …)} names them
 * ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …), whose workspace ({@link Workspace}) composes
 * the optional DDP-Normalization and the batch-moment collection of data-dependent optimisers.
 */
public final class Network implements Model {
  private final Architecture architecture;
  private final float[] parameters;
  private final DdpNormalization normalization;
  private final List<Layer> layers;

  /** A network with all parameters zero; see {@link Initializer} to initialise it. */
  public Network(Architecture architecture) {
    this(architecture, new float[architecture.parameters()]);
  }

  /** Wraps existing parameters (not copied). */
  public Network(Architecture architecture, float[] parameters) {
    this(architecture, parameters, null);
  }

  /**
   * Wraps existing parameters (not copied), with the hidden layers normalised by {@code normalization}
   * (DDP-Normalization, docs/algorithms.md §3.5; null for a plain network).
   */
  public Network(Architecture architecture, float[] parameters, DdpNormalization normalization) {
    if (parameters.length != architecture.parameters()) {
      throw new IllegalArgumentException("architecture " + architecture + " has " + architecture.parameters()
          + " parameters, got an array of " + parameters.length);
    }
    this.architecture = architecture;
    this.parameters = parameters;
    this.normalization = normalization;
    List<Layer> l = new ArrayList<>();
    for (int i = 0; i < architecture.depth(); i++) l.add(new Dense(architecture.in(i), architecture.out(i), i < architecture.depth() - 1));
    this.layers = List.copyOf(l);
  }

  @Override public List<Layer> layers() {
    return layers;
  }

  @Override public int layerOffset(int i) {
    return architecture.weightOffset(i);
  }

  /** Module {@code 2i} of {@code Sequential(Linear, ReLU, Linear, …)} for weight layer i. */
  @Override public String modulePath(int i) {
    return Integer.toString(2 * i);
  }

  /** The DDP-Normalization's running averages, {@code ddpnorm.l.running_mean} and {@code ddpnorm.l.running_statistic}. */
  @Override public Map<String, float[]> buffers() {
    if (normalization == null) return Map.of();
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int l = 1; l < architecture.depth(); l++) {
      m.put("ddpnorm." + l + ".running_mean", normalization.runningMean(l));
      m.put("ddpnorm." + l + ".running_statistic", normalization.runningStatistic(l));
    }
    return m;
  }

  @Override public Workspace newWorkspace(int maxBatch, Kernels kernels, Gemm gemm) {
    return new Workspace(architecture, maxBatch, kernels, gemm);
  }

  @Override public boolean usesBatchStatistics() {
    return normalization != null;
  }

  @Override public int inputSize() {
    return architecture.inputs();
  }

  @Override public int outputSize() {
    return architecture.outputs();
  }

  @Override public String describe() {
    return architecture.toString();
  }

  /**
   * A builder: {@code Network.builder(Architecture.parse("784-256-10")).init(Initializer.GAUSSIAN, 1).build()}.
   * Defaults: no normalisation, Gaussian initialisation with seed 1.
   */
  public static Builder builder(Architecture architecture) {
    return new Builder(architecture);
  }

  /** Builds an initialised {@link Network}. */
  public static final class Builder {
    private final Architecture architecture;
    private HiddenNormalization normalization = HiddenNormalization.NONE;
    private Initializer init = Initializer.GAUSSIAN;
    private long seed = 1;

    private Builder(Architecture architecture) {
      this.architecture = architecture;
    }

    /** The normalisation of the hidden layers (default none). */
    public Builder normalization(HiddenNormalization value) {
      normalization = value;
      return this;
    }

    /** The initialisation and its seed (default Gaussian, seed 1). */
    public Builder init(Initializer value, long initSeed) {
      init = value;
      seed = initSeed;
      return this;
    }

    public Network build() {
      Network net = new Network(architecture, new float[architecture.parameters()], normalization.create(architecture));
      init.initialize(net, seed);
      return net;
    }
  }

  /** The DDP-Normalization of the hidden layers, or null for a plain network. */
  public DdpNormalization normalization() {
    return normalization;
  }

  public Architecture architecture() {
    return architecture;
  }

  /** The live parameter array (weights and biases of every layer, see {@link Architecture}). */
  public float[] parameters() {
    return parameters;
  }

  /** Element W_layer[j, k] (row j = unit j of the layer's output, column k = its input k). */
  public float weight(int layer, int j, int k) {
    return parameters[architecture.weightOffset(layer) + j * architecture.in(layer) + k];
  }

  public float bias(int layer, int j) {
    return parameters[architecture.biasOffset(layer) + j];
  }

  /** A deep copy. */
  @Override public Network copy() {
    return new Network(architecture, parameters.clone(), normalization == null ? null : normalization.copy(architecture));
  }

  /**
   * Node rescaling ρ_{c,v} (docs/algorithms.md §1.2) of hidden unit {@code unit} of hidden layer
   * {@code hidden} (1 ≤ hidden ≤ d−1, counting the input as layer 0): its incoming weights and its bias
   * are multiplied by c, its outgoing weights divided by c; {@link Model#rescaleUnit} with layer
   * {@code hidden − 1}. The function the network computes is unchanged (up to rounding); path norms
   * are unchanged; Frobenius and spectral products are not.
   */
  public void rescaleHiddenUnit(int hidden, int unit, double c) {
    if (hidden < 1 || hidden >= architecture.depth()) {
      throw new IllegalArgumentException("hidden layer must be in 1.." + (architecture.depth() - 1) + ", got " + hidden);
    }
    rescaleUnit(hidden - 1, unit, c);
  }

  @Override public String toString() {
    return "Network(" + architecture + ", " + architecture.parameters() + " parameters"
        + (normalization == null ? "" : ", DDP-normalised " + normalization.describe()) + ")";
  }

  @Override public boolean equals(Object o) {
    return o instanceof Network n && architecture.equals(n.architecture) && Arrays.equals(parameters, n.parameters);
  }

  @Override public int hashCode() {
    return architecture.hashCode() * 31 + Arrays.hashCode(parameters);
  }
}
