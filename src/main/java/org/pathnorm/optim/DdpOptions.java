package org.pathnorm.optim;

import java.util.Locale;

/**
 * The choices of data-dependent path normalisation (DDP, docs/algorithms.md §3.5, where its exact formulas are
 * marked as a reconstruction); each open choice is a switch, recorded in a run's config.json.
 *
 * <ul>
 *   <li>{@code alpha} ∈ [0, 1]: R_v = α·diag(γ_u², 1) + (1−α)·S_v. α = 1 is Path-SGD; α = 0 is purely
 *       data-dependent.</li>
 *   <li>{@code statistic}: S_v is the mini-batch second moment M_v = Ê[h̃h̃ᵀ] of the node's inputs
 *       (with the constant 1 of the bias) or their covariance C_v (the bias coordinate contributes 0).</li>
 *   <li>{@code downstream}: whether κ_e = ½∂²γ_net²/∂w_e² differentiates the statistics of the nodes
 *       downstream of e ({@link Downstream#EXACT}, Gauss–Newton: exact for ReLU nets, one backward pass
 *       per node with a non-zero weight β_v′) or treats them as constants ({@link Downstream#FROZEN}:
 *       κ factorises like Path-SGD's and needs only per-node batch moments, which the trainer's own forward
 *       pass provides; requires α &gt; 0, since at
 *       α = 0 it leaves every hidden layer without curvature).</li>
 * </ul>
 */
public record DdpOptions(double alpha, Statistic statistic, Downstream downstream) {

  public enum Statistic {
    SECOND_MOMENT, COVARIANCE;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Statistic parse(String s) {
      for (Statistic v : values()) if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) return v;
      throw new IllegalArgumentException("--ddp-statistic: expected second-moment or covariance, got '" + s + "'");
    }
  }

  public enum Downstream {
    EXACT, FROZEN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Downstream parse(String s) {
      for (Downstream v : values()) if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) return v;
      throw new IllegalArgumentException("--ddp-downstream: expected exact or frozen, got '" + s + "'");
    }
  }

  /**
   * Refuses the combinations where DDP-SGD's κ is degenerate (DDP-Normalization accepts them: α = 0 with
   * the covariance is its batch-normalisation anchor).
   */
  void checkForDdpSgd() {
    if (downstream == Downstream.FROZEN && alpha == 0) {
      throw new IllegalArgumentException("--ddp-downstream frozen needs --alpha > 0: at alpha = 0 the frozen"
          + " statistics give every hidden weight kappa = 0; use --ddp-downstream exact");
    }
    if (statistic == Statistic.COVARIANCE && alpha == 0) {
      throw new IllegalArgumentException("--ddp-statistic covariance needs --alpha > 0 for DDP-SGD: at alpha = 0 the"
          + " covariance ignores the biases (kappa = 0 for every bias); use second-moment or alpha > 0");
    }
  }

  /** The defaults: α = 0.5, second moment, downstream statistics differentiated. */
  public static DdpOptions defaults() {
    return new DdpOptions(0.5, Statistic.SECOND_MOMENT, Downstream.EXACT);
  }

  public DdpOptions {
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
    if (statistic == null || downstream == null) throw new IllegalArgumentException("DDP statistic and downstream mode are required");
  }
}
