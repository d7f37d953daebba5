package org.pathnorm.data;

/**
 * The transforms a run applies to its data, in the order {@link DataPipeline} applies them. Sizes of
 * 0 and fractions of 0 mean "off".
 *
 * @param validation   samples held out of the training files as the validation set
 * @param cropHeight   centre crop (0: none)
 * @param cropWidth    centre crop (0: none)
 * @param grayscale    colour images to one BT.601 luma channel
 * @param resizeHeight area resampling (10×10: "downsampled to 100 pixels", thesis Figure 1; 0: none)
 * @param resizeWidth  area resampling (0: none)
 * @param subset       training samples kept, drawn with the seed (0: all)
 * @param balanced     the subset has the same count of every class
 * @param randomLabels fraction of training samples whose label is replaced by a uniform random one
 * @param labelNoise   fraction of training labels changed to a different random class
 * @param normalize    per-channel standardisation with the training split's mean and std
 * @param seed         seed of the subset and the label corruptions (not of the training run)
 */
public record DataTransforms(int validation, int cropHeight, int cropWidth, boolean grayscale, int resizeHeight,
    int resizeWidth, int subset, boolean balanced, double randomLabels, double labelNoise, boolean normalize, long seed) {

  public DataTransforms {
    if (validation < 0) throw new IllegalArgumentException("--validation must be >= 0, got " + validation);
    if (subset < 0) throw new IllegalArgumentException("--subset must be >= 0, got " + subset);
    if (!(randomLabels >= 0 && randomLabels <= 1)) throw new IllegalArgumentException("--random-labels must be in [0, 1], got " + randomLabels);
    if (!(labelNoise >= 0 && labelNoise <= 1)) throw new IllegalArgumentException("--label-noise must be in [0, 1], got " + labelNoise);
  }

  /** No transform, {@code validation} samples held out. */
  public static DataTransforms none(int validation) {
    return new DataTransforms(validation, 0, 0, false, 0, 0, 0, false, 0, 0, false, 0);
  }
}
