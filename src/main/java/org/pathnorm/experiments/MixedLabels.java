package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;

/**
 * E11, global minima of differing quality (docs/algorithms.md §4 E11; Exploring-Gen Fig. 3) with the conv nets of
 * {@link VggRuns} (the paper's VGG on CIFAR-10 at paper scale, a narrow VGG on Fashion-MNIST at small scale): training sets
 * of n₀ true-labelled points plus k random-labelled ones, drawn as a subset of n₀ + k training samples
 * of which a seeded fraction k/(n₀ + k) is relabelled uniformly (so the true-labelled points are not the
 * same set for every k, a departure from the paper). Trained as in E9 to cross-entropy &lt; 0.01; test
 * error and the four margin-normalised capacities against k.
 */
final class MixedLabels implements Experiment {
  @Override public String name() {
    return "mixed-labels";
  }

  @Override public String title() {
    return "E11 Global minima of differing quality: true plus random labels (Exploring-Gen Fig. 3; VGG)";
  }

  static int trueLabelled(Scale scale) {
    return scale.pick(400, 200, 10000);
  }

  static int[] extras(Scale scale) {
    return scale.pick(new int[] {0, 100, 200, 400}, new int[] {0, 100, 200}, new int[] {0, 1000, 2000, 5000, 10000});
  }

  static String id(int k, int seed) {
    return "k" + k + "-s" + seed;
  }

  @Override public List<Cell> cells(Settings s) {
    String arch = VggRuns.arch(s);
    int n0 = trueLabelled(s.scale());
    List<Cell> cells = new ArrayList<>();
    for (int k : extras(s.scale())) {
      for (int seed = 1; seed <= s.seeds(); seed++) {
        DataTransforms t = VggRuns.transforms(s).subset(n0 + k, false).randomLabels((double) k / (n0 + k)).seed(seed).build();
        cells.add(new Cell(id(k, seed), VggRuns.run(s, arch, t, seed, RunSpec.Measured.CHEAP)));
      }
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    VggRuns.note(s, section);
    int[] ks = extras(s.scale());
    double[] x = new double[ks.length];
    double[] train = new double[ks.length];
    double[] test = new double[ks.length];
    double[][] capacity = new double[RandomLabels.MEASURES.length][ks.length];
    for (int i = 0; i < ks.length; i++) {
      x[i] = ks[i];
      List<CellResult> runs = new ArrayList<>();
      for (int seed = 1; seed <= s.seeds(); seed++) {
        CellResult c = results.get(id(ks[i], seed));
        if (c != null && !Double.isNaN(c.value("capacity.l2"))) runs.add(c);
      }
      train[i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.trainError()));
      test[i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.last(c.testError()));
      for (int m = 0; m < capacity.length; m++) {
        String key = "capacity." + RandomLabels.MEASURES[m];
        capacity[m][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value(key));
      }
    }
    new Figure("error-vs-k", "Error against random-labelled points (" + s.data() + ")", "k (random-labelled samples)", "0-1 error (fraction of samples)")
        .add("training error", x, train, null).add("test error", x, test, null)
        .write(dir, name(), "Training and test error against the number k of random-labelled points added to " + trueLabelled(s.scale())
            + " true-labelled ones.", section);
    Figure f = new Figure("capacity-vs-k", "Margin-normalised capacities against k (" + s.data() + ")", "k (random-labelled samples)",
        "capacity (margin-normalised, dimensionless)").logY();
    for (int m = 0; m < capacity.length; m++) f.add(RandomLabels.MEASURES[m], x, capacity[m], null);
    f.write(dir, name(), "The four capacities (docs/algorithms.md §2.3, squared, 5th-percentile margin) against k.", section);
    int last = ks.length - 1;
    section.verdict(new Verdict("Adding random-labelled points raises the test error while the nets still fit the union.",
        test[last] > test[0] && train[last] <= 0.01, String.format(Locale.ROOT, "test error %.2f%% (k = 0) → %.2f%% (k = %d);"
            + " largest training error %.2f%%", 100 * test[0], 100 * test[last], ks[last], 100 * max(train))));
    int rising = 0;
    for (double[] c : capacity) if (c[last] > c[0]) rising++;
    section.verdict(new Verdict("The margin-normalised measures rise with k, tracking the test error.", rising == capacity.length,
        rising + " of 4 measures are higher at k = " + ks[last] + " than at k = 0"));
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) if (!Double.isNaN(x)) m = Math.max(m, x);
    return m;
  }
}
