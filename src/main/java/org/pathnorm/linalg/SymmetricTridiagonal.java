package org.pathnorm.linalg;

/**
 * The largest eigenpair of a symmetric tridiagonal matrix T (diagonal a[0…k−1], off-diagonal
 * b[0…k−2]), the small problem inside a Lanczos iteration: the eigenvalue by bisection on Sturm
 * sequence counts (to the last bit), then the eigenvector by inverse iteration with a pivoted
 * tridiagonal LU (LAPACK dgttrf/dgttrs). O(k) per bisection step and per solve.
 */
final class SymmetricTridiagonal {
  private SymmetricTridiagonal() {}

  /** Largest eigenvalue λ_max(T). */
  static double largestEigenvalue(double[] a, double[] b, int k) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      double r = (i > 0 ? Math.abs(b[i - 1]) : 0) + (i < k - 1 ? Math.abs(b[i]) : 0);
      lo = Math.min(lo, a[i] - r);
      hi = Math.max(hi, a[i] + r);
    }
    // invariant (Gershgorin, then bisection): λ_max ∈ [lo, hi]
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (countBelow(a, b, k, mid) == k) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** Number of eigenvalues of T strictly below x (Sturm count of the LDLᵀ pivots of T − xI). */
  static int countBelow(double[] a, double[] b, int k, double x) {
    int count = 0;
    double d = 1;
    double tiny = Double.MIN_NORMAL;
    for (int i = 0; i < k; i++) {
      double off = i > 0 ? b[i - 1] * b[i - 1] : 0;
      d = a[i] - x - (i > 0 ? off / d : 0);
      if (d == 0) d = -tiny;
      if (d < 0) count++;
    }
    return count;
  }

  /**
   * The unit eigenvector y of T for the eigenvalue θ (as found by {@link #largestEigenvalue}), by three
   * steps of inverse iteration; written into y[0…k−1].
   */
  static void eigenvector(double[] a, double[] b, int k, double theta, double[] y) {
    double scale = 0;
    for (int i = 0; i < k; i++) scale = Math.max(scale, Math.abs(a[i]) + (i < k - 1 ? Math.abs(b[i]) : 0));
    double pivotFloor = Math.ulp(Math.max(scale, Double.MIN_NORMAL));
    double[] dl = new double[k], d = new double[k], du = new double[k], du2 = new double[k];
    int[] piv = new int[k];
    for (int i = 0; i < k; i++) {
      d[i] = a[i] - theta;
      if (i < k - 1) {
        dl[i] = b[i];
        du[i] = b[i];
      }
    }
    for (int i = 0; i < k - 1; i++) {
      if (Math.abs(d[i]) >= Math.abs(dl[i])) {
        if (d[i] == 0) d[i] = pivotFloor;
        double f = dl[i] / d[i];
        dl[i] = f;
        d[i + 1] -= f * du[i];
        piv[i] = i;
      } else {
        double f = d[i] / dl[i];
        d[i] = dl[i];
        dl[i] = f;
        double t = du[i];
        du[i] = d[i + 1];
        d[i + 1] = t - f * d[i + 1];
        if (i < k - 2) {
          du2[i] = du[i + 1];
          du[i + 1] = -f * du[i + 1];
        }
        piv[i] = i + 1;
      }
    }
    if (d[k - 1] == 0) d[k - 1] = pivotFloor;
    java.util.Arrays.fill(y, 0, k, 1.0);
    for (int it = 0; it < 3; it++) {
      for (int i = 0; i < k - 1; i++) {
        if (piv[i] == i) {
          y[i + 1] -= dl[i] * y[i];
        } else {
          double t = y[i];
          y[i] = y[i + 1];
          y[i + 1] = t - dl[i] * y[i];
        }
      }
      for (int i = k - 1; i >= 0; i--) {
        double s = y[i];
        if (i + 1 < k) s -= du[i] * y[i + 1];
        if (i + 2 < k) s -= du2[i] * y[i + 2];
        y[i] = s / d[i];
      }
      double norm = 0;
      for (int i = 0; i < k; i++) norm += y[i] * y[i];
      norm = Math.sqrt(norm);
      for (int i = 0; i < k; i++) y[i] /= norm;
    }
  }
}
