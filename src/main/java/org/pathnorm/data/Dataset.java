package org.pathnorm.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A labelled dataset in memory: n samples of d features, row-major {@code float[n × d]}, and k labels
 * 0 … classes−1 per sample, {@code int[n × k]} ({@link #labelsPerSample()}; k = 1 except for sequence
 * tasks with a label at every step, e.g. character-level language modelling, where k = T).
 */
public final class Dataset {
  private final String name;
  private final float[] features;
  private final int[] labels;
  private final int dimension;
  private final int classes;
  private final ImageShape shape;
  private final int labelsPerSample;

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
    return new Dataset(newName, newFeatures, labels, newDimension, classes, newShape, labelsPerSample);
  }

  /** The same features with other labels (0 … classes−1, as many per sample as here). */
  public Dataset withLabels(String newName, int[] newLabels) {
    return new Dataset(newName, features, newLabels, dimension, classes, shape, labelsPerSample);
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
    return new Dataset(newName, Arrays.copyOfRange(features, from * dimension, to * dimension),
        Arrays.copyOfRange(labels, from * k, to * k), dimension, classes, shape, k);
  }

  /** The samples {@code indices[0], indices[1], …} (in that order) as a new dataset. */
  public Dataset select(String newName, int[] indices) {
    int k = labelsPerSample;
    float[] f = new float[Math.multiplyExact(indices.length, dimension)];
    int[] l = new int[Math.multiplyExact(indices.length, k)];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(features, indices[i] * dimension, f, i * dimension, dimension);
      System.arraycopy(labels, indices[i] * k, l, i * k, k);
    }
    return new Dataset(newName, f, l, dimension, classes, shape, k);
  }

  /** The samples in a seeded random order (Fisher–Yates), as a new dataset. */
  public Dataset shuffled(long seed) {
    int[] order = permutation(size(), new SplittableRandom(seed));
    int k = labelsPerSample;
    float[] f = new float[features.length];
    int[] l = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(features, order[i] * dimension, f, i * dimension, dimension);
      System.arraycopy(labels, order[i] * k, l, i * k, k);
    }
    return new Dataset(name, f, l, dimension, classes, shape, k);
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
    return name + " (" + size() + " x " + dimension + ", " + classes + " classes"
        + (labelsPerSample == 1 ? "" : ", " + labelsPerSample + " labels per sample") + ")";
  }
}
