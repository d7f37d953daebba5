package org.pathnorm.measures;

/**
 * Norms of one weight matrix W [rows × cols] (row j = the incoming weights of unit j), in double, as
 * the reference code defines them (docs/algorithms.md §2.1, §2.8). Every method also takes an optional initial
 * matrix W⁰ (null for none) and then measures W − W⁰: the {@code dist(p, q)} of the reference code.
 */
public final class MatrixNorms {
  private MatrixNorms() {}

  /**
   * Group norm μ_{p,q}(W − W⁰) = ( Σ_j ‖W[j,:] − W⁰[j,:]‖_p^q )^{1/q}: the ℓ_q norm of the row-wise ℓ_p
   * norms, p, q ∈ [1, ∞] ({@link Double#POSITIVE_INFINITY} for ∞). μ_{2,2} is the Frobenius norm,
   * μ_{1,∞} the max absolute row sum ‖W‖_{∞→∞}, μ_{p,p} the entrywise ℓ_p norm, μ_{2,1} the ‖·‖_{2,1} of
   * Bartlett et al. Rows are scaled by their max before powers, so nothing overflows.
   *
   * @param init W⁰ laid out like {@code w}, or null
   */
  public static double groupNorm(float[] w, float[] init, int off, int rows, int cols, double p, double q) {
    checkExponent("p", p);
    checkExponent("q", q);
    double[] rowNorms = new double[rows];
    for (int j = 0; j < rows; j++) {
      int r = off + j * cols;
      double max = 0;
      for (int k = 0; k < cols; k++) max = Math.max(max, Math.abs(entry(w, init, r + k)));
      if (max == 0 || Double.isInfinite(p)) {
        rowNorms[j] = max;
        continue;
      }
      double s = 0;
      for (int k = 0; k < cols; k++) s += pow(Math.abs(entry(w, init, r + k)) / max, p);
      rowNorms[j] = max * Math.pow(s, 1 / p);
    }
    return vectorNorm(rowNorms, q);
  }

  /** Schatten-p norm ‖σ‖_p of the singular values (p = 1: trace norm, 2: Frobenius, ∞: spectral). */
  public static double schatten(double[] singularValues, double p) {
    checkExponent("p", p);
    return vectorNorm(singularValues.clone(), p);
  }

  /** ℓ_q norm of non-negative values (overwrites nothing it is given for q = ∞; scales by the max). */
  static double vectorNorm(double[] x, double q) {
    double max = 0;
    for (double v : x) max = Math.max(max, Math.abs(v));
    if (max == 0 || Double.isInfinite(q)) return max;
    double s = 0;
    for (double v : x) s += pow(Math.abs(v) / max, q);
    return max * Math.pow(s, 1 / q);
  }

  private static double entry(float[] w, float[] init, int i) {
    return init == null ? w[i] : (double) w[i] - init[i];
  }

  private static double pow(double a, double p) {
    return p == 1 ? a : p == 2 ? a * a : Math.pow(a, p);
  }

  static void checkExponent(String name, double v) {
    if (!(v >= 1)) throw new IllegalArgumentException("norm exponent " + name + " must be >= 1 (or infinity), got " + v);
  }
}
