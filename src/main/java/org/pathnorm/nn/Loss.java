package org.pathnorm.nn;

import java.util.Locale;

/** Training losses over a mini-batch of network outputs {@code out[batch × C]} (row-major). */
public enum Loss {
  /**
   * Softmax cross-entropy, ℓ = log Σ_j e^{o_j} − o_y, computed stably (max subtracted) and fused with
   * its gradient ∂ℓ/∂o_j = softmax(o)_j − 1[j = y].
   */
  CROSS_ENTROPY,
  /** Squared error against the one-hot label, ℓ = ½ Σ_j (o_j − 1[j = y])², gradient o − onehot(y). */
  MSE;

  /** Parses {@code ce|cross-entropy|mse}. */
  public static Loss parse(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "ce": case "cross-entropy": case "cross_entropy": return CROSS_ENTROPY;
      case "mse": return MSE;
      default: throw new IllegalArgumentException("--loss: expected ce or mse, got '" + s + "'");
    }
  }

  /**
   * Returns Σ_s ℓ(out[s, :], labels[labelOff + s]) (in double), and if {@code dOut != null} writes
   * dOut[s, :] = scale · ∂ℓ_s/∂out[s, :] (scale = 1/B gives the gradient of the batch mean).
   *
   * @throws IllegalArgumentException if a label is outside 0 … C−1
   */
  public double evaluate(float[] out, int batch, int classes, int[] labels, int labelOff, float scale, float[] dOut) {
    double total = 0;
    for (int s = 0; s < batch; s++) {
      int y = labels[labelOff + s];
      if (y < 0 || y >= classes) {
        throw new IllegalArgumentException("label " + y + " of sample " + (labelOff + s) + " is outside 0.." + (classes - 1));
      }
      int row = s * classes;
      if (this == CROSS_ENTROPY) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
        double sum = 0;
        for (int j = 0; j < classes; j++) sum += Math.exp(out[row + j] - max);
        total += Math.log(sum) + max - out[row + y];
        if (dOut != null) {
          for (int j = 0; j < classes; j++) {
            double p = Math.exp(out[row + j] - max) / sum;
            dOut[row + j] = (float) (scale * (p - (j == y ? 1 : 0)));
          }
        }
      } else {
        for (int j = 0; j < classes; j++) {
          double d = out[row + j] - (j == y ? 1.0 : 0.0);
          total += 0.5 * d * d;
          if (dOut != null) dOut[row + j] = (float) (scale * d);
        }
      }
    }
    return total;
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
}
