package org.pathnorm.data;

import java.util.SplittableRandom;

/**
 * Seeded label corruptions of a training set (docs/algorithms.md §4 E2, E9, E11). The corrupted samples are the
 * first round(p·n) of a seeded permutation, so for one seed a smaller fraction corrupts a subset of
 * the samples a larger one does, and each sample's new label is fixed by the seed (the same in every
 * epoch and every run).
 */
public final class LabelCorruption {
  private LabelCorruption() {}

  /** A corrupted dataset and how many labels actually differ from the original ones. */
  public record Result(Dataset data, int changed) {}

  /**
   * Random labels (Zhang et al.; Exploring-Gen): a fraction p of the samples get a label drawn
   * uniformly from all C classes (so about 1/C of them keep their label by chance); p = 1: all random.
   */
  public static Result randomLabels(Dataset d, double p, long seed) {
    return corrupt(d, p, seed, false, "--random-labels");
  }

  /** Label noise (thesis Figure 2, 5%): a fraction p of the labels changed to a different class, uniformly. */
  public static Result labelNoise(Dataset d, double p, long seed) {
    return corrupt(d, p, seed, true, "--label-noise");
  }

  private static Result corrupt(Dataset d, double p, long seed, boolean mustChange, String option) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(option + " must be a fraction in [0, 1], got " + p);
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] order = Dataset.permutation(d.size(), rnd);
    int k = (int) Math.round(p * d.size());
    int c = d.classes();
    int[] y = d.labels().clone();
    int changed = 0;
    for (int i = 0; i < k; i++) {
      int s = order[i];
      int old = y[s];
      y[s] = mustChange ? (old + 1 + rnd.nextInt(c - 1)) % c : rnd.nextInt(c);
      if (y[s] != old) changed++;
    }
    return new Result(d.withLabels(d.name(), y), changed);
  }
}
