package org.pathnorm.experiments;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.CharText;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.train.HiddenState;

/**
 * E8, character-level language modelling (docs/algorithms.md §4 E8): single-layer RNNs labelled at every
 * step, a ReLU RNN with SGD, a tanh RNN with SGD and RNN-Path, compared by test bits per character. PTB
 * and text8 are not shipped; the default text is the Debian {@code fortunes} package's {@code cookie}
 * file (pass {@code --data text:FILE,…} for another). The claim: RNN-Path reaches the lowest BPC. Ours:
 * truncated BPTT over windows of 50 characters (20 at smoke) with the hidden state carried across
 * consecutive windows of 32 streams ({@link HiddenState#CARRIED}, as Zaremba et al. and Karpathy do),
 * clipping at 1 for SGD, momentum 0.9 for all three, H = 32 / 128 / 1024 at smoke / small / paper scale, 2 / 10 / 30
 * epochs, step sizes 10^−1 and 10^−2 (SGD) at smoke and small scale and 10^−1 … 10^−4 at paper scale; RNN-Path,
 * whose κ⁽¹⁾ is large when every step is read out, 100 and 10 / 1000 … 10 / 1000 … 10^−1 at smoke / small / paper
 * scale (at small scale 100 was best of 100 and 10, so 1000 was added).
 */
final class CharLm extends RecurrentComparison {
  /** The default text (Debian package {@code fortunes}). */
  static final String TEXT = "/usr/share/games/fortunes/cookie";

  @Override public String name() {
    return "char-lm";
  }

  @Override public String title() {
    return "E8 Character-level language modelling: ReLU RNN, tanh RNN, RNN-Path (NIPS'16 Table)";
  }

  @Override List<Task> tasks(Settings s) {
    Scale sc = s.scale();
    String data = s.dataOverride() != null && s.dataOverride().startsWith("text:") ? s.dataOverride()
        : "text:" + TEXT + sc.pick(",steps=20,chars=20000", ",steps=50,chars=200000", ",steps=50");
    return List.of(new Task("text", data, data, DataTransforms.none(sc.pick(20, 100, 200))));
  }

  @Override List<Variant> variants(Scale scale) {
    return List.of(new Variant("ReLU RNN SGD", "relu", "gaussian", "sgd", 0.9, BASELINE_CLIP, false),
        new Variant("tanh RNN SGD", "tanh", "gaussian", "sgd", 0.9, BASELINE_CLIP, false),
        new Variant("RNN-Path", "relu", "gaussian", "path-sgd", 0.9, 0, false));
  }

  @Override double[] learningRates(Variant v, Scale scale) {
    int span = scale.pick(1, 1, 3);
    // RNN-Path's κ⁽¹⁾ with a read-out at every step of a 50-step window is O(T²) for the read-out: its steps are far larger
    return v.optimizer().equals("sgd") ? powersOfTen(1, 1 + span) : scale.pick(powersOfTen(-2, -1), powersOfTen(-3, -1), powersOfTen(-3, 1));
  }

  @Override int hidden(Scale scale) {
    return scale.pick(32, 128, 1024);
  }

  @Override int epochs(Scale scale) {
    return scale.pick(2, 10, 30);
  }

  @Override int batch(Scale scale) {
    return 32;
  }

  @Override HiddenState hiddenState() {
    return HiddenState.CARRIED;
  }

  @Override double metric(double loss) {
    return CharText.bitsPerCharacter(loss);
  }

  @Override String metricName() {
    return "bits per character";
  }

  @Override void verdicts(Settings s, Map<String, Map<String, Selected>> selected, Map<String, CellResult> all, ReportSection section) {
    Map<String, Selected> m = selected.get("text");
    if (m == null || !m.keySet().containsAll(List.of("ReLU RNN SGD", "tanh RNN SGD", "RNN-Path"))) return;
    section.verdict(verdict(m.get("RNN-Path").finalTest(this), m.get("ReLU RNN SGD").finalTest(this), m.get("tanh RNN SGD").finalTest(this)));
  }

  /** The E8 claim from the three final test BPCs (+∞: diverged). */
  static Verdict verdict(double path, double relu, double tanh) {
    return new Verdict("RNN-Path reaches the lowest test bits per character of the three.", path < Math.min(relu, tanh),
        String.format(Locale.ROOT, "final test BPC: RNN-Path %.4g, ReLU RNN SGD %.4g, tanh RNN SGD %.4g", path, relu, tanh));
  }
}
