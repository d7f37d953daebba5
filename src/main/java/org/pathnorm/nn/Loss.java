package org.pathnorm.nn;

import java.util.Locale;
import org.pathnorm.simd.Kernels;

/**
 * Training losses over a mini-batch of network outputs {@code out[batch × C]} (row-major): against class
 * labels ({@link #CROSS_ENTROPY}, {@link #MSE}) or against real-valued targets ({@link #SQUARED_ERROR},
 * regression, docs/algorithms.md §1.3).
 */
public enum Loss {
  /**
   * Softmax cross-entropy, ℓ = log Σ_j e^{o_j} − o_y, computed stably (max subtracted) and fused with
   * its gradient ∂ℓ/∂o_j = softmax(o)_j − 1[j = y].
   */
  CROSS_ENTROPY,
  /** Squared error against the one-hot label, ℓ = ½ Σ_j (o_j − 1[j = y])², gradient o − onehot(y). */
  MSE,
  /**
   * Squared error against real-valued targets t (regression, e.g. the addition problem), ℓ = ½ Σ_j (o_j −
   * t_j)², gradient ∂ℓ/∂o = o − t (docs/algorithms.md §1.3). The training objective is the mean of ℓ; what
   * is <em>reported</em> as the loss is the mean squared error MSE = (1/(n·m)) Σ (o − t)² = 2·mean ℓ / m
   * over the n·m target values ({@link #meanSquaredError}), the metric of the addition problem.
   */
  SQUARED_ERROR;

  /**
   * A target value counts as an error when |o − t| ≥ 0.04 (the addition problem's criterion, Hochreiter
   * &amp; Schmidhuber 1997, "Long short-term memory"): the error fraction of a regression.
   */
  public static final double REGRESSION_TOLERANCE = 0.04;

  /** Parses {@code ce|cross-entropy|mse|squared-error}. */
  public static Loss parse(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "ce": case "cross-entropy": case "cross_entropy": return CROSS_ENTROPY;
      case "mse": return MSE;
      case "squared-error": case "squared_error": case "se": return SQUARED_ERROR;
      default: throw new IllegalArgumentException("--loss: expected ce, mse or squared-error, got '" + s + "'");
    }
  }

  /** Whether the loss scores real-valued targets ({@link #SQUARED_ERROR}) rather than class labels. */
  public boolean regression() {
    return this == SQUARED_ERROR;
  }

  /**
   * Returns Σ_s ℓ(out[s, :], labels[labelOff + s]) (in double), and if {@code dOut != null} writes
   * dOut[s, :] = scale · ∂ℓ_s/∂out[s, :] (scale = 1/B gives the gradient of the batch mean); the softmax's
   * exponentials by {@link Math#exp}.
   *
   * @throws IllegalArgumentException if a label is outside 0 … C−1
   */
  public double evaluate(float[] out, int batch, int classes, int[] labels, int labelOff, float scale, float[] dOut) {
    return evaluate(out, batch, classes, labels, labelOff, scale, dOut, null);
  }

  /**
   * As {@link #evaluate(float[], int, int, int[], int, float, float[])}, with the softmax's exponentials of the whole
   * batch at once by {@code kernels} ({@link Kernels#expNonPositive}, within 2 ulps of Math.exp; docs/algorithms.md
   * §1.3), or by Math.exp one at a time where it is null. A training step passes its kernels: one Math.exp per output
   * was most of a 784-256-10 step's serial part on 2 threads (BENCHMARKS.md, "Issue 15, thirty-sixth session").
   */
  public double evaluate(float[] out, int batch, int classes, int[] labels, int labelOff, float scale, float[] dOut,
      Kernels kernels) {
    checkLabels(batch, classes, labels, labelOff);
    return this == CROSS_ENTROPY ? crossEntropy(out, batch, classes, labels, labelOff, scale, dOut, kernels)
        : squaredErrorToOneHot(out, batch, classes, labels, labelOff, scale, dOut);
  }

  /**
   * Σ_s ℓ(out[s, :], labels[labelOff + s]) without a gradient: the value of {@link #evaluate(float[], int, int, int[],
   * int, float, float[])} with dOut null, bit for bit. An evaluation's loss goes through its own method: compiled during
   * training, the fused one had its branches on the gradient pruned to the training's side, and each epoch's first
   * evaluation sent it back to be compiled again (a fifth of a second of C2's first epoch went to its compiles).
   *
   * @throws IllegalArgumentException if a label is outside 0 … C−1, or for the squared-error loss
   */
  public double value(float[] out, int batch, int classes, int[] labels, int labelOff) {
    checkLabels(batch, classes, labels, labelOff);
    return this == CROSS_ENTROPY ? crossEntropyLoss(out, batch, classes, labels, labelOff)
        : squaredErrorToOneHot(out, batch, classes, labels, labelOff, 1f, null);
  }

  private void checkLabels(int batch, int classes, int[] labels, int labelOff) {
    if (this == SQUARED_ERROR) {
      throw new IllegalArgumentException("the squared-error loss scores real-valued targets, not class labels");
    }
    for (int s = 0; s < batch; s++) {
      int y = labels[labelOff + s];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " of sample " + (labelOff + s) + " is outside 0.." + (classes - 1));
      }
    }
  }

  /**
   * Cross-entropy: each row's maximum m subtracted, the e^{o_j − m} of all rows (by the kernels at once, or by
   * Math.exp), then per row ℓ = log Σ_j e^{o_j − m} + m − o_y and softmax_j = e^{o_j − m} / Σ, all in double.
   */
  private static double crossEntropy(float[] out, int batch, int classes, int[] labels, int labelOff, float scale,
      float[] dOut, Kernels kernels) {
    int n = batch * classes;
    // the shifted outputs, then their exponentials; after them each row's maximum
    double[] e = scratch(n + batch);
    for (int s = 0; s < batch; s++) {
      int row = s * classes;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
      e[n + s] = max;
      for (int j = 0; j < classes; j++) e[row + j] = out[row + j] - max;
    }
    if (kernels != null) {
      kernels.expNonPositive(e, 0, n);
    } else {
      for (int i = 0; i < n; i++) e[i] = Math.exp(e[i]);
    }
    double total = 0;
    for (int s = 0; s < batch; s++) {
      int row = s * classes;
      int y = labels[labelOff + s];
      double sum = 0;
      for (int j = 0; j < classes; j++) sum += e[row + j];
      total += Math.log(sum) + e[n + s] - out[row + y];
      if (dOut != null) {
        for (int j = 0; j < classes; j++) dOut[row + j] = (float) (scale * (e[row + j] / sum - (j == y ? 1 : 0)));
      }
    }
    return total;
  }

  /** {@link #crossEntropy} without a gradient, its exponentials by Math.exp: the same sums in the same order. */
  private static double crossEntropyLoss(float[] out, int batch, int classes, int[] labels, int labelOff) {
    double total = 0;
    for (int s = 0; s < batch; s++) {
      int row = s * classes;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
      double sum = 0;
      for (int j = 0; j < classes; j++) sum += Math.exp((double) (out[row + j] - max));
      total += Math.log(sum) + max - out[row + labels[labelOff + s]];
    }
    return total;
  }

  private static double squaredErrorToOneHot(float[] out, int batch, int classes, int[] labels, int labelOff, float scale,
      float[] dOut) {
    double total = 0;
    for (int s = 0; s < batch; s++) {
      int row = s * classes;
      int y = labels[labelOff + s];
      for (int j = 0; j < classes; j++) {
        double d = out[row + j] - (j == y ? 1.0 : 0.0);
        total += 0.5 * d * d;
        if (dOut != null) dOut[row + j] = (float) (scale * d);
      }
    }
    return total;
  }

  /** Per thread (shards compute losses in parallel): room for a batch's exponentials and row maxima, grown as needed. */
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

  private static double[] scratch(int length) {
    double[] e = SCRATCH.get();
    if (e.length < length) {
      e = new double[length];
      SCRATCH.set(e);
    }
    return e;
  }

  /**
   * Number of misclassified rows: f_y ≤ max_{j≠y} f_j (docs/algorithms.md §1.3, ties count as errors; NaN
   * outputs count as errors).
   */
  public static int errors(float[] out, int batch, int classes, int[] labels, int labelOff) {
    int errors = 0;
    for (int s = 0; s < batch; s++) {
      int y = labels[labelOff + s];
      int row = s * classes;
      float fy = out[row + y];
      boolean wrong = Float.isNaN(fy);
      for (int j = 0; j < classes && !wrong; j++) {
        if (j != y && !(out[row + j] < fy)) wrong = true;
      }
      if (wrong) errors++;
    }
    return errors;
  }

  /**
   * {@link #SQUARED_ERROR} on {@code rows} output rows of {@code width} values: returns Σ_s ℓ_s = Σ_{s,j}
   * ½ (out[s, j] − t[s, j])² (in double) with t[s, j] = targets[(targetRow + s)·width + j], and if
   * {@code dOut != null} writes dOut[s, j] = scale · (out[s, j] − t[s, j]).
   *
   * @throws IllegalArgumentException unless this is {@link #SQUARED_ERROR}
   */
  public double evaluate(float[] out, int rows, int width, float[] targets, int targetRow, float scale, float[] dOut) {
    if (this != SQUARED_ERROR) {
      throw new IllegalArgumentException("the " + name().toLowerCase(Locale.ROOT).replace('_', '-')
          + " loss scores class labels; real-valued targets need the squared-error loss");
    }
    double total = 0;
    int t = targetRow * width;
    for (int i = 0; i < rows * width; i++) {
      double d = (double) out[i] - targets[t + i];
      total += 0.5 * d * d;
      if (dOut != null) dOut[i] = (float) (scale * d);
    }
    return total;
  }

  /** The mean squared error (1/values) Σ (o − t)² from Σ ℓ = Σ ½ (o − t)² over {@code values} target values. */
  public static double meanSquaredError(double sumOfLosses, long values) {
    return 2 * sumOfLosses / values;
  }

  /**
   * Number of target values t[s, j] = targets[(targetRow + s)·width + j] with |out[s, j] − t[s, j]| ≥
   * {@link #REGRESSION_TOLERANCE} (NaN outputs count as errors).
   */
  public static int regressionErrors(float[] out, int rows, int width, float[] targets, int targetRow) {
    int errors = 0;
    int t = targetRow * width;
    for (int i = 0; i < rows * width; i++) {
      if (!(Math.abs((double) out[i] - targets[t + i]) < REGRESSION_TOLERANCE)) errors++;
    }
    return errors;
  }
}
