package org.pathnorm.experiments;

import java.util.HashMap;
import java.util.Map;

/**
 * Hand-made results for the optimiser comparisons (E3, E4, E5): every variant has one run at step
 * size 0.1 (so the selection picks it) with a given training cross-entropy curve and final test error.
 */
final class OptimizerVerdicts {
  static final double LR = 0.1;

  private final OptimizerComparison experiment;
  final Map<String, CellResult> results = new HashMap<>();

  OptimizerVerdicts(OptimizerComparison experiment) {
    this.experiment = experiment;
  }

  OptimizerComparison.Variant variant(String label) {
    return experiment.variants(Scale.SMOKE).stream().filter(v -> v.label().equals(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no variant '" + label + "' in " + experiment.name()));
  }

  /** The variant's run: training cross-entropy {@code loss} per epoch, final test error {@code test}. */
  OptimizerVerdicts put(String label, double test, double... loss) {
    String id = OptimizerComparison.id(variant(label), LR, 1);
    double[] error = new double[loss.length];
    double[] testError = new double[loss.length];
    java.util.Arrays.fill(testError, test);
    results.put(id, new CellResult(id, Map.of(), loss, error, testError, testError, "completed", 1, new HashMap<>()));
    return this;
  }

  /** Every variant of the experiment with the same curve and test error. */
  OptimizerVerdicts putAll(double test, double... loss) {
    for (OptimizerComparison.Variant v : experiment.variants(Scale.SMOKE)) put(v.label(), test, loss);
    return this;
  }

  java.util.List<Verdict> verdicts() {
    return MadeUpResults.verdicts(experiment, results);
  }
}
