package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.measures.PerturbationConditions;
import org.pathnorm.nn.Architecture;

/**
 * E13, the conditions C1–C3 of the thesis' perturbation theorem (docs/algorithms.md §2.7, §4 E13, thesis Figures 3–5)
 * for a deep perceptron at random initialisation and after training: the condition number 1/μ (C1),
 * the fraction of ReLUs that flip under a relative weight perturbation ε (C2), and each unit's
 * incoming-weight norm over its layer's mean (C3).
 */
final class Conditions implements Experiment {
  @Override public String name() {
    return "conditions";
  }

  @Override public String title() {
    return "E13 Conditions C1-C3 of the perturbation theorem, at init and after training (thesis Figures 3-5)";
  }

  static int depth(Scale scale) {
    return scale.pick(6, 10, 10);
  }

  @Override public List<Cell> cells(Settings s) {
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), s.transforms(0), null).splits();
    int width = s.scale().pick(64, 256, 1000);
    int[] widths = new int[depth(s.scale()) + 1];
    java.util.Arrays.fill(widths, width);
    widths[0] = shape.train().dimension();
    widths[widths.length - 1] = shape.train().classes();
    Architecture a = new Architecture(widths);
    List<Cell> cells = new ArrayList<>();
    for (int seed = 1; seed <= s.seeds(); seed++) {
      cells.add(new Cell("deep-s" + seed, RunSpec.builder(s.data(), s.transforms(0), a).constant(0.01, 0.9).init("pytorch")
          .batch(64).epochs(s.scale().pick(30, 20, 50)).seed(seed).stopLoss(0.01).measures(RunSpec.Measured.CONDITIONS).build()));
    }
    return cells;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    List<CellResult> runs = new ArrayList<>();
    for (int seed = 1; seed <= s.seeds(); seed++) {
      CellResult c = results.get("deep-s" + seed);
      if (c != null && !Double.isNaN(c.value("trained.c1.max"))) runs.add(c);
    }
    if (runs.isEmpty()) return;
    List<Double> eps = PerturbationConditions.Options.defaults().epsilons();
    double[] x = new double[eps.size()];
    double[][] flips = new double[2][eps.size()];
    String[] when = {"init.", "trained."};
    for (int i = 0; i < eps.size(); i++) {
      x[i] = eps.get(i);
      for (int w = 0; w < 2; w++) {
        String key = when[w] + "c2.flips@" + eps.get(i);
        flips[w][i] = Curves.meanOf(runs, c -> c.value(key));
      }
    }
    new Figure("c2-flips", "C2: fraction of ReLUs that flip against ε (" + s.data() + ")", "ε (relative perturbation, fraction of |w|)", "flipped ReLUs (fraction)")
        .logX().add("random init", x, flips[0], null).add("learned weights", x, flips[1], null)
        .write(dir, name(), "C2 (thesis Figure 5): mean fraction of hidden units whose ReLU state flips, over training points and layers.",
            section);
    int layers = depth(s.scale()) - 1;
    double[] lx = new double[layers];
    double[][] c3 = new double[2][layers];
    for (int l = 0; l < layers; l++) {
      lx[l] = l + 1;
      for (int w = 0; w < 2; w++) {
        String key = when[w] + "c3." + l + ".median";
        c3[w][l] = Curves.meanOf(runs, c -> c.value(key));
      }
    }
    new Figure("c3-row-norms", "C3: median row-norm ratio per hidden layer (" + s.data() + ")", "hidden layer (index)", "‖W_j‖ / mean (ratio)")
        .add("random init", lx, c3[0], null).add("learned weights", lx, c3[1], null)
        .write(dir, name(), "C3 (thesis Figure 3, right): median over units of ‖W_i[j,:]‖ over the layer's mean.", section);
    double c1Init = Curves.meanOf(runs, c -> c.value("init.c1.max"));
    double c1Trained = Curves.meanOf(runs, c -> c.value("trained.c1.max"));
    section.note(String.format(Locale.ROOT, "C1 (1/μ, thesis Figure 4): at init median %.3g, 95th percentile %.3g, max %.3g; after training"
        + " median %.3g, 95th percentile %.3g, max %.3g.", Curves.meanOf(runs, c -> c.value("init.c1.median")),
        Curves.meanOf(runs, c -> c.value("init.c1.p95")), c1Init, Curves.meanOf(runs, c -> c.value("trained.c1.median")),
        Curves.meanOf(runs, c -> c.value("trained.c1.p95")), c1Trained));
    section.verdict(new Verdict("C1: the condition number 1/μ stays in a moderate range on learned weights (max ≤ 100; the thesis gives no"
        + " threshold, this one is ours).", c1Trained <= 100, String.format(Locale.ROOT, "max 1/μ: %.3g at init, %.3g after training",
            c1Init, c1Trained)));
    boolean monotone = true;
    for (int i = 1; i < x.length; i++) monotone &= flips[1][i] >= flips[1][i - 1];
    section.verdict(new Verdict("C2: the fraction of flipped activations grows smoothly (monotonically) with the perturbation.",
        monotone, String.format(Locale.ROOT, "learned weights: %.2e at ε = %s … %.2e at ε = %s", flips[1][0], eps.get(0), flips[1][x.length - 1],
            eps.get(x.length - 1))));
    double worst = 0;
    for (int l = 0; l < layers; l++) worst = Math.max(worst, Math.abs(c3[1][l] - 1));
    section.verdict(new Verdict("C3: the incoming-weight norms of the units stay close to their layer's mean (median within ±50%).",
        worst <= 0.5, String.format(Locale.ROOT, "largest |median ratio − 1| over the layers after training: %.3f", worst)));
  }
}
