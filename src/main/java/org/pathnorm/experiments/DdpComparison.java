package org.pathnorm.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.optim.DdpOptions;
import org.pathnorm.optim.DdpOptions.Downstream;
import org.pathnorm.optim.DdpOptions.Statistic;

/**
 * E5, data-dependent path normalisation (docs/algorithms.md §4 E5, marked [U]: the paper's grid is not recalled): DDP-SGD
 * for α ∈ {0, 0.5, 1} against Path-SGD and SGD, and DDP-Normalization (α = 0 with the covariance, i.e.
 * batch normalisation without scale and shift, and α = 0.5) trained with SGD; DDP-SGD α = 0.5 also from
 * the unbalanced init.
 */
final class DdpComparison extends OptimizerComparison {
  @Override public String name() {
    return "ddp";
  }

  @Override public String title() {
    return "E5 Data-dependent path normalisation: DDP-SGD and DDP-Normalization (ICLR'16)";
  }

  private static DdpOptions alpha(double a) {
    return new DdpOptions(a, Statistic.SECOND_MOMENT, Downstream.EXACT);
  }

  @Override List<Variant> variants(Scale scale) {
    DdpOptions none = Unbalanced.NONE;
    return List.of(new Variant("SGD", "sgd", none, "none", "gaussian", 0),
        new Variant("Path-SGD", "path-sgd", none, "none", "gaussian", 0),
        new Variant("DDP-SGD alpha=1", "ddp-sgd", alpha(1), "none", "gaussian", 0),
        new Variant("DDP-SGD alpha=0.5", "ddp-sgd", alpha(0.5), "none", "gaussian", 0),
        new Variant("DDP-SGD alpha=0.5 unbalanced", "ddp-sgd", alpha(0.5), "none", "unbalanced", 0),
        new Variant("DDP-SGD alpha=0.5, 1-ulp perturbed", "ddp-sgd", alpha(0.5), "none", "gaussian-ulp", 0),
        new Variant("DDP-SGD alpha=0", "ddp-sgd", alpha(0), "none", "gaussian", 0),
        new Variant("DDP-Norm alpha=0 covariance (BN)", "sgd", new DdpOptions(0, Statistic.COVARIANCE, Downstream.EXACT), "ddp",
            "gaussian", 0),
        new Variant("DDP-Norm alpha=0.5", "sgd", alpha(0.5), "ddp", "gaussian", 0));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    return powersOfTen(0, scale.pick(3, 2, 5));
  }

  @Override int[] hidden(Scale scale) {
    int h = scale.pick(64, 256, 1000);
    return new int[] {h, h};
  }

  @Override int epochs(Scale scale) {
    return scale.pick(10, 10, 100);
  }

  @Override void verdicts(Settings s, Map<String, Selected> selected, Map<String, CellResult> all, ReportSection section) {
    Unbalanced.invariance(s, selected, all, section, "Path-SGD", "DDP-SGD alpha=1", null,
        "DDP-SGD at α = 1 is Path-SGD: the same curves at the same step size.");
    Unbalanced.invariance(s, selected, all, section, "DDP-SGD alpha=0.5", "DDP-SGD alpha=0.5 unbalanced", "DDP-SGD alpha=0.5, 1-ulp perturbed",
        "DDP-SGD is invariant to node rescaling: the curves from the balanced and the unbalanced init coincide.");
    double dataDependent = Double.POSITIVE_INFINITY;
    String which = "";
    for (String label : new String[] {"DDP-SGD alpha=0.5", "DDP-SGD alpha=0", "DDP-Norm alpha=0 covariance (BN)", "DDP-Norm alpha=0.5"}) {
      Selected sel = selected.get(label);
      if (sel == null || sel.runs().stream().anyMatch(CellResult::diverged)) continue;
      double l = Curves.meanOf(sel.runs(), r -> r.last(r.trainLoss()));
      if (l < dataDependent) {
        dataDependent = l;
        which = label;
      }
    }
    Selected path = selected.get("Path-SGD");
    Selected sgd = selected.get("SGD");
    if (path == null || sgd == null || which.isEmpty()) return;
    double p = Curves.meanOf(path.runs(), r -> r.last(r.trainLoss()));
    double g = Curves.meanOf(sgd.runs(), r -> r.last(r.trainLoss()));
    section.verdict(new Verdict("A data-dependent variant (α < 1) reaches a lower training cross-entropy per epoch than Path-SGD and SGD"
        + " (expected from the paper's scope; docs/algorithms.md marks E5 as unverified).", dataDependent < Math.min(p, g), String.format(Locale.ROOT,
            "final training cross-entropy: best data-dependent (%s) %.4g, Path-SGD %.4g, SGD %.4g", which, dataDependent, p, g)));
    section.note("E5's architecture, α grid and step sizes are not recalled in docs/algorithms.md §4: these runs follow the expected design"
        + " (two hidden layers, α ∈ {0, 0.5, 1}), not the paper's exact protocol.");
  }
}
