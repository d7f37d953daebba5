package org.pathnorm.nn;

import java.util.Arrays;

/**
 * Widths of a feedforward ReLU network, h₀ = D (inputs) … h_d = C (outputs), docs/algorithms.md §1.1, and the layout
 * of its parameters in one flat {@code float[]}: for each weight layer i = 0 … d−1, first
 * W_i [h_{i+1} × h_i] row-major (row j = incoming weights of unit j, PyTorch's {@code Linear.weight}),
 * then b_i [h_{i+1}].
 */
public final class Architecture {
  private final int[] widths;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final int parameters;

  public Architecture(int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("an architecture needs at least an input and an output width, got "
          + Arrays.toString(widths));
    }
    this.widths = widths.clone();
    weightOffsets = new int[widths.length - 1];
    biasOffsets = new int[widths.length - 1];
    long offset = 0;
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] < 1) {
        throw new IllegalArgumentException("layer widths must be >= 1, got " + toString(widths));
      }
      if (i == widths.length - 1) break;
      weightOffsets[i] = (int) offset;
      offset += (long) widths[i] * widths[i + 1];
      biasOffsets[i] = (int) offset;
      offset += widths[i + 1];
      if (offset > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("architecture " + toString(widths) + " has more than 2^31 parameters");
      }
    }
    parameters = (int) offset;
  }

  /**
   * Parses an architecture string such as {@code 784-4000-4000-10}.
   *
   * @throws IllegalArgumentException naming the string and what was expected
   */
  public static Architecture parse(String spec) {
    String[] parts = spec == null ? new String[0] : spec.trim().split("-");
    if (parts.length < 2) {
      throw new IllegalArgumentException("--arch: expected widths separated by '-', e.g. 784-4000-4000-10, got '"
          + spec + "'");
    }
    int[] w = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        w[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--arch: '" + parts[i] + "' in '" + spec + "' is not a layer width");
      }
    }
    return new Architecture(w);
  }

  /** Number of weight layers d. */
  public int depth() {
    return widths.length - 1;
  }

  /** Width h_i, i = 0 (inputs) … d (outputs). */
  public int width(int i) {
    return widths[i];
  }

  public int inputs() {
    return widths[0];
  }

  public int outputs() {
    return widths[widths.length - 1];
  }

  /** The widths h₀ … h_d (a copy). */
  public int[] widths() {
    return widths.clone();
  }

  /** Largest width over all layers. */
  public int maxWidth() {
    return Arrays.stream(widths).max().orElse(0);
  }

  /** Fan-in of weight layer i (h_i). */
  public int in(int layer) {
    return widths[layer];
  }

  /** Fan-out of weight layer i (h_{i+1}). */
  public int out(int layer) {
    return widths[layer + 1];
  }

  /** Offset of W_i in the flat parameter array. */
  public int weightOffset(int layer) {
    return weightOffsets[layer];
  }

  /** Offset of b_i in the flat parameter array. */
  public int biasOffset(int layer) {
    return biasOffsets[layer];
  }

  /** Total number of weights and biases. */
  public int parameters() {
    return parameters;
  }

  @Override public String toString() {
    return toString(widths);
  }

  private static String toString(int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.length; i++) sb.append(i == 0 ? "" : "-").append(w[i]);
    return sb.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof Architecture a && Arrays.equals(widths, a.widths);
  }

  @Override public int hashCode() {
    return Arrays.hashCode(widths);
  }
}
