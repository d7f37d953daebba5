package org.pathnorm.experiments;

/**
 * Kendall's rank correlation between two samples x, y of n paired values, in the two forms that differ on ties.
 * With C concordant pairs (sign(x_i − x_j)·sign(y_i − y_j) = +1), D discordant ones (−1), P = n(n−1)/2 pairs, and
 * T_x, T_y the pairs tied in x and in y:
 * <ul>
 *   <li>{@link #paper}: τ = (1/(n(n−1))) Σ_{i≠j} sign(x_i − x_j)·sign(y_i − y_j) = (C − D)/P, the definition of
 *       Jiang et al., "Fantastic Generalization Measures and Where to Find Them" (arXiv 1912.02178, eq. 4): Kendall's
 *       τ_a, where a tie counts 0 and still counts as a pair;</li>
 *   <li>{@link #tauB}: τ_b = (C − D)/√((P − T_x)(P − T_y)), which leaves tied pairs out of the scale (±1 reachable
 *       with ties); NaN when x or y is constant.</li>
 * </ul>
 * Pairs with a NaN in x or y are left out (as if the point were absent); fewer than 2 points give NaN.
 */
public final class KendallTau {
  private KendallTau() {}

  /** τ as Jiang et al. define it (τ_a: ties count 0), in [−1, 1]; NaN with fewer than 2 complete points. */
  public static double paper(double[] x, double[] y) {
    long[] c = counts(x, y);
    return c[3] < 2 ? Double.NaN : (double) (c[0] - c[1]) / c[2];
  }

  /** τ_b, corrected for ties; NaN with fewer than 2 complete points or when either sample is constant. */
  public static double tauB(double[] x, double[] y) {
    long[] c = counts(x, y);
    if (c[3] < 2) return Double.NaN;
    double den = Math.sqrt((double) (c[2] - c[4]) * (c[2] - c[5]));
    return den == 0 ? Double.NaN : (c[0] - c[1]) / den;
  }

  /** {C, D, P, n, T_x, T_y} over the complete points. */
  private static long[] counts(double[] x, double[] y) {
    if (x.length != y.length) throw new IllegalArgumentException("Kendall's τ: samples of different lengths, " + x.length + " and " + y.length);
    long concordant = 0;
    long discordant = 0;
    long pairs = 0;
    long n = 0;
    long tiesX = 0;
    long tiesY = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) continue;
      n++;
      for (int j = i + 1; j < x.length; j++) {
        if (Double.isNaN(x[j]) || Double.isNaN(y[j])) continue;
        pairs++;
        int s = Double.compare(x[i], x[j]) == 0 ? 0 : x[i] < x[j] ? -1 : 1;
        int t = Double.compare(y[i], y[j]) == 0 ? 0 : y[i] < y[j] ? -1 : 1;
        if (s == 0) tiesX++;
        if (t == 0) tiesY++;
        if (s * t > 0) concordant++;
        else if (s * t < 0) discordant++;
      }
    }
    return new long[] {concordant, discordant, pairs, n, tiesX, tiesY};
  }
}
