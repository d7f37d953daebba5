package org.pathnorm.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded subsets of a dataset (thesis Figure 2: 2,000 training points; docs/algorithms.md §4 E2, E9). */
public final class Subsets {
  private Subsets() {}

  /**
   * The samples {@link #random} picks without balancing, in its order: the first m of a seeded random permutation of
   * 0 … n−1 ({@link Dataset#permutation}).
   */
  public static int[] randomIndices(int n, int m, long seed) {
    if (m < 1 || m > n) throw new IllegalArgumentException("a subset of " + m + " of " + n + " samples: expected 1.." + n);
    return Arrays.copyOf(Dataset.permutation(n, new SplittableRandom(seed)), m);
  }

  /**
   * {@code m} samples drawn without replacement in a seeded random order. Class-balanced: ⌊m/C⌋ of
   * every class, the first m mod C classes one more, each class's samples in the seeded order.
   */
  public static Dataset random(Dataset d, int m, long seed, boolean balanced) {
    if (m < 1 || m > d.size()) {
      throw new IllegalArgumentException("--subset " + m + ": expected 1.." + d.size() + " (the size of " + d.name() + ")");
    }
    int[] pick;
    if (!balanced) {
      pick = randomIndices(d.size(), m, seed);
    } else {
      int[] order = Dataset.permutation(d.size(), new SplittableRandom(seed));
      pick = new int[m];
      int c = d.classes();
      int[] want = new int[c];
      for (int k = 0; k < c; k++) want[k] = m / c + (k < m % c ? 1 : 0);
      int[] have = new int[c];
      int n = 0;
      for (int i = 0; i < order.length && n < m; i++) {
        int y = d.labels()[order[i]];
        if (have[y] < want[y]) {
          have[y]++;
          pick[n++] = order[i];
        }
      }
      if (n < m) {
        for (int k = 0; k < c; k++) {
          if (have[k] < want[k]) {
            throw new IllegalArgumentException("--subset " + m + " --balanced needs " + want[k] + " samples of class " + k
                + ", but " + d.name() + " has " + have[k]);
          }
        }
      }
    }
    return d.select(d.name(), pick);
  }
}
