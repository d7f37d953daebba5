package org.pathnorm.nn;

import java.util.Arrays;

/**
 * A feedforward ReLU network (docs/algorithms.md §1.1): z^i = W_i f^{i−1} + b_i, f^i = [z^i]₊ for hidden layers,
 * linear output. All weights and biases live in one flat {@code float[]} laid out by
 * {@link Architecture}, which optimisers update in one pass.
 */
public final class Network {
  private final Architecture architecture;
  private final float[] parameters;
  private final DdpNormalization normalization;

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
  public Network copy() {
    return new Network(architecture, parameters.clone(), normalization == null ? null : normalization.copy(architecture));
  }

  /**
   * Node rescaling ρ_{c,v} (docs/algorithms.md §1.2) of hidden unit {@code unit} of hidden layer {@code hidden}
   * (1 ≤ hidden ≤ d−1, counting the input as layer 0): its incoming weights and its bias are
   * multiplied by c, its outgoing weights divided by c. The function the network computes is
   * unchanged (up to rounding); path norms are unchanged; Frobenius and spectral products are not.
   */
  public void rescaleUnit(int hidden, int unit, double c) {
    if (hidden < 1 || hidden >= architecture.depth()) {
      throw new IllegalArgumentException("hidden layer must be in 1.." + (architecture.depth() - 1) + ", got " + hidden);
    }
    if (unit < 0 || unit >= architecture.width(hidden)) {
      throw new IllegalArgumentException("unit must be in 0.." + (architecture.width(hidden) - 1) + ", got " + unit);
    }
    if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("rescaling factor must be > 0, got " + c);
    int in = hidden - 1;
    int fanIn = architecture.in(in);
    int row = architecture.weightOffset(in) + unit * fanIn;
    for (int k = 0; k < fanIn; k++) parameters[row + k] = (float) (parameters[row + k] * c);
    int b = architecture.biasOffset(in) + unit;
    parameters[b] = (float) (parameters[b] * c);
    int out = hidden;
    int fanInNext = architecture.in(out);
    int w = architecture.weightOffset(out);
    for (int j = 0; j < architecture.out(out); j++) {
      int idx = w + j * fanInNext + unit;
      parameters[idx] = (float) (parameters[idx] / c);
    }
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
