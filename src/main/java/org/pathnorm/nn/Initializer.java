package org.pathnorm.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/** Weight initialisations (docs/algorithms.md §3.1, §3.3), each deterministic in its seed. */
public enum Initializer {
  /** W ~ N(0, 1/fan_in), b = 0 (the thesis default). */
  GAUSSIAN,
  /** PyTorch's {@code nn.Linear} default: W and b ~ U(±1/√fan_in). */
  PYTORCH,
  /**
   * {@link #GAUSSIAN}, then for every hidden layer with h units, h/4 picks of a unit j with
   * replacement, each rescaled by s = 10·exp(N(0,1)) (incoming weights and bias × s, outgoing ÷ s):
   * the same function as the balanced net, in an unbalanced parametrisation (docs/algorithms.md §3.3, E3/E4).
   */
  UNBALANCED;

  /** Parses {@code gaussian|pytorch|unbalanced}. */
  public static Initializer parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--init: expected gaussian, pytorch or unbalanced, got '" + s + "'");
    }
  }

  /** Overwrites every parameter of {@code net}. */
  public void initialize(Network net, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Architecture a = net.architecture();
    float[] p = net.parameters();
    for (int layer = 0; layer < a.depth(); layer++) {
      int fanIn = a.in(layer);
      int w = a.weightOffset(layer);
      int b = a.biasOffset(layer);
      int weights = fanIn * a.out(layer);
      if (this == PYTORCH) {
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < weights; i++) p[w + i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        for (int j = 0; j < a.out(layer); j++) p[b + j] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
      } else {
        double std = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < weights; i++) p[w + i] = (float) (rnd.nextGaussian() * std);
        for (int j = 0; j < a.out(layer); j++) p[b + j] = 0f;
      }
    }
    if (this == UNBALANCED) {
      for (int hidden = 1; hidden < a.depth(); hidden++) {
        int h = a.width(hidden);
        for (int pick = 0; pick < h / 4; pick++) {
          int unit = rnd.nextInt(h);
          net.rescaleHiddenUnit(hidden, unit, 10 * Math.exp(rnd.nextGaussian()));
        }
      }
    }
  }
}
