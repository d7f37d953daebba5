package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.train.HiddenState;

/**
 * The shape of E6–E8 (docs/algorithms.md §4): on one or more tasks, several recurrent training methods
 * ("variants"), each over a grid of step sizes and seeds. For each task and variant the step size with
 * the least final validation loss (mean over seeds; a diverged run counts as infinite) is selected, and
 * its test metric ({@link #metric}, e.g. MSE or bits per character) is plotted against epoch.
 */
abstract class RecurrentComparison implements Experiment {
  /** One training method: activation, init, optimiser, momentum, gradient clipping (0: none), κ ratios recorded. */
  record Variant(String label, String activation, String init, String optimizer, double momentum, double clipNorm, boolean kappaRatios) {
    String key() {
      return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }
  }

  /** One task: a key for cell ids, its data spec and transforms, and a label for figures. */
  record Task(String key, String label, String data, DataTransforms transforms) {}

  /** The runs of one variant at its selected step size. */
  record Selected(Variant variant, double lr, List<CellResult> runs) {
    /** The mean over seeds of the final test metric; +∞ if a run diverged. */
    double finalTest(RecurrentComparison e) {
      return runs.stream().anyMatch(CellResult::diverged) || runs.isEmpty() ? Double.POSITIVE_INFINITY
          : Curves.meanOf(runs, r -> e.metric(r.last(r.testLoss())));
    }
  }

  /** Global-norm gradient clipping of the SGD baselines (ours, after Le et al., arXiv 1504.00941). */
  static final double BASELINE_CLIP = 1;

  abstract List<Task> tasks(Settings s);

  abstract List<Variant> variants(Scale scale);

  abstract double[] learningRates(Variant v, Scale scale);

  abstract int hidden(Scale scale);

  abstract int epochs(Scale scale);

  abstract int batch(Scale scale);

  /** Whether the hidden state is reset per sample (the default) or carried across consecutive windows (truncated BPTT). */
  HiddenState hiddenState() {
    return HiddenState.RESET;
  }

  /** The test metric of a mean loss (identity: MSE or nats; bits per character for language models). */
  double metric(double loss) {
    return loss;
  }

  /** The metric's name in figures. */
  abstract String metricName();

  /** The y-axis label of the test curves: the metric with its unit. */
  String metricAxis() {
    return switch (metricName()) {
      case "bits per character" -> "test loss (bits per character)";
      case "MSE" -> "test MSE (squared error per sequence)";
      default -> "test " + metricName() + " (nats per sample)";
    };
  }

  /** The claims, from the selected runs by task key and variant label. */
  abstract void verdicts(Settings s, Map<String, Map<String, Selected>> selected, Map<String, CellResult> all, ReportSection section);

  static String id(Task t, Variant v, double lr, int seed) {
    return t.key() + "-" + v.key() + "-lr" + new java.math.BigDecimal(lr).round(new java.math.MathContext(3)).stripTrailingZeros()
        .toPlainString() + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    List<Cell> cells = new ArrayList<>();
    Scale sc = s.scale();
    for (Task t : tasks(s)) {
      for (Variant v : variants(sc)) {
        for (double lr : learningRates(v, sc)) {
          for (int seed = 1; seed <= s.seeds(); seed++) {
            cells.add(new Cell(id(t, v, lr, seed), new RecurrentRunSpec(t.data(), t.transforms(), hidden(sc), 1, v.activation(), v.init(),
                "auto", v.optimizer(), lr, v.momentum(), v.clipNorm(), batch(sc), epochs(sc), seed, v.kappaRatios(), hiddenState())));
          }
        }
      }
    }
    return cells;
  }

  /** For each task and variant, the step size of least final validation loss. */
  Map<String, Map<String, Selected>> select(Settings s, Map<String, CellResult> results) {
    Map<String, Map<String, Selected>> out = new LinkedHashMap<>();
    for (Task t : tasks(s)) {
      Map<String, Selected> byVariant = new LinkedHashMap<>();
      for (Variant v : variants(s.scale())) {
        Selected best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double lr : learningRates(v, s.scale())) {
          List<CellResult> runs = new ArrayList<>();
          for (int seed = 1; seed <= s.seeds(); seed++) {
            CellResult r = results.get(id(t, v, lr, seed));
            if (r != null) runs.add(r);
          }
          if (runs.isEmpty()) continue;
          boolean bad = runs.stream().anyMatch(r -> r.diverged() || r.validationLoss().length == 0);
          double loss = bad ? Double.POSITIVE_INFINITY : Curves.meanOf(runs, r -> r.last(r.validationLoss()));
          if (best == null || loss < bestLoss || Double.isNaN(bestLoss)) {
            best = new Selected(v, lr, runs);
            bestLoss = loss;
          }
        }
        if (best != null) byVariant.put(v.label(), best);
      }
      out.put(t.key(), byVariant);
    }
    return out;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    Map<String, Map<String, Selected>> selected = select(s, results);
    StringBuilder chosen = new StringBuilder("Step sizes chosen on the final validation loss: ");
    for (Task t : tasks(s)) {
      Map<String, Selected> byVariant = selected.get(t.key());
      if (byVariant.isEmpty()) continue;
      chosen.append(t.label()).append(": ");
      Figure f = new Figure("test-" + t.key(), "Test " + metricName() + " (" + t.label() + ")", "epoch (passes over the training set)",
          metricAxis());
      for (Selected sel : byVariant.values()) {
        chosen.append(sel.variant().label()).append(String.format(Locale.ROOT, " %.3g; ", sel.lr()));
        List<CellResult> runs = sel.runs();
        double[] m = Curves.mean(runs, r -> metricCurve(r.testLoss()));
        f.add(sel.variant().label() + String.format(Locale.ROOT, " (η=%.3g)", sel.lr()), Curves.epochs(m.length), m,
            Curves.spread(runs, r -> metricCurve(r.testLoss())));
      }
      f.write(dir, name(), "Test " + metricName() + " against epoch on " + t.label() + " (mean ± std over " + s.seeds() + " seed"
          + (s.seeds() == 1 ? "" : "s") + ").", section);
    }
    section.note(chosen.toString());
    verdicts(s, selected, results, section);
  }

  private double[] metricCurve(double[] loss) {
    double[] m = new double[loss.length];
    for (int i = 0; i < m.length; i++) m[i] = metric(loss[i]);
    return m;
  }

  /** The grid 10^−lo … 10^−hi. */
  static double[] powersOfTen(int lo, int hi) {
    return OptimizerComparison.powersOfTen(lo, hi);
  }
}
