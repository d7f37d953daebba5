package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;

/**
 * E2, small subsets with explicit regularisation, censored and noisy labels (docs/algorithms.md §4 E2, thesis
 * Figure 2): one hidden layer of H units trained as in E1 on a small training subset (2,000 with 2,000
 * for validation at small/paper scale), (a) as is, (b) with weight decay λ chosen per H on the
 * validation error, (c) with censored labels (every label replaced by a trained H0 = 4 network's
 * predictions) and (d) censored with 5% label noise; test error against H, mean over seeds.
 */
final class SmallData implements Experiment {
  static final double[] DECAY = {1e-4, 1e-3, 1e-2};
  static final int CENSOR_HIDDEN = 4;

  @Override public String name() {
    return "small-data";
  }

  @Override public String title() {
    return "E2 Small subsets: weight decay, censored and noisy labels (thesis Figure 2)";
  }

  static int[] grid(Scale scale) {
    return scale.pick(new int[] {8, 32, 128, 512}, new int[] {8, 32, 128, 512, 2048}, new int[] {4, 16, 64, 256, 1024, 4096});
  }

  private static int subset(Scale scale) {
    return scale.pick(500, 2000, 2000);
  }

  private static int validation(Scale scale) {
    return scale.pick(300, 2000, 2000);
  }

  static String id(String row, int h, double decay, int seed) {
    return row + "-h" + h + (decay > 0 ? "-wd" + decay : "") + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    Scale sc = s.scale();
    int side = sc == Scale.SMOKE ? 0 : 10;
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), s.transforms(10), null).splits();
    List<Cell> cells = new ArrayList<>();
    for (int h : grid(sc)) {
      Architecture a = new Architecture(shape.train().dimension(), h, shape.train().classes());
      for (int seed = 1; seed <= s.seeds(); seed++) {
        DataTransforms plain = DataTransforms.builder().validation(validation(sc)).grayscale(side > 0).resize(side, side)
            .subset(subset(sc), false).seed(seed).build();
        DataTransforms noisy = DataTransforms.builder().validation(validation(sc)).grayscale(side > 0).resize(side, side)
            .subset(subset(sc), false).labelNoise(0.05).seed(seed).build();
        int epochs = sc.pick(200, 100, 200);
        cells.add(new Cell(id("original", h, 0, seed), spec(s, plain, a, 0, epochs, seed, 0)));
        for (double wd : DECAY) cells.add(new Cell(id("original", h, wd, seed), spec(s, plain, a, wd, epochs, seed, 0)));
        cells.add(new Cell(id("censored", h, 0, seed), spec(s, plain, a, 0, epochs, seed, CENSOR_HIDDEN)));
        cells.add(new Cell(id("censored-noise", h, 0, seed), spec(s, noisy, a, 0, epochs, seed, CENSOR_HIDDEN)));
      }
    }
    return cells;
  }

  private static RunSpec spec(Settings s, DataTransforms t, Architecture a, double wd, int epochs, int seed, int censor) {
    return RunSpec.builder(s.data(), t, a).thesis(0.1, 0.5).weightDecay(wd)
        .batch(100).epochs(epochs).seed(seed).censorHidden(censor).build();
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    int[] grid = grid(s.scale());
    double[] x = new double[grid.length];
    String[] rows = {"original", "original, weight decay (λ on validation)", "censored (H0 = 4)", "censored + 5% noise"};
    double[][] test = new double[rows.length][grid.length];
    double[][] train = new double[rows.length][grid.length];
    double[] chosen = new double[grid.length];
    for (int i = 0; i < grid.length; i++) {
      x[i] = grid[i];
      int h = grid[i];
      List<CellResult> plain = runs(results, "original", h, 0, s.seeds());
      double bestVal = Double.POSITIVE_INFINITY;
      List<CellResult> best = plain;
      for (double wd : DECAY) {
        List<CellResult> r = runs(results, "original", h, wd, s.seeds());
        if (r.isEmpty()) continue;
        double v = Curves.meanOf(r, c -> c.last(c.validationError()));
        if (v < bestVal) {
          bestVal = v;
          best = r;
          chosen[i] = wd;
        }
      }
      List<List<CellResult>> byRow = List.of(plain, best, runs(results, "censored", h, 0, s.seeds()),
          runs(results, "censored-noise", h, 0, s.seeds()));
      for (int r = 0; r < rows.length; r++) {
        List<CellResult> runs = byRow.get(r);
        test[r][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.testError()));
        train[r][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.trainError()));
      }
    }
    Figure f = new Figure("test-error-vs-h", "Test error against H on small subsets (" + s.data() + ")", "H (hidden units per layer)", "0-1 error (fraction of samples)").logX();
    Figure g = new Figure("train-error-vs-h", "Training error against H on small subsets (" + s.data() + ")", "H (hidden units per layer)", "0-1 error (fraction of samples)").logX();
    for (int r = 0; r < rows.length; r++) {
      f.add(rows[r], x, test[r], null);
      g.add(rows[r], x, train[r], null);
    }
    f.write(dir, name(), "Test error against H: original subset, with weight decay, censored labels, censored with 5% noise"
        + " (mean over " + s.seeds() + " seed" + (s.seeds() == 1 ? "" : "s") + ").", section);
    g.write(dir, name(), "Training error against H for the same runs.", section);
    StringBuilder lambdas = new StringBuilder("Weight decay chosen on the validation error: ");
    for (int i = 0; i < grid.length; i++) lambdas.append("H = ").append(grid[i]).append(": λ = ").append(chosen[i]).append("; ");
    section.note(lambdas.toString());
    double tolerance = Math.max(0.01, 2.0 / DataPipeline.prepare(s.data(), s.transforms(10), null).splits().test().size());
    double best = Double.POSITIVE_INFINITY;
    double rise = 0;
    for (int i = 0; i < grid.length; i++) {
      rise = Math.max(rise, test[0][i] - best);
      best = Math.min(best, test[0][i]);
    }
    int last = grid.length - 1;
    section.verdict(new Verdict("Even on a small training set the test error does not rise with H (implicit regularisation).",
        rise <= tolerance, String.format(Locale.ROOT, "largest rise over the best smaller H: %.2f points (tolerance %.2f); %.2f%% at H = %d,"
            + " %.2f%% at H = %d", 100 * rise, 100 * tolerance, 100 * test[0][0], grid[0], 100 * test[0][last], grid[last])));
    double gain = test[0][last] - test[1][last];
    section.verdict(new Verdict("Weight decay helps only modestly (less than 2 points at the largest H).", gain < 0.02,
        String.format(Locale.ROOT, "test error at H = %d: %.2f%% without, %.2f%% with weight decay (λ = %s)", grid[last], 100 * test[0][last],
            100 * test[1][last], chosen[last])));
    section.verdict(new Verdict("With censored and noisy labels the largest nets still fit the training set.",
        train[3][last] <= 0.01, String.format(Locale.ROOT, "training error at H = %d: censored %.2f%%, censored + noise %.2f%%", grid[last],
            100 * train[2][last], 100 * train[3][last])));
  }

  private static List<CellResult> runs(Map<String, CellResult> results, String row, int h, double decay, int seeds) {
    List<CellResult> runs = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++) {
      CellResult c = results.get(id(row, h, decay, seed));
      if (c != null) runs.add(c);
    }
    return runs;
  }
}
