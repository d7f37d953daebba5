package org.pathnorm.data;

import java.util.SplittableRandom;

/**
 * The addition problem (Hochreiter &amp; Schmidhuber; the protocol of Le et al., arXiv 1504.00941;
 * docs/algorithms.md E7): sequences of T steps with two channels per step, a value x⁰_t ~ U[0, 1] and
 * a marker x¹_t that is 1 at exactly two steps, one uniformly in each half ({@code [0, ⌊T/2⌋)} and
 * {@code [⌊T/2⌋, T)}), 0 elsewhere. The regression target is the sum of the two marked values;
 * always predicting 1 has mean squared error 1/6 ≈ 0.167.
 */
public final class AdditionProblem {
  /** Inputs per step: the value and the marker. */
  public static final int INPUTS_PER_STEP = 2;

  private AdditionProblem() {}

  /**
   * @param features [n × T × 2] row-major: per sample, per step, (value, marker)
   * @param targets  [n] the sums of the marked values
   * @param steps    T
   */
  public record Sequences(float[] features, float[] targets, int steps) {
    public int size() {
      return targets.length;
    }
  }

  /**
   * n sequences of length T from {@code seed} (the same seed gives the same sequences).
   *
   * @throws IllegalArgumentException unless n ≥ 1 and T ≥ 2
   */
  public static Sequences generate(int n, int steps, long seed) {
    if (n < 1) throw new IllegalArgumentException("addition problem: --samples must be >= 1, got " + n);
    if (steps < 2) throw new IllegalArgumentException("addition problem: --steps must be >= 2 (one marker per half), got " + steps);
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[Math.multiplyExact(Math.multiplyExact(n, steps), 2)];
    float[] y = new float[n];
    int half = steps / 2;
    for (int s = 0; s < n; s++) {
      int row = s * steps * 2;
      for (int t = 0; t < steps; t++) x[row + 2 * t] = (float) rnd.nextDouble();
      int first = rnd.nextInt(half);
      int second = half + rnd.nextInt(steps - half);
      x[row + 2 * first + 1] = 1f;
      x[row + 2 * second + 1] = 1f;
      y[s] = x[row + 2 * first] + x[row + 2 * second];
    }
    return new Sequences(x, y, steps);
  }
}
