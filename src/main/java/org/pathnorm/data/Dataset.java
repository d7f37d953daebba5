package org.pathnorm.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A labelled dataset in memory: n samples of d features, row-major {@code float[n × d]}, and k labels
 * 0 … classes−1 per sample, {@code int[n × k]} ({@link #labelsPerSample()}; k = 1 except for sequence
 * tasks with a label at every step, e.g. character-level language modelling, where k = T).
 *
 * <p>A regression dataset ({@link #regression}, e.g. the addition problem) has instead m real-valued
 * targets per sample, {@code float[n × m]} ({@link #targets()}, {@link #targetsPerSample()}); its labels
 * are all 0 of one class, so the class-based code paths see a valid (trivial) labelling.
 */
public final class Dataset {
  private final String name;
  private final float[] features;
  private final int[] labels;
  private final int dimension;
  private final int classes;
  private final ImageShape shape;
  private final int labelsPerSample;
  /** Real-valued targets [size × targetsPerSample], or null for a classification dataset. */
  private final float[] targets;
  private final int targetsPerSample;

  public Dataset(String name, float[] features, int[] labels, int dimension, int classes) {
    this(name, features, labels, dimension, classes, null);
  }

  /** A dataset of images: {@code dimension} must equal {@code shape.size()} (null shape: not images). */
  public Dataset(String name, float[] features, int[] labels, int dimension, int classes, ImageShape shape) {
    this(name, features, labels, dimension, classes, shape, 1);
  }

  /**
   * A dataset with {@code labelsPerSample} labels per sample: {@code labels} holds
   * {@code size × labelsPerSample} values, sample by sample.
   */
  public Dataset(String name, float[] features, int[] labels, int dimension, int classes, ImageShape shape, int labelsPerSample) {
    this(name, features, labels, dimension, classes, shape, labelsPerSample, null, 0);
  }

  /**
   * A regression dataset: n = features.length / dimension samples, each with {@code targetsPerSample}
   * real-valued targets, {@code targets} [n × targetsPerSample] sample by sample.
   *
   * @throws IllegalArgumentException if the sizes disagree or a target is not finite
   */
  public static Dataset regression(String name, float[] features, float[] targets, int dimension, int targetsPerSample) {
    if (targetsPerSample < 1) throw new IllegalArgumentException(name + ": targets per sample must be >= 1, got " + targetsPerSample);
    if (targets.length % targetsPerSample != 0) {
      throw new IllegalArgumentException(name + ": " + targets.length + " targets are not a whole number of samples of "
          + targetsPerSample + " targets");
    }
    for (int i = 0; i < targets.length; i++) {
      if (!Float.isFinite(targets[i])) {
        throw new IllegalArgumentException(name + ": target " + targets[i] + " of sample " + i / targetsPerSample + " is not finite");
      }
    }
    return new Dataset(name, features, new int[targets.length / targetsPerSample], dimension, 1, null, 1, targets, targetsPerSample);
  }

  private Dataset(String name, float[] features, int[] labels, int dimension, int classes, ImageShape shape, int labelsPerSample,
      float[] targets, int targetsPerSample) {
    if (dimension < 1) throw new IllegalArgumentException(name + ": dimension must be >= 1, got " + dimension);
    if (labelsPerSample < 1) throw new IllegalArgumentException(name + ": labels per sample must be >= 1, got " + labelsPerSample);
    if (labels.length % labelsPerSample != 0) {
      throw new IllegalArgumentException(name + ": " + labels.length + " labels are not a whole number of samples of "
          + labelsPerSample + " labels");
    }
    if ((long) (labels.length / labelsPerSample) * dimension != features.length) {
      throw new IllegalArgumentException(name + ": " + labels.length / labelsPerSample + " samples of labels but "
          + features.length + " feature values (expected " + labels.length / labelsPerSample + " x " + dimension + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i / labelsPerSample + " is outside 0.."
            + (classes - 1));
      }
    }
    this.name = name;
    this.features = features;
    this.labels = labels;
    this.dimension = dimension;
    this.classes = classes;
    if (shape != null && shape.size() != dimension) {
      throw new IllegalArgumentException(name + ": image shape " + shape + " has " + shape.size()
          + " values but the dimension is " + dimension);
    }
    this.shape = shape;
    this.labelsPerSample = labelsPerSample;
    if (targets != null && (long) targets.length != (long) size() * targetsPerSample) {
      throw new IllegalArgumentException(name + ": " + targets.length + " targets for " + size() + " samples of " + targetsPerSample);
    }
    this.targets = targets;
    this.targetsPerSample = targets == null ? 0 : targetsPerSample;
  }

  /** Whether the samples have real-valued targets (regression) rather than class labels. */
  public boolean hasTargets() {
    return targets != null;
  }

  /** Real-valued targets per sample, m; 0 for a classification dataset. */
  public int targetsPerSample() {
    return targetsPerSample;
  }

  /**
   * The live target array [size × targetsPerSample].
   *
   * @throws IllegalStateException for a classification dataset
   */
  public float[] targets() {
    if (targets == null) throw new IllegalStateException(name + " has class labels, not real-valued targets");
    return targets;
  }

  public String name() {
    return name;
  }

  public int size() {
    return labels.length / labelsPerSample;
  }

  /** Labels per sample, k: 1 for classification, T for a label at every step of a sequence. */
  public int labelsPerSample() {
    return labelsPerSample;
  }

  public int dimension() {
    return dimension;
  }

  public int classes() {
    return classes;
  }

  /** The image layout of a row, or null if the features are not an image. */
  public ImageShape shape() {
    return shape;
  }

  /** The same samples under another name and features (same shape and classes). */
  public Dataset withFeatures(String newName, float[] newFeatures, int newDimension, ImageShape newShape) {
    return new Dataset(newName, newFeatures, labels, newDimension, classes, newShape, labelsPerSample, targets, targetsPerSample);
  }

  /** The same features with other labels (0 … classes−1, as many per sample as here). */
  public Dataset withLabels(String newName, int[] newLabels) {
    return new Dataset(newName, features, newLabels, dimension, classes, shape, labelsPerSample, targets, targetsPerSample);
  }

  /** The live feature array [size × dimension]. */
  public float[] features() {
    return features;
  }

  /** The live label array [size × labelsPerSample]. */
  public int[] labels() {
    return labels;
  }

  /** Samples {@code from … to−1} as a new dataset. */
  public Dataset slice(String newName, int from, int to) {
    int k = labelsPerSample;
    int m = targetsPerSample;
    return new Dataset(newName, Arrays.copyOfRange(features, from * dimension, to * dimension),
        Arrays.copyOfRange(labels, from * k, to * k), dimension, classes, shape, k,
        targets == null ? null : Arrays.copyOfRange(targets, from * m, to * m), m);
  }

  /** The samples {@code indices[0], indices[1], …} (in that order) as a new dataset. */
  public Dataset select(String newName, int[] indices) {
    int k = labelsPerSample;
    float[] f = new float[Math.multiplyExact(indices.length, dimension)];
    int[] l = new int[Math.multiplyExact(indices.length, k)];
    int m = targetsPerSample;
    float[] t = targets == null ? null : new float[Math.multiplyExact(indices.length, m)];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(features, indices[i] * dimension, f, i * dimension, dimension);
      System.arraycopy(labels, indices[i] * k, l, i * k, k);
      if (t != null) System.arraycopy(targets, indices[i] * m, t, i * m, m);
    }
    return new Dataset(newName, f, l, dimension, classes, shape, k, t, m);
  }

  /** The samples in a seeded random order (Fisher–Yates), as a new dataset. */
  public Dataset shuffled(long seed) {
    int[] order = permutation(size(), new SplittableRandom(seed));
    int k = labelsPerSample;
    float[] f = new float[features.length];
    int[] l = new int[labels.length];
    int m = targetsPerSample;
    float[] t = targets == null ? null : new float[targets.length];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(features, order[i] * dimension, f, i * dimension, dimension);
      System.arraycopy(labels, order[i] * k, l, i * k, k);
      if (t != null) System.arraycopy(targets, order[i] * m, t, i * m, m);
    }
    return new Dataset(name, f, l, dimension, classes, shape, k, t, m);
  }

  /** A seeded uniform permutation of 0 … n−1 (Fisher–Yates). */
  public static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override public String toString() {
    if (targets != null) return name + " (" + size() + " x " + dimension + ", " + targetsPerSample + " real-valued target"
        + (targetsPerSample == 1 ? "" : "s") + " per sample)";
    return name + " (" + size() + " x " + dimension + ", " + classes + " classes"
        + (labelsPerSample == 1 ? "" : ", " + labelsPerSample + " labels per sample") + ")";
  }
}
