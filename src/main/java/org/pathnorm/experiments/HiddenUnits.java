package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * E1, the hidden-unit sweep (docs/algorithms.md §4 E1, thesis Figure 1): one hidden layer of H units on a log₂ grid,
 * the thesis SGD schedule (step 0.1 ×0.99 per epoch, momentum 0.5 +0.02 per epoch up to 0.9), batch
 * 100, Gaussian init; training error, test error at the end ("at convergence") and test error at the
 * epoch of least validation error (early stopping) against H.
 */
final class HiddenUnits implements Experiment {
  @Override public String name() {
    return "hidden-units";
  }

  @Override public String title() {
    return "E1 Hidden-unit sweep (thesis Figure 1)";
  }

  static int[] grid(Scale scale) {
    return scale.pick(new int[] {4, 8, 16, 32, 64, 128, 256, 512}, new int[] {4, 16, 64, 256, 1024},
        new int[] {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096});
  }

  @Override public List<Cell> cells(Settings s) {
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), s.transforms(10), null).splits();
    List<Cell> cells = new ArrayList<>();
    for (int h : grid(s.scale())) {
      Architecture a = new Architecture(shape.train().dimension(), h, shape.train().classes());
      for (int seed = 1; seed <= s.seeds(); seed++) {
        cells.add(new Cell("h" + h + "-s" + seed, RunSpec.builder(s.data(), s.transforms(10), a).thesis(0.1, 0.5)
            .batch(100).epochs(s.scale().pick(40, 30, 200)).seed(seed).build()));
      }
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    int[] grid = grid(s.scale());
    double[] x = new double[grid.length];
    double[][] mean = new double[3][grid.length];
    double[][] spread = new double[3][grid.length];
    boolean diverged = false;
    for (int i = 0; i < grid.length; i++) {
      x[i] = grid[i];
      List<CellResult> runs = new ArrayList<>();
      for (int seed = 1; seed <= s.seeds(); seed++) {
        CellResult r = results.get("h" + grid[i] + "-s" + seed);
        if (r != null) runs.add(r);
      }
      if (runs.isEmpty()) {
        for (double[] m : mean) m[i] = Double.NaN;
        continue;
      }
      for (CellResult r : runs) diverged |= r.diverged();
      mean[0][i] = Curves.meanOf(runs, r -> r.last(r.trainError()));
      mean[1][i] = Curves.meanOf(runs, r -> r.last(r.testError()));
      mean[2][i] = Curves.meanOf(runs, CellResult::earlyStoppingTestError);
      spread[0][i] = Curves.spreadOf(runs, r -> r.last(r.trainError()));
      spread[1][i] = Curves.spreadOf(runs, r -> r.last(r.testError()));
      spread[2][i] = Curves.spreadOf(runs, CellResult::earlyStoppingTestError);
    }
    new Figure("error-vs-h", "Error against hidden units H (" + s.data() + ")", "H (hidden units per layer)", "0-1 error (fraction of samples)").logX()
        .add("training error", x, mean[0], spread[0])
        .add("test error at convergence", x, mean[1], spread[1])
        .add("test error, early stopping", x, mean[2], spread[2])
        .write(dir, name(), "Training error, test error at the last epoch and with early stopping, against H"
            + " (mean ± std over " + s.seeds() + " seed" + (s.seeds() == 1 ? "" : "s") + ").", section);
    // the claims
    int fit = -1;
    for (int i = 0; i < grid.length; i++) if (fit < 0 && mean[0][i] <= 0.001) fit = i;
    section.verdict(new Verdict("The training error reaches 0 once H is moderately large.", diverged ? null : fit >= 0,
        fit >= 0 ? String.format(Locale.ROOT, "training error ≤ 0.1%% from H = %d on (%.2f%% at the largest H)", grid[fit],
            100 * mean[0][grid.length - 1]) : String.format(Locale.ROOT, "smallest training error %.2f%%", 100 * min(mean[0]))));
    // tolerance: two test samples' worth of error, or 1 percentage point, whichever is larger
    double tolerance = Math.max(0.01, 2.0 / DataPipeline.prepare(s.data(), s.transforms(10), null).splits().test().size());
    int from = Math.max(fit, 0);
    double best = Double.POSITIVE_INFINITY;
    double worstRise = 0;
    int worstAt = -1;
    for (int i = from; i < grid.length; i++) {
      if (Double.isNaN(mean[1][i])) continue;
      if (mean[1][i] - best > worstRise) {
        worstRise = mean[1][i] - best;
        worstAt = grid[i];
      }
      best = Math.min(best, mean[1][i]);
    }
    section.verdict(new Verdict("The test error does not increase with H past the point where the net fits the data (no U-shape).",
        diverged ? null : worstRise <= tolerance, String.format(Locale.ROOT,
            "largest rise over the best smaller H from H = %d on: %.2f points%s (tolerance %.2f); test error %.2f%% at H = %d, %.2f%% at H = %d",
            grid[from], 100 * worstRise, worstAt > 0 ? " at H = " + worstAt : "", 100 * tolerance, 100 * mean[1][from], grid[from],
            100 * mean[1][grid.length - 1], grid[grid.length - 1])));
    double gap = 0;
    for (int i = from; i < grid.length; i++) gap = Math.max(gap, Math.abs(mean[2][i] - mean[1][i]));
    section.verdict(new Verdict("Early stopping changes little for large H.", diverged ? null : gap <= 2 * tolerance,
        String.format(Locale.ROOT, "largest |early-stopping − final| test error from H = %d on: %.2f points", grid[from], 100 * gap)));
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) if (!Double.isNaN(x)) m = Math.min(m, x);
    return m;
  }
}
