package org.pathnorm.optim;

import org.pathnorm.nn.Architecture;

/**
 * A plain double-precision DDP reference (docs/algorithms.md §3.5) for tests, written from the definitions rather
 * than from {@link DdpKappa}'s algebra: γ_net² by its recursion on the batch statistics, κ from
 * per-sample Jacobians ∂z_v′/∂z_v obtained by backpropagating every node separately, and a DDP-SGD step
 * on the mean cross-entropy with an explicit backward pass. Slow (O(nodes · paths)), for tiny nets.
 */
final class DdpReference {
  final Architecture a;
  final double alpha;
  final boolean covariance;
  final boolean exact;

  DdpReference(Architecture a, DdpOptions o) {
    this.a = a;
    this.alpha = o.alpha();
    this.covariance = o.statistic() == DdpOptions.Statistic.COVARIANCE;
    this.exact = o.downstream() == DdpOptions.Downstream.EXACT;
  }

  double w(double[] p, int layer, int j, int k) {
    return p[a.weightOffset(layer) + j * a.in(layer) + k];
  }

  /** z[L][n][j] for node layers L = 1 … d, and h[L][n][k] for L = 0 … d−1 (h[0] = x). */
  double[][][][] forward(double[] p, double[][] x) {
    int d = a.depth();
    int rows = x.length;
    double[][][] z = new double[d + 1][][];
    double[][][] h = new double[d][][];
    h[0] = x;
    for (int L = 1; L <= d; L++) {
      z[L] = new double[rows][a.width(L)];
      if (L < d) h[L] = new double[rows][a.width(L)];
      for (int n = 0; n < rows; n++) {
        for (int j = 0; j < a.width(L); j++) {
          double s = p[a.biasOffset(L - 1) + j];
          for (int k = 0; k < a.width(L - 1); k++) s += w(p, L - 1, j, k) * h[L - 1][n][k];
          z[L][n][j] = s;
          if (L < d) h[L][n][j] = Math.max(s, 0);
        }
      }
    }
    return new double[][][][] {z, h};
  }

  /** The chosen statistic of values v[0 … rows−1]. */
  double statistic(double[] v) {
    double mean = 0;
    double second = 0;
    for (double x : v) {
      mean += x;
      second += x * x;
    }
    mean /= v.length;
    second /= v.length;
    return covariance ? second - mean * mean : second;
  }

  private static double[] column(double[][] m, int k) {
    double[] c = new double[m.length];
    for (int n = 0; n < m.length; n++) c[n] = m[n][k];
    return c;
  }

  /**
   * γ_net² = Σ_{v ∈ out} γ_v² by the recursion γ_v² = α(Σ_u w²γ_u² + b²) + (1−α)·s(z_v), γ_in² = α + (1−α)s(x).
   * With {@code frozen} (node statistics s(z_v) [L][j] of another parameter vector), every node but
   * (freeLayer, freeNode) uses the frozen statistic.
   */
  double gammaNetSquared(double[] p, double[][] x, double[][] frozen, int freeLayer, int freeNode) {
    double[][][] z = forward(p, x)[0];
    int d = a.depth();
    double[] g = new double[a.inputs()];
    for (int k = 0; k < g.length; k++) g[k] = alpha + (1 - alpha) * statistic(column(x, k));
    for (int L = 1; L <= d; L++) {
      double[] next = new double[a.width(L)];
      for (int j = 0; j < next.length; j++) {
        double b = p[a.biasOffset(L - 1) + j];
        double s = b * b;
        for (int k = 0; k < g.length; k++) s += w(p, L - 1, j, k) * w(p, L - 1, j, k) * g[k];
        boolean free = frozen == null || (L == freeLayer && j == freeNode);
        next[j] = alpha * s + (1 - alpha) * (free ? statistic(column(z[L], j)) : frozen[L][j]);
      }
      g = next;
    }
    double t = 0;
    for (double v : g) t += v;
    return t;
  }

  /** s(z_v) of every node [L][j], L = 1 … d. */
  double[][] nodeStatistics(double[] p, double[][] x) {
    double[][][] z = forward(p, x)[0];
    double[][] s = new double[a.depth() + 1][];
    for (int L = 1; L <= a.depth(); L++) {
      s[L] = new double[a.width(L)];
      for (int j = 0; j < s[L].length; j++) s[L][j] = statistic(column(z[L], j));
    }
    return s;
  }

  /**
   * κ of every parameter: α·β_v·γ_u² + (1−α)·Σ_{v′} β_v′·s_n(∂z_v′/∂w_e), the sum over v′ ⪰ v (exact)
   * or v′ = v (frozen), with ∂z_v′/∂w_e = J_v′v(n)·h_u(n) from explicit per-node backpropagation.
   */
  double[] kappa(double[] p, double[][] x) {
    int d = a.depth();
    int rows = x.length;
    double[][][][] fh = forward(p, x);
    double[][][] z = fh[0];
    double[][][] h = fh[1];
    double[][] gamma = new double[d][];
    gamma[0] = new double[a.inputs()];
    for (int k = 0; k < gamma[0].length; k++) gamma[0][k] = alpha + (1 - alpha) * statistic(column(x, k));
    for (int L = 1; L < d; L++) {
      gamma[L] = new double[a.width(L)];
      for (int j = 0; j < gamma[L].length; j++) {
        double b = p[a.biasOffset(L - 1) + j];
        double s = b * b;
        for (int k = 0; k < a.width(L - 1); k++) s += w(p, L - 1, j, k) * w(p, L - 1, j, k) * gamma[L - 1][k];
        gamma[L][j] = alpha * s + (1 - alpha) * statistic(column(z[L], j));
      }
    }
    double[][] beta = new double[d + 1][];
    beta[d] = new double[a.outputs()];
    java.util.Arrays.fill(beta[d], 1);
    for (int L = d - 1; L >= 1; L--) {
      beta[L] = new double[a.width(L)];
      for (int k = 0; k < beta[L].length; k++) {
        for (int j = 0; j < a.width(L + 1); j++) beta[L][k] += alpha * w(p, L, j, k) * w(p, L, j, k) * beta[L + 1][j];
      }
    }
    double[] kappa = new double[a.parameters()];
    for (int L = 0; L < d; L++) {
      for (int j = 0; j < a.out(L); j++) {
        for (int k = 0; k <= a.in(L); k++) {
          boolean bias = k == a.in(L);
          int idx = bias ? a.biasOffset(L) + j : a.weightOffset(L) + j * a.in(L) + k;
          double data = 0;
          for (int T = L + 1; T <= d; T++) {
            for (int t = 0; t < a.width(T); t++) {
              if (!exact && !(T == L + 1 && t == j)) continue;
              double[] values = new double[rows];
              for (int n = 0; n < rows; n++) {
                double jac = jacobian(p, z, n, T, t, L + 1)[j];
                values[n] = jac * (bias ? 1 : h[L][n][k]);
              }
              data += beta[T][t] * statistic(values);
            }
          }
          double path = bias ? 1 : gamma[L][k];
          kappa[idx] = alpha * beta[L + 1][j] * path + (1 - alpha) * data;
        }
      }
    }
    return kappa;
  }

  /** ∂z_T[t]/∂z_L[·] on sample n (T ≥ L), by backpropagation through the ReLU masks. */
  double[] jacobian(double[] p, double[][][] z, int n, int T, int t, int L) {
    double[] g = new double[a.width(T)];
    g[t] = 1;
    for (int M = T; M > L; M--) {
      double[] below = new double[a.width(M - 1)];
      for (int k = 0; k < below.length; k++) {
        if (z[M - 1][n][k] <= 0) continue;
        for (int j = 0; j < g.length; j++) below[k] += g[j] * w(p, M - 1, j, k);
      }
      g = below;
    }
    return g;
  }

  /** ∇ of the mean softmax cross-entropy over the batch, laid out like the parameters. */
  double[] gradient(double[] p, double[][] x, int[] y) {
    int d = a.depth();
    double[][][][] fh = forward(p, x);
    double[][][] z = fh[0];
    double[][][] h = fh[1];
    double[] grad = new double[a.parameters()];
    for (int n = 0; n < x.length; n++) {
      double[] out = z[d][n];
      double max = Double.NEGATIVE_INFINITY;
      for (double v : out) max = Math.max(max, v);
      double total = 0;
      for (double v : out) total += Math.exp(v - max);
      double[] delta = new double[out.length];
      for (int j = 0; j < out.length; j++) delta[j] = (Math.exp(out[j] - max) / total - (j == y[n] ? 1 : 0)) / x.length;
      for (int L = d; L >= 1; L--) {
        for (int j = 0; j < delta.length; j++) {
          grad[a.biasOffset(L - 1) + j] += delta[j];
          for (int k = 0; k < a.width(L - 1); k++) grad[a.weightOffset(L - 1) + j * a.width(L - 1) + k] += delta[j] * h[L - 1][n][k];
        }
        if (L == 1) break;
        double[] below = new double[a.width(L - 1)];
        for (int k = 0; k < below.length; k++) {
          if (z[L - 1][n][k] <= 0) continue;
          for (int j = 0; j < delta.length; j++) below[k] += delta[j] * w(p, L - 1, j, k);
        }
        delta = below;
      }
    }
    return grad;
  }

  /** One DDP-SGD step with heavy-ball momentum μ (velocity updated in place): v ← μv − η·g⊘κ, w ← w + v. */
  void step(double[] p, double[] velocity, double[][] x, int[] y, double lr, double momentum) {
    double[] g = gradient(p, x, y);
    double[] k = kappa(p, x);
    for (int i = 0; i < p.length; i++) {
      double normalised = k[i] > 0 ? g[i] / k[i] : 0;
      velocity[i] = momentum * velocity[i] - lr * normalised;
      p[i] += velocity[i];
    }
  }
}
