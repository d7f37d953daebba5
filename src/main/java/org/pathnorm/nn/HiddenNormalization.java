package org.pathnorm.nn;

import java.util.Locale;

/**
 * How the hidden layers of a {@link Network} are normalised: not at all, or by DDP-Normalization
 * (docs/algorithms.md §3.5), z̃ = (z − c·Ê z)/σ with σ² = α(‖W_j‖² + b_j²) + (1−α)·s(z) + ε.
 */
public sealed interface HiddenNormalization permits HiddenNormalization.None, HiddenNormalization.Ddp {

  /** The plain network. */
  HiddenNormalization NONE = new None();

  /** The normalisation for architecture {@code a}, with fresh running averages; null for {@link None}. */
  DdpNormalization create(Architecture a);

  /** The value config.json records: {@code none} or {@code ddp:alpha=…,statistic=…}. */
  String describe();

  /** No normalisation. */
  record None() implements HiddenNormalization {
    @Override public DdpNormalization create(Architecture a) {
      return null;
    }

    @Override public String describe() {
      return "none";
    }
  }

  /**
   * DDP-Normalization.
   *
   * @param alpha   weight α ∈ [0, 1] of the path term (α = 0 with {@code centred}: batch normalisation without scale and shift)
   * @param centred true for the covariance statistic (centred), false for the second moment
   */
  record Ddp(double alpha, boolean centred) implements HiddenNormalization {
    public Ddp {
      if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
    }

    @Override public DdpNormalization create(Architecture a) {
      return new DdpNormalization(a, alpha, centred);
    }

    @Override public String describe() {
      return String.format(Locale.ROOT, "ddp:alpha=%s,statistic=%s", alpha, centred ? "covariance" : "second-moment");
    }
  }
}
