package org.pathnorm.optim;

import org.pathnorm.nn.Model;

/** What the path-normalised methods (Path-SGD, Path-AdaGrad, Path-Adam, DDP-SGD) require of a model. */
final class PathMethods {
  private PathMethods() {}

  /**
   * Refuses a model whose forward pass normalises with batch statistics: κ is a function of the
   * weights of the plain network and ignores the normalisation (docs/algorithms.md §3.5).
   */
  static void check(String method, Model model) {
    if (model.usesBatchStatistics()) {
      throw new IllegalArgumentException("--optimizer " + method + " is not defined on a network that normalises with batch statistics"
          + " (DDP-Normalization or batch norm: its kappa ignores the normalisation); use sgd, adagrad or adam");
    }
  }
}
