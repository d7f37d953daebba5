package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.GramProduct;
import org.pathnorm.linalg.SpectralNorm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;

/**
 * The conditions C1–C3 of the thesis' perturbation theorem as diagnostics (docs/algorithms.md §2.7, thesis Figures
 * 3–5), with the working definitions of docs/algorithms.md §2.7 (the theorem's exact inequalities are open, docs/algorithms.md §7
 * item 2). Weight layers are numbered 0 … d−1 here; D_i(x) is the 0/1 mask of the active units of
 * hidden layer i (the output of weight layer i) and J_{a→b}(x) = W_b D_{b−1} W_{b−1} ⋯ D_a W_a.
 * <ul>
 *   <li><b>C1</b>: for every a ≤ c &lt; b and every sample x, ‖J_{c+1→b}(x)‖₂·‖J_{a→c}(x)‖₂ / ‖J_{a→b}(x)‖₂
 *       (≥ 1); distributions over all triples, the interior ones (a &lt; c &lt; b−1) and the boundary ones
 *       (c = a or c = b−1), as Figure 4; 1/μ is the maximum. Spectral norms by Lanczos on J ᵀJ applied
 *       layer by layer (J is never formed).</li>
 *   <li><b>C2</b>: for each ε, every weight matrix gets i.i.d. N(0, (ε‖W_i‖_F)²/n_i) noise (n_i its entry
 *       count; biases unperturbed); per hidden layer, the fraction of units whose state 1[z &gt; 0] flips,
 *       as its mean and max over the samples.</li>
 *   <li><b>C3</b>: per hidden layer, ‖W_i[j,:]‖₂ over the mean of ‖W_i[k,:]‖₂ over the layer's units.</li>
 * </ul>
 */
public final class PerturbationConditions {
  private PerturbationConditions() {}

  /**
   * @param samples  training samples used for C1 and C2 (the first ones)
   * @param epsilons the perturbation magnitudes of C2
   */
  public record Options(int samples, List<Double> epsilons) {
    public Options {
      epsilons = List.copyOf(epsilons);
      if (samples < 1) throw new IllegalArgumentException("conditions: samples must be >= 1, got " + samples);
      for (double e : epsilons) if (!(e >= 0)) throw new IllegalArgumentException("conditions: every epsilon must be >= 0, got " + e);
    }

    /** 100 samples; ε ∈ {1e-4, 1e-3, 1e-2, 1e-1, 1}. */
    public static Options defaults() {
      return new Options(100, List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0));
    }
  }

  /** C2 at one ε: per hidden layer, the mean and the max over samples of the flipped fraction. */
  public record Flips(double epsilon, double[] meanFraction, double[] maxFraction) {}

  public record Result(Distribution c1All, Distribution c1Interior, Distribution c1Boundary, List<Flips> c2,
      List<Distribution> c3) {
    /** 1/μ: the largest C1 ratio. */
    public double inverseMu() {
      return c1All.max();
    }
  }

  public static Result compute(Network net, Dataset train, Options o, long seed) {
    Architecture a = net.architecture();
    int d = a.depth();
    int n = Math.min(o.samples(), train.size());
    List<Double> all = new ArrayList<>(), interior = new ArrayList<>(), boundary = new ArrayList<>();
    boolean[][] masks = new boolean[d][];
    double[] x = new double[a.inputs()];
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < x.length; k++) x[k] = train.features()[s * x.length + k];
      forwardMasks(net, net.parameters(), x, masks);
      double[][] norm = new double[d][d];
      for (int lo = 0; lo < d; lo++) {
        for (int hi = lo; hi < d; hi++) norm[lo][hi] = jacobianNorm(net, masks, lo, hi);
      }
      for (int lo = 0; lo < d; lo++) {
        for (int hi = lo + 1; hi < d; hi++) {
          for (int c = lo; c < hi; c++) {
            if (!(norm[lo][hi] > 0)) continue;
            double ratio = norm[c + 1][hi] * norm[lo][c] / norm[lo][hi];
            all.add(ratio);
            (c == lo || c == hi - 1 ? boundary : interior).add(ratio);
          }
        }
      }
    }
    List<Flips> flips = new ArrayList<>();
    for (double eps : o.epsilons()) flips.add(flips(net, train, n, eps, seed));
    List<Distribution> c3 = new ArrayList<>();
    for (int l = 0; l + 1 < d; l++) c3.add(Distribution.of(relativeRowNorms(net.parameters(), a, l)));
    return new Result(Distribution.of(toArray(all)), Distribution.of(toArray(interior)), Distribution.of(toArray(boundary)),
        flips, c3);
  }

  /** Forward pass in double; masks[l] = 1[z_l > 0] for hidden layers l = 0 … d−2. */
  static double[] forwardMasks(Network net, float[] p, double[] x, boolean[][] masks) {
    Architecture a = net.architecture();
    double[] h = x;
    for (int l = 0; l < a.depth(); l++) {
      double[] z = new double[a.out(l)];
      int in = a.in(l), w = a.weightOffset(l);
      for (int j = 0; j < z.length; j++) {
        double s = p[a.biasOffset(l) + j];
        for (int k = 0; k < in; k++) s += p[w + j * in + k] * h[k];
        z[j] = s;
      }
      if (l < a.depth() - 1) {
        masks[l] = new boolean[z.length];
        for (int j = 0; j < z.length; j++) {
          masks[l][j] = z[j] > 0;
          if (!masks[l][j]) z[j] = 0;
        }
      }
      h = z;
    }
    return h;
  }

  /** ‖J_{lo→hi}(x)‖₂ by Lanczos on JᵀJ. */
  static double jacobianNorm(Network net, boolean[][] masks, int lo, int hi) {
    Architecture a = net.architecture();
    float[] p = net.parameters();
    GramProduct g = new GramProduct() {
      @Override public int dimension() {
        return a.in(lo);
      }

      @Override public void apply(double[] v, double[] z) {
        double[] h = v;
        for (int l = lo; l <= hi; l++) {
          int in = a.in(l), w = a.weightOffset(l);
          double[] next = new double[a.out(l)];
          for (int j = 0; j < next.length; j++) {
            if (l < hi && !masks[l][j]) continue;
            double s = 0;
            for (int k = 0; k < in; k++) s += p[w + j * in + k] * h[k];
            next[j] = s;
          }
          h = next;
        }
        for (int l = hi; l >= lo; l--) {
          int in = a.in(l), w = a.weightOffset(l);
          double[] prev = new double[in];
          for (int j = 0; j < a.out(l); j++) {
            double hj = h[j];
            if (hj == 0) continue;
            for (int k = 0; k < in; k++) prev[k] += p[w + j * in + k] * hj;
          }
          if (l > lo) for (int k = 0; k < in; k++) if (!masks[l - 1][k]) prev[k] = 0;
          h = prev;
        }
        System.arraycopy(h, 0, z, 0, z.length);
      }
    };
    return SpectralNorm.lanczos(g, 1e-8, Math.min(300, a.in(lo))).value();
  }

  private static Flips flips(Network net, Dataset train, int n, double eps, long seed) {
    Architecture a = net.architecture();
    int hidden = a.depth() - 1;
    float[] p = net.parameters().clone();
    SplittableRandom rnd = new SplittableRandom(seed ^ Double.doubleToLongBits(eps));
    for (int l = 0; l < a.depth(); l++) {
      int off = a.weightOffset(l), count = a.in(l) * a.out(l);
      double sigma = eps * MatrixNorms.groupNorm(net.parameters(), null, off, a.out(l), a.in(l), 2, 2) / Math.sqrt(count);
      for (int i = 0; i < count; i++) p[off + i] = (float) (p[off + i] + sigma * PacBayes.gaussian(rnd));
    }
    double[] mean = new double[hidden], max = new double[hidden];
    boolean[][] m0 = new boolean[a.depth()][], m1 = new boolean[a.depth()][];
    double[] x = new double[a.inputs()];
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < x.length; k++) x[k] = train.features()[s * x.length + k];
      forwardMasks(net, net.parameters(), x, m0);
      forwardMasks(net, p, x, m1);
      for (int l = 0; l < hidden; l++) {
        int flipped = 0;
        for (int j = 0; j < m0[l].length; j++) if (m0[l][j] != m1[l][j]) flipped++;
        double f = (double) flipped / m0[l].length;
        mean[l] += f / n;
        max[l] = Math.max(max[l], f);
      }
    }
    return new Flips(eps, mean, max);
  }

  /** C3: ‖W_l[j,:]‖₂ / mean_k ‖W_l[k,:]‖₂ for every unit j of hidden layer l. */
  static double[] relativeRowNorms(float[] p, Architecture a, int l) {
    int rows = a.out(l), cols = a.in(l), off = a.weightOffset(l);
    double[] r = new double[rows];
    double mean = 0;
    for (int j = 0; j < rows; j++) {
      r[j] = MatrixNorms.groupNorm(p, null, off + j * cols, 1, cols, 2, 2);
      mean += r[j] / rows;
    }
    for (int j = 0; j < rows; j++) r[j] = mean == 0 ? Double.NaN : r[j] / mean;
    return r;
  }

  private static double[] toArray(List<Double> v) {
    double[] r = new double[v.size()];
    for (int i = 0; i < r.length; i++) r[i] = v.get(i);
    return r;
  }
}
