package org.pathnorm.measures;

import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;

/**
 * ℓp path norms (docs/algorithms.md §2.2): φ_p(w) = (Σ_paths Π_{e∈path} |w_e|^p)^{1/p}, over all paths from an input
 * or a bias node to an output, by the forward trick: every parameter replaced by |θ|^p, one forward
 * pass on an all-ones input (every pre-activation is then ≥ 0, so the ReLUs pass everything), the
 * outputs summed. O(#parameters), accumulated in double.
 */
public final class PathNorms {
  private PathNorms() {}

  /** φ_p with bias paths included (the reference code's convention). Requires p ≥ 1. */
  public static double lp(Network net, double p) {
    return lp(net, p, true);
  }

  /** φ_p with or without the paths that start at a bias node. Requires p ≥ 1. */
  public static double lp(Network net, double p, boolean includeBiases) {
    return Math.pow(lpPower(net, p, includeBiases), 1 / p);
  }

  /**
   * φ_p^p, with or without the paths that start at a bias node.
   *
   * @throws IllegalArgumentException if p &lt; 1
   */
  public static double lpPower(Network net, double p, boolean includeBiases) {
    if (!(p >= 1) || Double.isInfinite(p)) throw new IllegalArgumentException("path norm: p must be finite and >= 1, got " + p);
    Architecture a = net.architecture();
    float[] w = net.parameters();
    double[] g = new double[a.inputs()];
    java.util.Arrays.fill(g, 1.0);
    for (int l = 0; l < a.depth(); l++) {
      int in = a.in(l);
      double[] next = new double[a.out(l)];
      for (int j = 0; j < next.length; j++) {
        int row = a.weightOffset(l) + j * in;
        double s = includeBiases ? pow(w[a.biasOffset(l) + j], p) : 0;
        for (int k = 0; k < in; k++) s += pow(w[row + k], p) * g[k];
        next[j] = s;
      }
      g = next;
    }
    double total = 0;
    for (double v : g) total += v;
    return total;
  }

  private static double pow(float x, double p) {
    double a = Math.abs((double) x);
    return p == 2 ? a * a : p == 1 ? a : Math.pow(a, p);
  }
}
