package org.pathnorm.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;

/**
 * E7, sequential MNIST (docs/algorithms.md §4 E7): images fed pixel by pixel, the class read at the last
 * step; IRNN + SGD + clipping against RNN-Path. Fashion-MNIST stands in for MNIST (pass {@code --data
 * seq:mnist:DIR} or {@code seq-permuted:…} where you have it). The claim: RNN-Path is competitive with the
 * IRNN (test error within 1 point or better). Ours: smoke uses the 8×8 digits (T = 64); small the
 * Fashion-MNIST images area-averaged to 14×14 (T = 196) on a 5,000-image subset (1,000 of them for
 * validation), H = 64, 10 epochs; paper the full 28×28 (T = 784), H = 100, 100 epochs; batch 50, clipping
 * of SGD at 1; step sizes 10^−2 … 10^−3/10^−4/10^−5 (SGD) and 10 … 1/10^−1/10^−2 (RNN-Path, whose κ⁽¹⁾ grows
 * with T) at smoke/small/paper scale. RNN-Path starts from the Gaussian init (from the IRNN init its κ⁽¹⁾ of W_hh is 10⁴–10⁶
 * times smaller and it diverges, see {@link Addition}).
 */
final class SequentialMnist extends RecurrentComparison {
  @Override public String name() {
    return "seq-mnist";
  }

  @Override public String title() {
    return "E7 Sequential MNIST (pixel by pixel): IRNN + SGD + clipping vs RNN-Path (NIPS'16 Table)";
  }

  @Override List<Task> tasks(Settings s) {
    Scale sc = s.scale();
    String data = s.dataOverride() != null && s.dataOverride().startsWith("seq") ? s.dataOverride()
        : sc.pick("seq:digits", "seq:fashion-mnist", "seq:fashion-mnist");
    int side = sc == Scale.SMALL && data.equals("seq:fashion-mnist") ? 14 : 0;
    DataTransforms t = DataTransforms.builder().validation(sc.pick(300, 1000, 10_000)).resize(side, side)
        .subset(sc.pick(0, 5000, 0), false).build();
    return List.of(new Task("seq", data, data, t));
  }

  @Override List<Variant> variants(Scale scale) {
    return List.of(new Variant("IRNN SGD clipped", "relu", "irnn", "sgd", 0.9, BASELINE_CLIP, false),
        new Variant("RNN-Path", "relu", "gaussian", "path-sgd", 0, 0, false));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    int span = scale.pick(1, 2, 3);
    // RNN-Path's κ⁽¹⁾ grows with T (κ of the read-out is the path sum σ_T), so its step sizes are larger
    return v.optimizer().equals("sgd") ? powersOfTen(2, 2 + span) : powersOfTen(-1, -1 + span);
  }

  @Override int hidden(Scale scale) {
    return scale.pick(16, 64, 100);
  }

  @Override int epochs(Scale scale) {
    return scale.pick(2, 10, 100);
  }

  @Override int batch(Scale scale) {
    return 50;
  }

  @Override String metricName() {
    return "cross-entropy";
  }

  @Override void verdicts(Settings s, Map<String, Map<String, Selected>> selected, Map<String, CellResult> all, ReportSection section) {
    Map<String, Selected> m = selected.get("seq");
    Selected path = m == null ? null : m.get("RNN-Path");
    Selected irnn = m == null ? null : m.get("IRNN SGD clipped");
    if (path == null || irnn == null) return;
    section.verdict(verdict(finalError(path), finalError(irnn)));
  }

  static double finalError(Selected s) {
    return s.runs().stream().anyMatch(CellResult::diverged) ? Double.POSITIVE_INFINITY : Curves.meanOf(s.runs(), r -> r.last(r.testError()));
  }

  /** The E7 sequential-MNIST claim from the two final test errors (+∞: diverged). */
  static Verdict verdict(double pathError, double irnnError) {
    return new Verdict("On sequential images RNN-Path is competitive with the IRNN (test error within 1 point or better).",
        pathError <= irnnError + 0.01, String.format(Locale.ROOT, "final test error: RNN-Path %.2f%%, IRNN %.2f%%", 100 * pathError,
            100 * irnnError));
  }
}
