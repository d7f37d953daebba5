package org.pathnorm.nn;

/**
 * Inverted dropout on hidden units: each unit of each sample is kept with probability 1 − p and then
 * scaled by 1/(1 − p), so evaluation needs no rescaling. The mask of (step, sample, layer) comes from
 * its own seeded generator, so it does not depend on how a mini-batch is split over threads.
 */
public final class Dropout {
  private final double drop;
  private final long seed;

  /** @param dropProbability p in [0, 1) */
  public Dropout(double dropProbability, long seed) {
    if (!(dropProbability >= 0 && dropProbability < 1)) {
      throw new IllegalArgumentException("--dropout: the drop probability must be in [0, 1), got " + dropProbability);
    }
    this.drop = dropProbability;
    this.seed = seed;
  }

  public double probability() {
    return drop;
  }

  /**
   * mask[r, u] for the samples {@code firstSample … firstSample + rows − 1} of the mini-batch of step
   * {@code step}, hidden layer {@code layer} of width {@code width}: 0 or 1/(1 − p).
   */
  public void mask(long step, int firstSample, int rows, int layer, int width, float[] mask) {
    float keep = (float) (1 / (1 - drop));
    for (int r = 0; r < rows; r++) {
      long state = mix(mix(mix(seed ^ 0x5DEECE66DL, step), firstSample + r), layer);
      int row = r * width;
      for (int u = 0; u < width; u++) {
        state += 0x9E3779B97F4A7C15L;
        double uniform = (finish(state) >>> 11) * 0x1.0p-53;
        mask[row + u] = uniform < drop ? 0f : keep;
      }
    }
  }

  private static long mix(long h, long v) {
    return finish(h * 31 + v + 0x9E3779B97F4A7C15L);
  }

  /** SplitMix64's finaliser. */
  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
