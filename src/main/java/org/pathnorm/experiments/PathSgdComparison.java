package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * E4, Path-SGD vs SGD vs AdaGrad, with and without dropout (docs/algorithms.md §4 E4; NIPS'15 Figs. 2–3): two hidden
 * layers, balanced and unbalanced init, batch 100, no momentum, step 10^−k chosen on validation.
 */
final class PathSgdComparison extends OptimizerComparison {
  @Override public String name() {
    return "path-sgd";
  }

  @Override public String title() {
    return "E4 Path-SGD vs SGD vs AdaGrad, with and without dropout (NIPS'15 Figs. 2-3)";
  }

  @Override List<Variant> variants(Scale scale) {
    List<Variant> v = new ArrayList<>();
    for (double dropout : new double[] {0, 0.5}) {
      for (String init : new String[] {"gaussian", "unbalanced"}) {
        String suffix = (init.equals("gaussian") ? " balanced" : " unbalanced") + (dropout > 0 ? " dropout" : "");
        v.add(new Variant("SGD" + suffix, "sgd", Unbalanced.NONE, "none", init, dropout));
        v.add(new Variant("AdaGrad" + suffix, "adagrad", Unbalanced.NONE, "none", init, dropout));
        v.add(new Variant("Path-SGD" + suffix, "path-sgd", Unbalanced.NONE, "none", init, dropout));
      }
    }
    v.add(new Variant("Path-SGD balanced, 1-ulp perturbed", "path-sgd", Unbalanced.NONE, "none", "gaussian-ulp", 0));
    return v;
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    int span = scale.pick(3, 2, 6);
    return v.optimizer().equals("adagrad") ? powersOfTen(1, span + 1) : powersOfTen(0, span);
  }

  @Override int[] hidden(Scale scale) {
    int h = scale.pick(64, 256, 4000);
    return new int[] {h, h};
  }

  @Override int epochs(Scale scale) {
    return scale.pick(10, 10, 100);
  }

  @Override void verdicts(Settings s, Map<String, Selected> selected, Map<String, CellResult> all, ReportSection section) {
    Unbalanced.invariance(s, selected, all, section, "Path-SGD balanced", "Path-SGD unbalanced", "Path-SGD balanced, 1-ulp perturbed",
        "Path-SGD's curves from the balanced and the unbalanced init coincide (invariance).");
    for (String dropout : new String[] {"", " dropout"}) {
      Selected path = selected.get("Path-SGD unbalanced" + dropout);
      Selected sgd = selected.get("SGD unbalanced" + dropout);
      Selected ada = selected.get("AdaGrad unbalanced" + dropout);
      if (path == null || sgd == null || ada == null) continue;
      double p = finalLoss(path);
      double b = Math.min(finalLoss(sgd), finalLoss(ada));
      section.verdict(new Verdict("From the unbalanced init" + (dropout.isEmpty() ? "" : ", with dropout")
          + ", Path-SGD reaches a lower training cross-entropy than SGD and AdaGrad.", p < b, String.format(Locale.ROOT,
              "final training cross-entropy: Path-SGD %.4g, SGD %.4g, AdaGrad %.4g", p, finalLoss(sgd), finalLoss(ada))));
    }
    Selected path = selected.get("Path-SGD balanced");
    Selected sgd = selected.get("SGD balanced");
    Selected ada = selected.get("AdaGrad balanced");
    if (path != null && sgd != null && ada != null) {
      double p = finalTest(path);
      double best = Math.min(finalTest(sgd), finalTest(ada));
      section.verdict(new Verdict("Path-SGD's test error is better than or comparable to (within 1 point of) SGD's and AdaGrad's.",
          p <= best + 0.01, String.format(Locale.ROOT, "final test error (balanced init): Path-SGD %.2f%%, SGD %.2f%%, AdaGrad %.2f%%",
              100 * p, 100 * finalTest(sgd), 100 * finalTest(ada))));
    }
  }

  private static double finalLoss(Selected s) {
    return s.runs().stream().anyMatch(CellResult::diverged) ? Double.POSITIVE_INFINITY : Curves.meanOf(s.runs(), r -> r.last(r.trainLoss()));
  }

  private static double finalTest(Selected s) {
    return s.runs().stream().anyMatch(CellResult::diverged) ? Double.POSITIVE_INFINITY : Curves.meanOf(s.runs(), r -> r.last(r.testError()));
  }
}
