package org.pathnorm.data;

import java.util.SplittableRandom;

/** Seeded synthetic classification data, for benchmarks and tests. */
public final class Synthetic {
  private Synthetic() {}

  /**
   * n samples of d features from {@code classes} Gaussian clusters: class c has a random centre
   * μ_c ~ N(0, I) and samples μ_c + 0.5·N(0, I); labels are uniform.
   */
  public static Dataset clusters(int n, int d, int classes, long seed) {
    if (n < 1 || d < 1 || classes < 2) {
      throw new IllegalArgumentException("synthetic data needs n >= 1, d >= 1, classes >= 2; got " + n + ", " + d + ", " + classes);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] centres = new float[classes * d];
    for (int i = 0; i < centres.length; i++) centres[i] = (float) rnd.nextGaussian();
    float[] x = new float[Math.multiplyExact(n, d)];
    int[] y = new int[n];
    for (int s = 0; s < n; s++) {
      int c = rnd.nextInt(classes);
      y[s] = c;
      for (int j = 0; j < d; j++) x[s * d + j] = centres[c * d + j] + 0.5f * (float) rnd.nextGaussian();
    }
    return new Dataset("synthetic", x, y, d, classes);
  }
}
