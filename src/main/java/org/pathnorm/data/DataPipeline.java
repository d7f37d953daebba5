package org.pathnorm.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a dataset spec and applies {@link DataTransforms}, in this order, recording each step:
 * <ol>
 *   <li>read ({@link DatasetSpec#read}; image pixels v/255 ∈ [0, 1]);
 *   <li>per image, on every split: centre crop, grayscale, area resize;
 *   <li>split into train / validation / test ({@link DatasetSpec#split});
 *   <li>relabelling of all splits (censored labels, thesis Figure 2), if a {@link Relabeler} is given;
 *   <li>training subset; random labels; label noise (training split only);
 *   <li>normalisation with the statistics of the final training split.
 * </ol>
 * Every random choice derives from {@link DataTransforms#seed()}, so a run's data are reproducible.
 */
public final class DataPipeline {
  private DataPipeline() {}

  /** Replaces labels of all splits (e.g. by a trained network's predictions); appends its step to {@code steps}. */
  @FunctionalInterface
  public interface Relabeler {
    DatasetSpec.Splits relabel(DatasetSpec.Splits splits, List<String> steps);
  }

  /** The prepared splits, the steps applied (for config.json) and the files read. */
  public record Prepared(DatasetSpec.Splits splits, List<String> steps, List<Path> files) {}

  public static Prepared prepare(String spec, DataTransforms t, Relabeler relabeler) {
    List<String> steps = new ArrayList<>();
    DatasetSpec.Source src = DatasetSpec.read(spec);
    List<Path> files = src.files();
    steps.add("read " + spec.trim() + ": " + src.train().size() + " training" + (src.test() == null ? "" : " + "
        + src.test().size() + " test") + " samples of " + src.train().dimension() + " features"
        + (src.train().shape() == null ? "" : " (image " + src.train().shape() + ", pixels v/255)"));
    boolean officialTest = src.test() != null;
    Dataset train = images(src.train(), t);
    Dataset test = officialTest ? images(src.test(), t) : null;
    src = null; // the full-size arrays may go before the split copies the training set
    imageSteps(t, train.shape(), steps);
    DatasetSpec.Splits s = DatasetSpec.split(new DatasetSpec.Source(train, test, files), t.validation());
    train = null;
    test = null;
    steps.add(!officialTest
        ? "split: shuffled with seed 0, last 20% test, last " + t.validation() + " of the rest validation"
        : "split: official test files; validation = the last " + t.validation() + " samples of the training files");
    Dataset tr = s.train();
    if (tr.labelsPerSample() > 1 && (relabeler != null || t.subset() > 0 || t.randomLabels() > 0 || t.labelNoise() > 0)) {
      throw new IllegalArgumentException("--data " + spec.trim() + ": a label at every step (" + tr.labelsPerSample()
          + " per sample) allows no --censor-hidden, --subset, --random-labels or --label-noise");
    }
    if (tr.hasTargets() && (relabeler != null || t.randomLabels() > 0 || t.labelNoise() > 0 || (t.subset() > 0 && t.balanced()))) {
      throw new IllegalArgumentException("--data " + spec.trim() + ": real-valued targets allow no --censor-hidden, --random-labels, "
          + "--label-noise or class-balanced subsets");
    }
    if (relabeler != null) s = relabeler.relabel(s, steps);
    tr = s.train();
    if (t.subset() > 0) {
      tr = Subsets.random(tr, t.subset(), mix(t.seed(), 1), t.balanced());
      steps.add("subset: " + t.subset() + " training samples" + (t.balanced() ? ", class-balanced" : "") + " (seed " + t.seed() + ")");
    }
    if (t.randomLabels() > 0) {
      LabelCorruption.Result r = LabelCorruption.randomLabels(tr, t.randomLabels(), mix(t.seed(), 2));
      tr = r.data();
      steps.add(String.format(Locale.ROOT, "random labels: fraction %s of the training samples relabelled uniformly (%d labels changed, seed %d)",
          t.randomLabels(), r.changed(), t.seed()));
    }
    if (t.labelNoise() > 0) {
      LabelCorruption.Result r = LabelCorruption.labelNoise(tr, t.labelNoise(), mix(t.seed(), 3));
      tr = r.data();
      steps.add(String.format(Locale.ROOT, "label noise: fraction %s of the training labels changed to another class (%d changed, seed %d)",
          t.labelNoise(), r.changed(), t.seed()));
    }
    Dataset val = s.validation();
    Dataset te = s.test();
    if (t.normalize()) {
      Normalization n = Normalization.fit(tr);
      tr = n.apply(tr);
      val = val == null ? null : n.apply(val);
      te = n.apply(te);
      steps.add(n.toString());
    }
    return new Prepared(new DatasetSpec.Splits(tr, val, te), List.copyOf(steps), files);
  }

  /** Centre crop, grayscale, resize, in that order, as {@code t} asks. */
  private static Dataset images(Dataset d, DataTransforms t) {
    Dataset x = d;
    if (t.cropHeight() > 0) x = ImageTransforms.centerCrop(x, t.cropHeight(), t.cropWidth());
    if (t.grayscale()) x = ImageTransforms.grayscale(x);
    if (t.resizeHeight() > 0) x = ImageTransforms.resize(x, t.resizeHeight(), t.resizeWidth());
    return x;
  }

  private static void imageSteps(DataTransforms t, ImageShape to, List<String> steps) {
    if (t.cropHeight() > 0) steps.add("centre crop " + t.cropHeight() + "x" + t.cropWidth());
    if (t.grayscale()) steps.add("grayscale: 0.299 R + 0.587 G + 0.114 B (BT.601)");
    if (t.resizeHeight() > 0) {
      steps.add("resize " + t.resizeHeight() + "x" + t.resizeWidth() + " by area averaging: image " + to);
    }
  }

  /** Independent seeds for the independent random choices. */
  private static long mix(long seed, long stream) {
    long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }
}
