package org.pathnorm.cli;

import org.pathnorm.io.JsonWriter;
import org.pathnorm.optim.DdpOptions;
import picocli.CommandLine.Option;

/** The DDP-SGD options (docs/algorithms.md §3.5) shared by {@code train} and {@code bench train}. */
final class DdpMixin {
  @Option(names = "--alpha", defaultValue = "0.5",
      description = "ddp-sgd: α in [0, 1]; 1 = Path-SGD, 0 = purely data-dependent (default: ${DEFAULT-VALUE}).") double alpha;
  @Option(names = "--ddp-statistic", defaultValue = "second-moment",
      description = "ddp-sgd: second-moment or covariance of each node's inputs (default: ${DEFAULT-VALUE}).") String statistic;
  @Option(names = "--ddp-downstream", defaultValue = "exact",
      description = "ddp-sgd: exact (differentiate downstream statistics; one backward pass per node with β ≠ 0) or frozen "
          + "(treat them as constants; needs only batch moments, +13%% per step; needs --alpha > 0) (default: ${DEFAULT-VALUE}).") String downstream;

  DdpOptions options() {
    return new DdpOptions(alpha, DdpOptions.Statistic.parse(statistic), DdpOptions.Downstream.parse(downstream));
  }

  /** Writes {@code "ddp": {…}} with the choices actually used. */
  static void write(JsonWriter w, DdpOptions o) {
    w.beginObject("ddp")
        .value("alpha", o.alpha())
        .value("statistic", o.statistic().label())
        .value("downstream", o.downstream().label())
        .value("formulas", "docs/algorithms.md §3.5 reconstruction: R_v = alpha*diag(gamma_u^2, 1) + (1-alpha)*S_v; "
            + "kappa_e = 1/2 d^2 gamma_net^2 / d w_e^2")
        .endObject();
  }
}
