package org.pathnorm.train;

import java.util.Locale;

/** How {@link Trainer} reports the training loss and error after each epoch ({@link EpochStats}). */
public enum TrainingLoss {
  /**
   * A forward pass over the whole training set with the epoch's final weights (no dropout): the mean
   * loss L = (1/n) Σᵢ ℓ(f(xᵢ), yᵢ) and the 0-1 error. The default.
   */
  FULL_PASS,
  /**
   * The mean of the epoch's mini-batch losses as they were computed during its steps, weighted by
   * their sizes: (1/n) Σ_batches Σ_{i∈B} ℓ(f_t(xᵢ), yᵢ), each with the weights (and dropout) of its
   * own step, so it lags the weights and costs nothing. The training error is then not measured
   * (reported as NaN, "not computed", like an absent validation set).
   */
  RUNNING;

  /** The option value that selects this report ({@code full} or {@code running}), as config.json records it. */
  public String option() {
    return this == FULL_PASS ? "full" : "running";
  }

  /** Parses {@code full|running} for the option {@code option}. */
  public static TrainingLoss parse(String s, String option) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "full": return FULL_PASS;
      case "running": return RUNNING;
      default: throw new IllegalArgumentException(option + ": expected full or running, got '" + s + "'");
    }
  }
}
