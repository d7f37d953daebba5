package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;

/**
 * E9, true vs random labels on growing training sets (docs/algorithms.md §4 E9; Exploring-Gen Fig. 1), with the
 * conv nets of {@link VggRuns}: the paper's VGG on CIFAR-10 at paper scale, a VGG narrowed ×{@value VggRuns#SMALL_WIDTH}
 * on Fashion-MNIST at 32×32 at small scale (CIFAR-10 is not on the development machines), a two-conv net
 * at smoke scale. SGD with momentum 0.9, step 0.01, batch 64, trained until the training cross-entropy
 * is below the reference code's 0.01 (or the epoch budget ends); then the four margin-normalised
 * capacities of docs/algorithms.md §2.3/§2.4 (ℓ2, ℓ1-path, ℓ2-path, spectral; margin = 5th percentile of the training
 * margins; batch norm folded, kernels as [out × in·k·k] matrices, §2.8) against the training-set size,
 * for true labels and for labels replaced by uniformly random ones (fixed per example).
 */
final class RandomLabels implements Experiment {
  static final String[] MEASURES = {"l2", "l1_path", "l2_path", "spectral"};

  @Override public String name() {
    return "random-labels";
  }

  @Override public String title() {
    return "E9 True vs random labels, growing training set (Exploring-Gen Fig. 1; VGG)";
  }

  static int[] sizes(Scale scale) {
    return scale.pick(new int[] {100, 200, 400}, new int[] {100, 200, 400}, new int[] {5000, 10000, 20000, 40000});
  }

  static String id(int size, boolean random, int seed) {
    return "m" + size + (random ? "-random" : "-true") + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    String arch = VggRuns.arch(s);
    List<Cell> cells = new ArrayList<>();
    for (int m : sizes(s.scale())) {
      for (boolean random : new boolean[] {false, true}) {
        for (int seed = 1; seed <= s.seeds(); seed++) {
          DataTransforms t = VggRuns.transforms(s).subset(m, false).randomLabels(random ? 1 : 0).seed(seed).build();
          cells.add(new Cell(id(m, random, seed), VggRuns.run(s, arch, t, seed, RunSpec.Measured.CHEAP)));
        }
      }
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    VggRuns.note(s, section);
    int[] sizes = sizes(s.scale());
    double[] x = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) x[i] = sizes[i];
    double[][][] mean = new double[2][MEASURES.length][sizes.length];
    double[][][] spread = new double[2][MEASURES.length][sizes.length];
    double worstTrainError = 0;
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < sizes.length; i++) {
        List<CellResult> runs = new ArrayList<>();
        for (int seed = 1; seed <= s.seeds(); seed++) {
          CellResult c = results.get(id(sizes[i], r == 1, seed));
          if (c != null && !Double.isNaN(c.value("capacity.l2"))) runs.add(c);
        }
        for (CellResult c : runs) worstTrainError = Math.max(worstTrainError, c.last(c.trainError()));
        for (int k = 0; k < MEASURES.length; k++) {
          String key = MEASURES[k];
          mean[r][k][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value("capacity." + key));
          spread[r][k][i] = runs.isEmpty() ? Double.NaN : Curves.spreadOf(runs, c -> c.value("capacity." + key));
        }
      }
    }
    for (int k = 0; k < MEASURES.length; k++) {
      new Figure("capacity-" + MEASURES[k], "Margin-normalised " + MEASURES[k] + " measure (" + s.data() + ")", "training-set size (samples)",
          "capacity (margin-normalised, dimensionless)").logY().logX()
          .add("true labels", x, mean[0][k], spread[0][k])
          .add("random labels", x, mean[1][k], spread[1][k])
          .write(dir, name(), "capacity." + MEASURES[k] + " (docs/algorithms.md §2.3, squared over the 5th-percentile margin) against the"
              + " training-set size, true vs random labels.", section);
    }
    int last = sizes.length - 1;
    int grows = 0;
    int separates = 0;
    StringBuilder g = new StringBuilder();
    for (int k = 0; k < MEASURES.length; k++) {
      if (mean[1][k][last] > mean[1][k][0]) grows++;
      if (mean[0][k][last] < mean[1][k][last]) separates++;
      g.append(String.format(Locale.ROOT, "%s: random %.3g → %.3g, true %.3g → %.3g; ", MEASURES[k], mean[1][k][0], mean[1][k][last],
          mean[0][k][0], mean[0][k][last]));
    }
    section.verdict(new Verdict("With random labels all four measures grow with the training-set size.", grows == MEASURES.length,
        grows + " of 4 grow from m = " + sizes[0] + " to " + sizes[last] + " (" + g + ")"));
    section.verdict(new Verdict("With true labels the measures stay lower than with random labels (largest training set).",
        separates == MEASURES.length, separates + " of 4 are lower with true labels at m = " + sizes[last]));
    section.verdict(new Verdict("The networks fit their training sets (training error 0), random labels included.",
        worstTrainError <= 0.01, String.format(Locale.ROOT, "largest final training error: %.2f%%", 100 * worstTrainError)));
  }
}
