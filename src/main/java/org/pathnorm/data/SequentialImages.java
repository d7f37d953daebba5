package org.pathnorm.data;

import java.util.SplittableRandom;

/**
 * Sequential images (docs/algorithms.md §4 E7, "sequential MNIST"): a one-channel image dataset fed to a
 * recurrent network pixel by pixel, T = height·width steps of D = 1 input, the label read at the last
 * step. The features of a sample are the T pixels in row-major order, which is the layout a dataset
 * row already has, so the plain variant only drops nothing and keeps the image shape (so {@code
 * --resize} can still shorten the sequence: 14×14 gives T = 196). The permuted variant reorders the
 * pixels of every image (train and test alike) by one fixed permutation π of 0 … T−1 drawn from a seed
 * (Fisher–Yates): x_t = pixel π(t); the result is no longer an image (no shape).
 */
public final class SequentialImages {
  /** The permutation seed of the plain {@code seq-permuted:} spec. */
  public static final long DEFAULT_PERMUTATION_SEED = 0;

  private SequentialImages() {}

  /**
   * The permutation x_t = pixel π(t) of {@code steps} pixels drawn with {@code seed}: the same for
   * the same arguments on every machine.
   */
  public static int[] permutation(int steps, long seed) {
    return Dataset.permutation(steps, new SplittableRandom(seed));
  }

  /**
   * The dataset as sequences: unchanged but checked (plain), or with its pixels reordered by
   * {@link #permutation}(T, seed) (permuted).
   *
   * @throws IllegalArgumentException (naming {@code spec}) unless the samples are one-channel images
   */
  public static Dataset of(String spec, Dataset images, boolean permuted, long seed) {
    ImageShape shape = images.shape();
    if (shape == null || shape.channels() != 1) {
      throw new IllegalArgumentException("--data '" + spec + "': sequential images need one-channel images (D = 1 input per step), got "
          + (shape == null ? "samples that are not images" : "images of " + shape));
    }
    if (!permuted) return images;
    int t = images.dimension();
    int[] pi = permutation(t, seed);
    float[] from = images.features();
    float[] to = new float[from.length];
    for (int s = 0; s < images.size(); s++) {
      int row = s * t;
      for (int i = 0; i < t; i++) to[row + i] = from[row + pi[i]];
    }
    return images.withFeatures(images.name() + "/permuted", to, t, null);
  }
}
