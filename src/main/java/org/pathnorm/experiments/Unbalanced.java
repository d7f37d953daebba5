package org.pathnorm.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.optim.DdpOptions;

/**
 * E3, non-invariance of SGD (docs/algorithms.md §4 E3; Path-SGD NIPS'15 Fig. 1): SGD and Path-SGD from a balanced
 * Gaussian init and from an unbalanced init of the same function (same seed, node rescalings), two
 * hidden layers, no momentum, on the same batches.
 */
final class Unbalanced extends OptimizerComparison {
  static final DdpOptions NONE = DdpOptions.defaults();

  @Override public String name() {
    return "unbalanced";
  }

  @Override public String title() {
    return "E3 Non-invariance of SGD: balanced vs unbalanced init (Path-SGD NIPS'15 Fig. 1)";
  }

  @Override List<Variant> variants(Scale scale) {
    return List.of(new Variant("SGD balanced", "sgd", NONE, "none", "gaussian", 0),
        new Variant("SGD unbalanced", "sgd", NONE, "none", "unbalanced", 0),
        new Variant("Path-SGD balanced", "path-sgd", NONE, "none", "gaussian", 0),
        new Variant("Path-SGD unbalanced", "path-sgd", NONE, "none", "unbalanced", 0),
        new Variant("Path-SGD balanced, 1-ulp perturbed", "path-sgd", NONE, "none", "gaussian-ulp", 0));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    return powersOfTen(0, scale.pick(2, 3, 4));
  }

  @Override int[] hidden(Scale scale) {
    int h = scale.pick(64, 256, 4000);
    return new int[] {h, h};
  }

  @Override int epochs(Scale scale) {
    return scale.pick(10, 10, 50);
  }

  @Override void verdicts(Settings s, Map<String, Selected> selected, Map<String, CellResult> all, ReportSection section) {
    invariance(s, selected, all, section, "Path-SGD balanced", "Path-SGD unbalanced", "Path-SGD balanced, 1-ulp perturbed",
        "Path-SGD's curves from the balanced and the unbalanced init coincide (invariance).");
    Selected sgd = selected.get("SGD balanced");
    if (sgd == null) return;
    List<CellResult> unbalanced = runs(all, variants(s.scale()).get(1), sgd.lr(), s.seeds());
    if (unbalanced.isEmpty()) return;
    boolean diverged = unbalanced.stream().anyMatch(CellResult::diverged);
    double b = Curves.meanOf(sgd.runs(), r -> r.last(r.trainLoss()));
    double u = diverged ? Double.POSITIVE_INFINITY : Curves.meanOf(unbalanced, r -> r.last(r.trainLoss()));
    section.verdict(new Verdict("SGD is not invariant: from the unbalanced init of the same function it is much slower.",
        u > 1.1 * b, String.format(Locale.ROOT, "final training cross-entropy at η = %.3g: balanced %.4g, unbalanced %s", sgd.lr(), b,
            diverged ? "diverged" : String.format(Locale.ROOT, "%.4g", u))));
  }

  /**
   * Balanced and unbalanced runs of one method at the balanced run's step size: their curves coincide.
   * Float training is chaotic: a one-ulp perturbation of the init (run {@code floorLabel}, null for none)
   * drives two runs apart by itself, so the gap must be within 10× that floor (or below 1e-3).
   */
  static void invariance(Settings s, Map<String, Selected> selected, Map<String, CellResult> all, ReportSection section,
      String balancedLabel, String unbalancedLabel, String floorLabel, String claim) {
    Selected balanced = selected.get(balancedLabel);
    Selected other = selected.get(unbalancedLabel);
    if (balanced == null || other == null) return;
    List<CellResult> unbalanced = runs(all, other.variant(), balanced.lr(), s.seeds());
    if (unbalanced.size() != balanced.runs().size()) return;
    double[] reference = Curves.mean(balanced.runs(), CellResult::trainLoss);
    double gap = relativeGap(Curves.mean(unbalanced, CellResult::trainLoss), reference);
    double floor = 0;
    Selected f = floorLabel == null ? null : selected.get(floorLabel);
    if (f != null) {
      List<CellResult> perturbed = runs(all, f.variant(), balanced.lr(), s.seeds());
      if (perturbed.size() == balanced.runs().size()) floor = relativeGap(Curves.mean(perturbed, CellResult::trainLoss), reference);
    }
    double threshold = Math.max(1e-3, 10 * floor);
    section.verdict(new Verdict(claim, gap <= threshold, String.format(Locale.ROOT,
        "largest relative difference of the training cross-entropy over the epochs, at η = %.3g: %.2e; a 1-ulp perturbation of the"
            + " balanced init alone gives %.2e (float rounding, amplified by training); threshold max(1e-3, 10× that) = %.2e",
        balanced.lr(), gap, floor, threshold)));
  }
}
