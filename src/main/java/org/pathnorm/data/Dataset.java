package org.pathnorm.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.pathnorm.simd.KernelSelection;

/**
 * A labelled dataset in memory: n samples of d features, row-major {@code float[n × d]}, and k labels
 * 0 … classes−1 per sample, {@code int[n × k]} ({@link #labelsPerSample()}; k = 1 except for sequence
 * tasks with a label at every step, e.g. character-level language modelling, where k = T).
 *
 * <p>A regression dataset ({@link #regression}, e.g. the addition problem) has instead m real-valued
 * targets per sample, {@code float[n × m]} ({@link #targets()}, {@link #targetsPerSample()}); its labels
 * are all 0 of one class, so the class-based code paths see a valid (trivial) labelling.
 *
 * <p>The features of 8-bit images ({@link #ofUnitBytes}) are kept as the bytes themselves, a quarter of the
 * memory, each value v standing for the feature v / 255 (docs/architecture.md, "Pixels kept as bytes"): the
 * training loop and the evaluations convert the rows they take ({@link #copyRows}), and {@link #features()}
 * converts the whole set once, on first use, for the code that wants the float array.
 */
public final class Dataset {
  private final String name;
  /** The features as floats: given, or converted from {@link #unitBytes} on first use (null until then). */
  private volatile float[] features;
  /** The features as unsigned bytes v standing for v / 255, or null when they were given as floats. */
  private final byte[] unitBytes;
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
    this(name, features, null, labels, dimension, classes, shape, labelsPerSample, null, 0);
  }

  /**
   * A dataset of 8-bit images kept as bytes: feature j of sample s is (pixels[s·d + j] &amp; 0xff) / 255,
   * rounded as the float division rounds it, the values of the same images read as floats.
   */
  public static Dataset ofUnitBytes(String name, byte[] pixels, int[] labels, int dimension, int classes, ImageShape shape) {
    return new Dataset(name, null, pixels, labels, dimension, classes, shape, 1, null, 0);
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
    return new Dataset(name, features, null, new int[targets.length / targetsPerSample], dimension, 1, null, 1, targets, targetsPerSample);
  }

  private Dataset(String name, float[] features, byte[] unitBytes, int[] labels, int dimension, int classes, ImageShape shape,
      int labelsPerSample, float[] targets, int targetsPerSample) {
    if (dimension < 1) throw new IllegalArgumentException(name + ": dimension must be >= 1, got " + dimension);
    if (labelsPerSample < 1) throw new IllegalArgumentException(name + ": labels per sample must be >= 1, got " + labelsPerSample);
    if (labels.length % labelsPerSample != 0) {
      throw new IllegalArgumentException(name + ": " + labels.length + " labels are not a whole number of samples of "
          + labelsPerSample + " labels");
    }
    int values = features != null ? features.length : unitBytes.length;
    if ((long) (labels.length / labelsPerSample) * dimension != values) {
      throw new IllegalArgumentException(name + ": " + labels.length / labelsPerSample + " samples of labels but "
          + values + " feature values (expected " + labels.length / labelsPerSample + " x " + dimension + ")");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i / labelsPerSample + " is outside 0.."
            + (classes - 1));
      }
    }
    this.name = name;
    this.features = features;
    this.unitBytes = unitBytes;
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
    return new Dataset(newName, newFeatures, null, labels, newDimension, classes, newShape, labelsPerSample, targets, targetsPerSample);
  }

  /** The same features with other labels (0 … classes−1, as many per sample as here). */
  public Dataset withLabels(String newName, int[] newLabels) {
    return new Dataset(newName, features, unitBytes, newLabels, dimension, classes, shape, labelsPerSample,
        targets, targetsPerSample);
  }

  /** The same samples with {@code newClasses} ≥ {@link #classes()} classes (a wider output layer). */
  public Dataset withClasses(int newClasses) {
    return new Dataset(name, features, unitBytes, labels, dimension, newClasses, shape, labelsPerSample,
        targets, targetsPerSample);
  }

  /**
   * The live feature array [size × dimension]. For a dataset kept as bytes ({@link #ofUnitBytes}) the
   * floats are converted on the first call (four times the bytes' memory) and kept.
   */
  public float[] features() {
    float[] f = features;
    if (f != null) return f;
    synchronized (this) {
      if (features == null) {
        float[] converted = new float[unitBytes.length];
        KernelSelection.kernels().unitBytesToFloats(unitBytes, 0, converted, 0, unitBytes.length);
        features = converted;
      }
      return features;
    }
  }

  /**
   * The live byte array [size × dimension] of a dataset kept as bytes (each v standing for v / 255), or
   * null for one given as floats.
   */
  public byte[] unitBytes() {
    return unitBytes;
  }

  /**
   * The array that holds the features as stored (the bytes or the given floats), to tell whether two
   * datasets share them.
   */
  public Object featureStorage() {
    return unitBytes != null ? unitBytes : features;
  }

  /**
   * dst[dstOff + r·d …] ← the features of samples {@code first + r}, r = 0 … rows−1, as floats (converted
   * for a dataset kept as bytes, copied otherwise; the float array is not made for it).
   */
  public void copyRows(int first, int rows, float[] dst, int dstOff) {
    int n = Math.multiplyExact(rows, dimension);
    if (unitBytes != null) {
      KernelSelection.kernels().unitBytesToFloats(unitBytes, first * dimension, dst, dstOff, n);
    } else {
      System.arraycopy(features, first * dimension, dst, dstOff, n);
    }
  }

  /** The live label array [size × labelsPerSample]. */
  public int[] labels() {
    return labels;
  }

  /** Samples {@code from … to−1} as a new dataset. */
  public Dataset slice(String newName, int from, int to) {
    int k = labelsPerSample;
    int m = targetsPerSample;
    boolean bytes = unitBytes != null;
    return new Dataset(newName, bytes ? null : Arrays.copyOfRange(features, from * dimension, to * dimension),
        bytes ? Arrays.copyOfRange(unitBytes, from * dimension, to * dimension) : null,
        Arrays.copyOfRange(labels, from * k, to * k), dimension, classes, shape, k,
        targets == null ? null : Arrays.copyOfRange(targets, from * m, to * m), m);
  }

  /** The samples {@code indices[0], indices[1], …} (in that order) as a new dataset. */
  public Dataset select(String newName, int[] indices) {
    return gathered(newName, indices);
  }

  /** The samples in a seeded random order (Fisher–Yates), as a new dataset. */
  public Dataset shuffled(long seed) {
    return gathered(name, permutation(size(), new SplittableRandom(seed)));
  }

  /** The samples {@code order[0], order[1], …} as a new dataset named {@code newName}, stored as this one is. */
  private Dataset gathered(String newName, int[] order) {
    int k = labelsPerSample;
    int m = targetsPerSample;
    int values = Math.multiplyExact(order.length, dimension);
    boolean bytes = unitBytes != null;
    float[] f = bytes ? null : new float[values];
    byte[] b = bytes ? new byte[values] : null;
    int[] l = new int[Math.multiplyExact(order.length, k)];
    float[] t = targets == null ? null : new float[Math.multiplyExact(order.length, m)];
    for (int i = 0; i < order.length; i++) {
      if (bytes) {
        System.arraycopy(unitBytes, order[i] * dimension, b, i * dimension, dimension);
      } else {
        System.arraycopy(features, order[i] * dimension, f, i * dimension, dimension);
      }
      System.arraycopy(labels, order[i] * k, l, i * k, k);
      if (t != null) System.arraycopy(targets, order[i] * m, t, i * m, m);
    }
    return new Dataset(newName, f, b, l, dimension, classes, shape, k, t, m);
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
