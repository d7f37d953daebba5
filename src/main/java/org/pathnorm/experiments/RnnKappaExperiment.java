package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;

/**
 * E6, the size of the second RNN term (docs/algorithms.md §3.4, §4 E6): a ReLU RNN trained with RNN-Path
 * (κ⁽¹⁾ only) records ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ for W_ih, W_hh and the read-out weight at init and after every epoch;
 * a twin trained with κ⁽¹⁾ + κ⁽²⁾ gives the other learning curve. Claims: the ratio stays small (&lt; 0.1,
 * our threshold) and the two curves nearly coincide (final test loss within 10%). Task (ours): sequential
 * 8×8 digits (T = 64) at smoke and small scale (H = 16 / 64, 2 / 20 epochs), sequential Fashion-MNIST at
 * 14×14 (T = 196) at paper scale (H = 100, 50 epochs); both twins start from the Gaussian init (from the
 * IRNN init RNN-Path diverges, see {@link Addition}), no momentum, step sizes 10^−2 / 10 … 10^−1 / 10 … 10^−2
 * at smoke / small / paper scale.
 */
final class RnnKappaExperiment extends RecurrentComparison {
  static final double SMALL_RATIO = 0.1;
  static final double SAME_CURVE = 0.1;
  static final String FIRST = "RNN-Path κ1";
  static final String BOTH = "RNN-Path κ1+κ2";

  @Override public String name() {
    return "rnn-kappa";
  }

  @Override public String title() {
    return "E6 Size of the second RNN term κ2 and κ1-only vs κ1+κ2 RNN-Path (NIPS'16)";
  }

  @Override List<Task> tasks(Settings s) {
    Scale sc = s.scale();
    if (sc == Scale.PAPER) {
      return List.of(new Task("seq", "seq:fashion-mnist (14x14)", "seq:fashion-mnist",
          DataTransforms.builder().validation(10_000).resize(14, 14).build()));
    }
    return List.of(new Task("seq", "seq:digits", "seq:digits", DataTransforms.none(300)));
  }

  @Override List<Variant> variants(Scale scale) {
    return List.of(new Variant(FIRST, "relu", "gaussian", "path-sgd", 0, 0, true),
        new Variant(BOTH, "relu", "gaussian", RecurrentCellRunner.BOTH_TERMS, 0, 0, false));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    return scale.pick(new double[] {0.01}, powersOfTen(-1, 1), powersOfTen(-1, 2));
  }

  @Override int hidden(Scale scale) {
    return scale.pick(16, 64, 100);
  }

  @Override int epochs(Scale scale) {
    return scale.pick(2, 20, 50);
  }

  @Override int batch(Scale scale) {
    return 50;
  }

  @Override String metricName() {
    return "cross-entropy";
  }

  /** Per tensor, the ratio ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ by epoch (0 = init), read from a run's values. */
  static Map<String, double[]> ratioCurves(CellResult r) {
    Map<String, List<Double>> byTensor = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : r.values().entrySet()) {
      if (!e.getKey().startsWith("kappa_ratio.")) continue;
      String rest = e.getKey().substring("kappa_ratio.".length());
      int at = rest.lastIndexOf('@');
      int epoch = Integer.parseInt(rest.substring(at + 1));
      List<Double> list = byTensor.computeIfAbsent(rest.substring(0, at), k -> new ArrayList<>());
      while (list.size() <= epoch) list.add(Double.NaN);
      list.set(epoch, e.getValue());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : byTensor.entrySet()) out.put(e.getKey(), e.getValue().stream().mapToDouble(d -> d).toArray());
    return out;
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    super.report(s, results, dir, section);
    Selected first = select(s, results).get("seq").get(FIRST);
    if (first == null || first.runs().isEmpty()) return;
    Map<String, double[]> curves = ratioCurves(first.runs().get(0));
    Figure f = new Figure("kappa-ratio", "‖κ2‖ / ‖κ1‖ during RNN-Path training", "epoch (passes over the training set; 0 = init)", "‖κ2‖ / ‖κ1‖ (ratio)");
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      double[] x = new double[e.getValue().length];
      for (int i = 0; i < x.length; i++) x[i] = i;
      f.add(e.getKey(), x, e.getValue(), null);
    }
    if (!curves.isEmpty()) f.write(dir, name(), "‖κ⁽²⁾‖₂ / ‖κ⁽¹⁾‖₂ per tensor (seed 1, selected step size).", section);
  }

  @Override void verdicts(Settings s, Map<String, Map<String, Selected>> selected, Map<String, CellResult> all, ReportSection section) {
    Map<String, Selected> m = selected.get("seq");
    Selected first = m == null ? null : m.get(FIRST);
    Selected both = m == null ? null : m.get(BOTH);
    if (first != null && !first.runs().isEmpty()) {
      Map<String, Double> largest = new LinkedHashMap<>();
      for (CellResult r : first.runs()) {
        for (Map.Entry<String, double[]> e : ratioCurves(r).entrySet()) {
          double mx = 0;
          for (double v : e.getValue()) mx = Math.max(mx, v);
          largest.merge(e.getKey(), mx, Math::max);
        }
      }
      if (!largest.isEmpty()) section.verdict(ratioVerdict(largest));
    }
    if (first != null && both != null) section.verdict(curveVerdict(first.finalTest(this), both.finalTest(this)));
  }

  /** The ratio claim from the largest ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ of each tensor over training. */
  static Verdict ratioVerdict(Map<String, Double> largest) {
    boolean small = largest.values().stream().allMatch(v -> v < SMALL_RATIO);
    StringBuilder b = new StringBuilder("largest ratio during training:");
    for (Map.Entry<String, Double> e : largest.entrySet()) b.append(String.format(Locale.ROOT, " %s %.3g;", e.getKey(), e.getValue()));
    return new Verdict("κ2 is small next to κ1 (‖κ2‖/‖κ1‖ < " + SMALL_RATIO + " for every tensor throughout training).", small, b.toString());
  }

  /** The curve claim from the final test losses of κ⁽¹⁾-only and κ⁽¹⁾+κ⁽²⁾ RNN-Path (+∞: diverged). */
  static Verdict curveVerdict(double first, double both) {
    double gap = Math.abs(first - both) / Math.max(Math.abs(both), 1e-12);
    return new Verdict("RNN-Path with κ1 only learns as well as with κ1+κ2 (final test loss within 10%).",
        Double.isFinite(first) && Double.isFinite(both) ? gap <= SAME_CURVE : null,
        String.format(Locale.ROOT, "final test loss: κ1 %.4g, κ1+κ2 %.4g (relative gap %.3g)", first, both, gap));
  }
}
