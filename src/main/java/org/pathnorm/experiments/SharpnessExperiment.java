package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.measures.PacBayes;

/**
 * E10, sharpness and PAC-Bayes (docs/algorithms.md §4 E10; Exploring-Gen Fig. 2): the networks of E9 (the conv nets of {@link VggRuns}, true vs
 * random labels, growing training sets) with Keskar sharpness (α = 5·10⁻⁴, projected gradient ascent)
 * against the training-set size, and the PAC-Bayes frontier, expected sharpness (σ_i = α(10|w_i| + 1))
 * against KL for a sweep of α, one curve per training-set size.
 */
final class SharpnessExperiment implements Experiment {
  @Override public String name() {
    return "sharpness";
  }

  @Override public String title() {
    return "E10 Sharpness and the PAC-Bayes frontier, true vs random labels (Exploring-Gen Fig. 2; VGG)";
  }

  @Override public List<Cell> cells(Settings s) {
    List<Cell> cells = new ArrayList<>();
    for (Cell c : new RandomLabels().cells(s)) {
      ConvRunSpec r = (ConvRunSpec) c.spec();
      cells.add(new Cell(c.id(), r.withMeasures(RunSpec.Measured.SHARPNESS)));
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    VggRuns.note(s, section);
    int[] sizes = RandomLabels.sizes(s.scale());
    int alphas = PacBayes.Options.paper().alphas().size();
    double[] x = new double[sizes.length];
    double[][] sharp = new double[2][sizes.length];
    double[][][] kl = new double[2][sizes.length][alphas];
    double[][][] es = new double[2][sizes.length][alphas];
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < sizes.length; i++) {
        x[i] = sizes[i];
        List<CellResult> runs = new ArrayList<>();
        for (int seed = 1; seed <= s.seeds(); seed++) {
          CellResult c = results.get(RandomLabels.id(sizes[i], r == 1, seed));
          if (c != null && !Double.isNaN(c.value("sharpness"))) runs.add(c);
        }
        sharp[r][i] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value("sharpness"));
        for (int a = 0; a < alphas; a++) {
          String k = "pac_bayes." + a + ".";
          kl[r][i][a] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value(k + "kl"));
          es[r][i][a] = runs.isEmpty() ? Double.NaN : Curves.meanOf(runs, c -> c.value(k + "expected_sharpness"));
        }
      }
    }
    new Figure("sharpness-vs-m", "Keskar sharpness (α = 5e-4) against training-set size (" + s.data() + ")", "training-set size (samples)",
        "sharpness (relative loss increase)").logX()
        .add("true labels", x, sharp[0], null).add("random labels", x, sharp[1], null)
        .write(dir, name(), "Sharpness against the training-set size, true vs random labels.", section);
    for (int r = 0; r < 2; r++) {
      Figure f = new Figure("frontier-" + (r == 0 ? "true" : "random"), "Expected sharpness against KL, " + (r == 0 ? "true" : "random")
          + " labels (" + s.data() + ")", "KL(Q‖P) (nats)", "expected sharpness (loss increase, nats per sample)").logX();
      for (int i = 0; i < sizes.length; i++) f.add("m = " + sizes[i], kl[r][i], es[r][i], null);
      f.write(dir, name(), "PAC-Bayes frontier for " + (r == 0 ? "true" : "random") + " labels: one curve per training-set size,"
          + " points along α ∈ " + PacBayes.Options.paper().alphas() + ".", section);
    }
    int last = sizes.length - 1;
    int a = alphas / 2;
    section.verdict(new Verdict("With random labels the PAC-Bayes frontier moves up and to the right as m grows.",
        kl[1][last][a] > kl[1][0][a] && es[1][last][a] > es[1][0][a], String.format(Locale.ROOT,
            "at α = %s: KL %.3g → %.3g, expected sharpness %.3g → %.3g (m = %d → %d)", PacBayes.Options.paper().alphas().get(a), kl[1][0][a],
            kl[1][last][a], es[1][0][a], es[1][last][a], sizes[0], sizes[last])));
    section.verdict(new Verdict("With true labels the frontier for larger m is lower or flat (within ×1.2).",
        es[0][last][a] <= 1.2 * es[0][0][a], String.format(Locale.ROOT, "at α = %s: expected sharpness %.3g → %.3g (m = %d → %d)",
            PacBayes.Options.paper().alphas().get(a), es[0][0][a], es[0][last][a], sizes[0], sizes[last])));
    double smallGap = Math.abs(sharp[1][0] - sharp[0][0]) / Math.max(sharp[0][0], 1e-12);
    section.verdict(new Verdict("Sharpness alone does not separate true from random labels well at small m (relative gap < 50%).",
        smallGap < 0.5, String.format(Locale.ROOT, "sharpness at m = %d: true %.3g, random %.3g (relative gap %.0f%%); at m = %d: %.3g vs %.3g",
            sizes[0], sharp[0][0], sharp[1][0], 100 * smallGap, sizes[last], sharp[0][last], sharp[1][last])));
  }
}
