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
    return builder().validation(validation).build();
  }

  /** A builder whose defaults are no transform and no validation split. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these transforms. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.validation = validation;
    b.cropHeight = cropHeight;
    b.cropWidth = cropWidth;
    b.grayscale = grayscale;
    b.resizeHeight = resizeHeight;
    b.resizeWidth = resizeWidth;
    b.subset = subset;
    b.balanced = balanced;
    b.randomLabels = randomLabels;
    b.labelNoise = labelNoise;
    b.normalize = normalize;
    b.seed = seed;
    return b;
  }

  /** Builds {@link DataTransforms}; values are checked by {@link #build}. */
  public static final class Builder {
    private int validation;
    private int cropHeight;
    private int cropWidth;
    private boolean grayscale;
    private int resizeHeight;
    private int resizeWidth;
    private int subset;
    private boolean balanced;
    private double randomLabels;
    private double labelNoise;
    private boolean normalize;
    private long seed;

    private Builder() {}

    /** Samples held out of the training files as the validation set. */
    public Builder validation(int samples) {
      validation = samples;
      return this;
    }

    /** A centre crop. */
    public Builder crop(int height, int width) {
      cropHeight = height;
      cropWidth = width;
      return this;
    }

    /** Colour images to one BT.601 luma channel. */
    public Builder grayscale(boolean value) {
      grayscale = value;
      return this;
    }

    /** Area resampling to height × width (0 × 0: none). */
    public Builder resize(int height, int width) {
      resizeHeight = height;
      resizeWidth = width;
      return this;
    }

    /** Keep {@code samples} training samples (0: all), the same count of every class if {@code balanced}. */
    public Builder subset(int samples, boolean balanced) {
      subset = samples;
      this.balanced = balanced;
      return this;
    }

    /** The fraction of training samples whose label is replaced by a uniform random one. */
    public Builder randomLabels(double fraction) {
      randomLabels = fraction;
      return this;
    }

    /** The fraction of training labels changed to a different random class. */
    public Builder labelNoise(double fraction) {
      labelNoise = fraction;
      return this;
    }

    /** Per-channel standardisation with the training split's mean and std. */
    public Builder normalize(boolean value) {
      normalize = value;
      return this;
    }

    /** Seed of the subset and the label corruptions. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** @throws IllegalArgumentException naming the option out of range */
    public DataTransforms build() {
      return new DataTransforms(validation, cropHeight, cropWidth, grayscale, resizeHeight, resizeWidth, subset, balanced, randomLabels,
          labelNoise, normalize, seed);
    }
  }
}
