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

/**
 * E12, growing network size (docs/algorithms.md §4 E12; Exploring-Gen Fig. 4): one hidden layer of H units on the
 * full training set, trained as in E9 (SGD, step 0.01, momentum 0.9, batch 64) until the training
 * cross-entropy is below 0.01; training and test error and the four margin-normalised capacities
 * against H.
 */
final class NetworkSize implements Experiment {
  @Override public String name() {
    return "network-size";
  }

  @Override public String title() {
    return "E12 Growing network size (Exploring-Gen Fig. 4)";
  }

  static int[] grid(Scale scale) {
    return scale.pick(new int[] {16, 64, 256, 1024}, new int[] {32, 128, 512, 2048}, new int[] {8, 32, 128, 512, 2048, 8192, 32768});
  }

  static String id(int h, int seed) {
    return "h" + h + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), s.transforms(0), null).splits();
    List<Cell> cells = new ArrayList<>();
    for (int h : grid(s.scale())) {
      Architecture a = new Architecture(shape.train().dimension(), h, shape.train().classes());
      for (int seed = 1; seed <= s.seeds(); seed++) {
        cells.add(new Cell(id(h, seed), RunSpec.builder(s.data(), s.transforms(0), a).constant(0.01, 0.9)
            .batch(64).epochs(s.scale().pick(200, 100, 300)).seed(seed).stopLoss(0.01).measures(RunSpec.Measured.CHEAP).build()));
      }
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    int[] grid = grid(s.scale());
    double[] x = new double[grid.length];
    double[] train = new double[grid.length];
    double[] test = new double[grid.length];
    double[][] capacity = new double[RandomLabels.MEASURES.length][grid.length];
    for (int i = 0; i < grid.length; i++) {
      x[i] = grid[i];
      List<CellResult> runs = new ArrayList<>();
      for (int seed = 1; seed <= s.seeds(); seed++) {
        CellResult c = results.get(id(grid[i], seed));
        if (c != null && !Double.isNaN(c.value("capacity.l2"))) runs.add(c);
      }
      train[i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.trainError()));
      test[i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.testError()));
      for (int k = 0; k < capacity.length; k++) {
        String key = RandomLabels.MEASURES[k];
        capacity[k][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value("capacity." + key));
      }
    }
    new Figure("error-vs-h", "Error against H (" + s.data() + ")", "H (hidden units per layer)", "0-1 error (fraction of samples)").logX()
        .add("training error", x, train, null).add("test error", x, test, null)
        .write(dir, name(), "Training and test error against the number of hidden units.", section);
    Figure f = new Figure("capacity-vs-h", "Margin-normalised capacities against H (" + s.data() + ")", "H (hidden units per layer)", "capacity (margin-normalised, dimensionless)").logX().logY();
    for (int k = 0; k < capacity.length; k++) f.add(RandomLabels.MEASURES[k], x, capacity[k], null);
    f.write(dir, name(), "The four capacities of docs/algorithms.md §2.3 (squared, over the 5th-percentile margin) against H.", section);
    int last = grid.length - 1;
    double tolerance = Math.max(0.01, 2.0 / DataPipeline.prepare(s.data(), s.transforms(0), null).splits().test().size());
    double best = Double.POSITIVE_INFINITY;
    double rise = 0;
    for (int i = 0; i < grid.length; i++) {
      rise = Math.max(rise, test[i] - best);
      best = Math.min(best, test[i]);
    }
    section.verdict(new Verdict("The test error decreases (does not rise) as H grows.", rise <= tolerance, String.format(Locale.ROOT,
        "test error %.2f%% at H = %d, %.2f%% at H = %d; largest rise %.2f points (tolerance %.2f)", 100 * test[0], grid[0],
        100 * test[last], grid[last], 100 * rise, 100 * tolerance)));
    boolean flat = capacity[0][last] <= 1.5 * capacity[0][0] && capacity[1][last] <= 1.5 * capacity[1][0];
    section.verdict(new Verdict("The ℓ2 and ℓ1-path measures decrease or stay flat (within ×1.5) as H grows.", flat,
        String.format(Locale.ROOT, "l2: %.3g → %.3g, l1_path: %.3g → %.3g (H = %d → %d); l2_path: %.3g → %.3g, spectral: %.3g → %.3g",
            capacity[0][0], capacity[0][last], capacity[1][0], capacity[1][last], grid[0], grid[last], capacity[2][0], capacity[2][last],
            capacity[3][0], capacity[3][last])));
  }
}
