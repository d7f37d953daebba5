package org.pathnorm.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimisation methods PathNorm trains with (docs/algorithms.md §3), named as on the command line. */
public enum Method {
  /** SGD with optional heavy-ball momentum and L2 weight decay. */
  SGD("sgd"),
  /** AdaGrad (docs/algorithms.md §3.6). */
  ADAGRAD("adagrad"),
  /** Adam, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
  ADAM("adam"),
  /** RMSProp, PyTorch's defaults α = 0.99, ε = 1e-8, no momentum (docs/algorithms.md §3.6). */
  RMSPROP("rmsprop"),
  /** Path-SGD: w ← w − η·∂L/∂w ⊘ κ (docs/algorithms.md §3.2; RNN-Path's κ⁽¹⁾ for recurrent models, §3.4). */
  PATH_SGD("path-sgd"),
  /** AdaGrad fed the path-normalised gradient (docs/algorithms.md §3.6). */
  PATH_ADAGRAD("path-adagrad"),
  /** Adam fed the path-normalised gradient (docs/algorithms.md §3.6). */
  PATH_ADAM("path-adam"),
  /** RMSProp fed the path-normalised gradient (docs/algorithms.md §3.6). */
  PATH_RMSPROP("path-rmsprop"),
  /** Data-dependent path normalisation, the α family (docs/algorithms.md §3.5). */
  DDP_SGD("ddp-sgd");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /** The command-line name, e.g. {@code path-sgd}. */
  public String label() {
    return label;
  }

  /** Whether the method divides by a path preconditioner κ (and so is defined only on models it can compute κ for). */
  public boolean pathNormalized() {
    return this == PATH_SGD || this == PATH_ADAGRAD || this == PATH_ADAM || this == PATH_RMSPROP || this == DDP_SGD;
  }

  /**
   * Parses a command-line name ({@code path-sgd-momentum} is an old alias of {@code path-sgd}).
   *
   * @throws IllegalArgumentException naming the value and the names expected
   */
  public static Method parse(String s) {
    String n = s.trim().toLowerCase(Locale.ROOT);
    if (n.equals("path-sgd-momentum")) return PATH_SGD;
    for (Method m : values()) if (m.label.equals(n)) return m;
    String names = Arrays.stream(values()).map(Method::label).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("--optimizer: expected " + names.substring(0, names.lastIndexOf(", ")) + " or "
        + names.substring(names.lastIndexOf(", ") + 2) + ", got '" + s + "'");
  }
}
