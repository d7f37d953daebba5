package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataTransforms;

/**
 * E7, the addition problem (docs/algorithms.md §4 E7; NIPS'16, arXiv 1605.07154): ReLU RNNs at sequence
 * lengths T, an IRNN trained with SGD (momentum 0.9) and gradient clipping against RNN-Path (κ⁽¹⁾,
 * momentum 0.9), squared-error loss at the last step. The trivial predictor (always 1) scores MSE 1/6 ≈
 * 0.167; the claim is that RNN-Path drives the test MSE far below it at the longest T while the IRNN stays
 * near it. Protocol choices the paper leaves open (ours): H = 100 at paper scale, 100k/10k/10k
 * training/validation/test sequences, batch 50, clipping of SGD at global norm 1, step sizes chosen on
 * the final validation MSE from 1 … 10^−3 (RNN-Path) and 10^−2 … 10^−5 (IRNN) at paper scale, 10^−1, 10^−2
 * and 10^−2, 10^−3 at small scale (T = 30, 60, 50 epochs; RNN-Path at η = 1 did not train at T = 30 or 60). RNN-Path starts from the Gaussian init
 * (W ~ N(0, 1/fan_in), biases 0): at the IRNN init κ⁽¹⁾(W_hh[j, k]) = c_j·a_k·T(T − 1)/2 with a_k the
 * squared input weights of unit k (σ = 10⁻³), 10⁴–10⁶ times its Gaussian-init value, so RNN-Path's first
 * steps on W_hh are that much larger and diverge for every step size down to 10⁻⁵ at T = 10 and 10⁻⁷ at
 * T = 50 (docs/algorithms.md §3.4, "RNN-Path from the IRNN init").
 */
final class Addition extends RecurrentComparison {
  /** MSE of always predicting 1: the variance of the sum of two U[0, 1] values, 2/12. */
  static final double TRIVIAL_MSE = 1.0 / 6;
  /** "Far below": under 10% of the trivial MSE (ours). */
  static final double SOLVED = 0.1 * TRIVIAL_MSE;
  /** "Stays near": over half the trivial MSE (ours). */
  static final double FAILED = 0.5 * TRIVIAL_MSE;

  @Override public String name() {
    return "addition";
  }

  @Override public String title() {
    return "E7 Addition problem: IRNN + SGD + clipping vs RNN-Path (NIPS'16 Table)";
  }

  static int[] lengths(Scale scale) {
    return scale.pick(new int[] {10, 20}, new int[] {30, 60}, new int[] {100, 400, 750});
  }

  @Override List<Task> tasks(Settings s) {
    List<Task> tasks = new ArrayList<>();
    int train = s.scale().pick(1000, 10_000, 100_000);
    int test = s.scale().pick(200, 1000, 10_000);
    int validation = s.scale().pick(200, 1000, 10_000);
    for (int t : lengths(s.scale())) {
      tasks.add(new Task("t" + t, "T = " + t, "addition:steps=" + t + ",train=" + (train + validation) + ",test=" + test + ",seed=1",
          DataTransforms.none(validation)));
    }
    return tasks;
  }

  @Override List<Variant> variants(Scale scale) {
    return List.of(new Variant("IRNN SGD clipped", "relu", "irnn", "sgd", 0.9, BASELINE_CLIP, false),
        new Variant("RNN-Path", "relu", "gaussian", "path-sgd", 0.9, 0, false));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    boolean path = v.optimizer().equals("path-sgd");
    return scale.pick(powersOfTen(2, 3), path ? powersOfTen(1, 2) : powersOfTen(2, 3), path ? powersOfTen(0, 3) : powersOfTen(2, 5));
  }

  @Override int hidden(Scale scale) {
    return scale.pick(16, 64, 100);
  }

  @Override int epochs(Scale scale) {
    return scale.pick(2, 50, 100);
  }

  @Override int batch(Scale scale) {
    return 50;
  }

  @Override String metricName() {
    return "MSE";
  }

  @Override void verdicts(Settings s, Map<String, Map<String, Selected>> selected, Map<String, CellResult> all, ReportSection section) {
    int[] t = lengths(s.scale());
    Map<String, Selected> longest = selected.get("t" + t[t.length - 1]);
    Selected path = longest == null ? null : longest.get("RNN-Path");
    Selected irnn = longest == null ? null : longest.get("IRNN SGD clipped");
    if (path == null || irnn == null) return;
    section.verdict(verdict(t[t.length - 1], path.finalTest(this), irnn.finalTest(this)));
  }

  /** The E7 claim at the longest T from the two final test MSEs (+∞: diverged). */
  static Verdict verdict(int steps, double pathMse, double irnnMse) {
    return new Verdict("At the longest T, RNN-Path drives the test MSE far below the trivial 0.167 (< " + fmt(SOLVED)
        + ") while the IRNN with SGD and clipping stays near it (> " + fmt(FAILED) + ").", pathMse < SOLVED && irnnMse > FAILED,
        String.format(Locale.ROOT, "T = %d: final test MSE RNN-Path %s, IRNN %s (trivial %s)", steps, fmt(pathMse), fmt(irnnMse),
            fmt(TRIVIAL_MSE)));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
