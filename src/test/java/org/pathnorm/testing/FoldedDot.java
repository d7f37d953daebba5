package org.pathnorm.testing;

import java.util.SplittableRandom;

/**
 * The plain loop that a product with few columns must match bit for bit (docs/architecture.md, "Products with few
 * columns"): 16 chains of fused multiply-adds by κ mod 16, each in increasing κ, folded 8, 4, 2 and 1 lanes on.
 */
public final class FoldedDot {
  private FoldedDot() {}

  /** Σ_κ a[aRow + κ]·b[bRow + κ] over κ &lt; k, in that order. */
  public static float dot(int k, float[] a, int aRow, float[] b, int bRow) {
    float[] s = new float[16];
    for (int kk = 0; kk < k; kk++) s[kk & 15] = Math.fma(a[aRow + kk], b[bRow + kk], s[kk & 15]);
    for (int h = 8; h >= 1; h >>= 1) {
      for (int l = 0; l < h; l++) s[l] = s[l] + s[l + h];
    }
    return s[0];
  }

  /** n values uniform in [−1, 1). */
  public static float[] uniform(int n, SplittableRandom r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    return x;
  }
}
