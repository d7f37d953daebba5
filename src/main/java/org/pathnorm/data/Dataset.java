package org.pathnorm.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A labelled dataset in memory: n samples of d features, row-major {@code float[n × d]}, and labels
 * 0 … classes−1.
 */
public final class Dataset {
  private final String name;
  private final float[] features;
  private final int[] labels;
  private final int dimension;
  private final int classes;
  private final ImageShape shape;

  public Dataset(String name, float[] features, int[] labels, int dimension, int classes) {
    this(name, features, labels, dimension, classes, null);
  }

  /** A dataset of images: {@code dimension} must equal {@code shape.size()} (null shape: not images). */
  public Dataset(String name, float[] features, int[] labels, int dimension, int classes, ImageShape shape) {
    if (dimension < 1) throw new IllegalArgumentException(name + ": dimension must be >= 1, got " + dimension);
    if ((long) labels.length * dimension != features.length) {
      throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + features.length
          + " feature values (expected " + labels.length + " x " + dimension + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside 0.."
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
  }

  public String name() {
    return name;
  }

  public int size() {
    return labels.length;
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
    return new Dataset(newName, newFeatures, labels, newDimension, classes, newShape);
  }

  /** The same features with other labels (0 … classes−1). */
  public Dataset withLabels(String newName, int[] newLabels) {
    return new Dataset(newName, features, newLabels, dimension, classes, shape);
  }

  /** The live feature array [size × dimension]. */
  public float[] features() {
    return features;
  }

  /** The live label array. */
  public int[] labels() {
    return labels;
  }

  /** Samples {@code from … to−1} as a new dataset. */
  public Dataset slice(String newName, int from, int to) {
    return new Dataset(newName, Arrays.copyOfRange(features, from * dimension, to * dimension),
        Arrays.copyOfRange(labels, from, to), dimension, classes, shape);
  }

  /** The samples {@code indices[0], indices[1], …} (in that order) as a new dataset. */
  public Dataset select(String newName, int[] indices) {
    float[] f = new float[Math.multiplyExact(indices.length, dimension)];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(features, indices[i] * dimension, f, i * dimension, dimension);
      l[i] = labels[indices[i]];
    }
    return new Dataset(newName, f, l, dimension, classes, shape);
  }

  /** The samples in a seeded random order (Fisher–Yates), as a new dataset. */
  public Dataset shuffled(long seed) {
    int[] order = permutation(size(), new SplittableRandom(seed));
    float[] f = new float[features.length];
    int[] l = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(features, order[i] * dimension, f, i * dimension, dimension);
      l[i] = labels[order[i]];
    }
    return new Dataset(name, f, l, dimension, classes, shape);
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
    return name + " (" + size() + " x " + dimension + ", " + classes + " classes)";
  }
}
