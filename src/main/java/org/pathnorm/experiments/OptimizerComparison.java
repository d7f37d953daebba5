package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * The shape of E3, E4 and E5 (docs/algorithms.md §4): several training methods ("variants"), each over a grid of step
 * sizes 10^−k and seeds, on one architecture. For each variant the step size with the least final
 * validation error (mean over seeds) is selected, as the Path-SGD paper does, and its training
 * cross-entropy, training error and test error are plotted against epoch.
 */
abstract class OptimizerComparison implements Experiment {
  /** One training method: optimiser, DDP options, normalisation, init and dropout. */
  record Variant(String label, String optimizer, DdpOptions ddp, String normalization, String init, double dropout) {
    String key() {
      return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }
  }

  /** The selected runs of one variant: its step size and its runs over seeds. */
  record Selected(Variant variant, double lr, List<CellResult> runs) {}

  abstract List<Variant> variants(Scale scale);

  abstract double[] learningRates(Variant v, Scale scale);

  abstract int[] hidden(Scale scale);

  abstract int epochs(Scale scale);

  /** The claims of this experiment, from the selected runs (keyed by variant label) and all results. */
  abstract void verdicts(Settings s, Map<String, Selected> selected, Map<String, CellResult> all, ReportSection section);

  static String id(Variant v, double lr, int seed) {
    return v.key() + "-lr" + new java.math.BigDecimal(lr).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
        + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), s.transforms(0), null).splits();
    int[] widths = new int[hidden(s.scale()).length + 2];
    widths[0] = shape.train().dimension();
    System.arraycopy(hidden(s.scale()), 0, widths, 1, widths.length - 2);
    widths[widths.length - 1] = shape.train().classes();
    Architecture a = new Architecture(widths);
    List<Cell> cells = new ArrayList<>();
    for (Variant v : variants(s.scale())) {
      for (double lr : learningRates(v, s.scale())) {
        for (int seed = 1; seed <= s.seeds(); seed++) {
          cells.add(new Cell(id(v, lr, seed), RunSpec.builder(s.data(), s.transforms(0), a)
              .optimizer(v.optimizer()).ddp(v.ddp()).normalization(v.normalization()).constant(lr, 0).init(v.init()).dropout(v.dropout())
              .batch(100).epochs(epochs(s.scale())).seed(seed).build()));
        }
      }
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    Map<String, Selected> selected = new LinkedHashMap<>();
    for (Variant v : variants(s.scale())) {
      Selected best = null;
      double bestError = Double.POSITIVE_INFINITY;
      for (double lr : learningRates(v, s.scale())) {
        List<CellResult> runs = runs(results, v, lr, s.seeds());
        if (runs.isEmpty()) continue;
        boolean diverged = runs.stream().anyMatch(CellResult::diverged);
        double error = diverged ? Double.POSITIVE_INFINITY : Curves.meanOf(runs, r -> r.last(r.validationError()));
        if (best == null || error < bestError) {
          best = new Selected(v, lr, runs);
          bestError = error;
        }
      }
      if (best != null) selected.put(v.label(), best);
    }
    StringBuilder chosen = new StringBuilder("Step sizes chosen on the validation error: ");
    for (Selected sel : selected.values()) {
      chosen.append(sel.variant().label()).append(String.format(Locale.ROOT, " %.3g; ", sel.lr()));
    }
    section.note(chosen.toString());
    Figure loss = new Figure("train-loss", "Training cross-entropy (" + s.data() + ")", "epoch (passes over the training set)", "cross-entropy (nats per sample)").logY();
    Figure trainError = new Figure("train-error", "Training 0-1 error (" + s.data() + ")", "epoch (passes over the training set)", "0-1 error (fraction of samples)");
    Figure testError = new Figure("test-error", "Test 0-1 error (" + s.data() + ")", "epoch (passes over the training set)", "0-1 error (fraction of samples)");
    for (Selected sel : selected.values()) {
      String label = sel.variant().label() + String.format(Locale.ROOT, " (η=%.3g)", sel.lr());
      double[] l = Curves.mean(sel.runs(), CellResult::trainLoss);
      loss.add(label, Curves.epochs(l.length), l, Curves.spread(sel.runs(), CellResult::trainLoss));
      double[] te = Curves.mean(sel.runs(), CellResult::trainError);
      trainError.add(label, Curves.epochs(te.length), te, Curves.spread(sel.runs(), CellResult::trainError));
      double[] ts = Curves.mean(sel.runs(), CellResult::testError);
      testError.add(label, Curves.epochs(ts.length), ts, Curves.spread(sel.runs(), CellResult::testError));
    }
    String seeds = " (mean ± std over " + s.seeds() + " seed" + (s.seeds() == 1 ? "" : "s") + ")";
    loss.write(dir, name(), "Training cross-entropy against epoch" + seeds + ".", section);
    trainError.write(dir, name(), "Training 0-1 error against epoch" + seeds + ".", section);
    testError.write(dir, name(), "Test 0-1 error against epoch" + seeds + ".", section);
    verdicts(s, selected, results, section);
  }

  static List<CellResult> runs(Map<String, CellResult> results, Variant v, double lr, int seeds) {
    List<CellResult> runs = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      CellResult r = results.get(id(v, lr, seed));
      if (r != null) runs.add(r);
    }
    return runs;
  }

  /** Largest |a − b| / max(|b|, 1e-12) over the epochs both curves have. */
  static double relativeGap(double[] a, double[] b) {
    double gap = 0;
    for (int e = 0; e < Math.min(a.length, b.length); e++) gap = Math.max(gap, Math.abs(a[e] - b[e]) / Math.max(Math.abs(b[e]), 1e-12));
    return a.length == b.length ? gap : Double.POSITIVE_INFINITY;
  }

  /** The 10^−k grid between 10^−hi and 10^−lo. */
  static double[] powersOfTen(int lo, int hi) {
    double[] g = new double[hi - lo + 1];
    for (int k = lo; k <= hi; k++) g[k - lo] = Math.pow(10, -k);
    return g;
  }
}
