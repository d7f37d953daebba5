package org.pathnorm.measures;

import java.util.List;
import java.util.OptionalDouble;
import org.pathnorm.data.Dataset;

/**
 * The generalisation bounds of docs/algorithms.md §2.6, §2.8 and §2.9 evaluated on a trained network, from its
 * per-layer norms, its margin γ and the training set, as a {@link BoundValues}. Two forms (the names say which):
 * <ul>
 *   <li>the reference-code form of {@code generalization-bounds/measures.py} (§2.8): constants and
 *       additive log terms dropped, α_G = √(d + ln D) (D = input dimension);</li>
 *   <li>{@code *_with_constants}: the {@code over-parametrization/measures.py} expressions (§2.9,
 *       two-layer networks only, as there) and the ICLR'18 PAC-Bayes theorem by its proof recipe (§2.6).</li>
 * </ul>
 * Biases are ignored in every product, as in the reference code. Bounds that need the initial weights
 * are absent (empty; null in JSON) without them.
 */
public final class Bounds {
  private Bounds() {}

  /** Data statistics the bounds with constants use (§2.9), over the training set. */
  record DataStats(double meanSquaredL2, double maxSquaredL2, double batchMaxLinf) {}

  static DataStats dataStats(float[] x, int n, int dim) {
    StatsSum sum = new StatsSum(n, dim);
    for (int s = 0; s < n; s++) sum.add(x, s * dim, s);
    return sum.result();
  }

  /** {@link #dataStats(float[], int, int)} of a dataset, a set kept as bytes converted a block of rows at a time. */
  static DataStats dataStats(Dataset data) {
    int n = data.size(), dim = data.dimension();
    if (data.unitBytes() == null) return dataStats(data.features(), n, dim);
    StatsSum sum = new StatsSum(n, dim);
    int block = StatsSum.BATCH;
    float[] rows = new float[Math.multiplyExact(block, dim)];
    for (int first = 0; first < n; first += block) {
      int count = Math.min(block, n - first);
      data.copyRows(first, count, rows, 0);
      for (int r = 0; r < count; r++) sum.add(rows, r * dim, first + r);
    }
    return sum.result();
  }

  /** The sums of {@link #dataStats}, sample by sample in order. */
  private static final class StatsSum {
    /** The reference code's loader batch (§2.9 quirk: batch maximum, no |·|, divided by m). */
    static final int BATCH = 64;
    final int n;
    final int dim;
    double mean, max, linf;
    double batchMax = Double.NEGATIVE_INFINITY;

    StatsSum(int n, int dim) {
      this.n = n;
      this.dim = dim;
    }

    /** Adds sample s, whose features are x[off … off + dim − 1]. */
    void add(float[] x, int off, int s) {
      double sq = 0;
      for (int k = 0; k < dim; k++) {
        double v = x[off + k];
        sq += v * v;
        batchMax = Math.max(batchMax, v);
      }
      mean += sq / n;
      max = Math.max(max, sq);
      if ((s + 1) % BATCH == 0 || s == n - 1) {
        linf += batchMax * batchMax;
        batchMax = Double.NEGATIVE_INFINITY;
      }
    }

    DataStats result() {
      return new DataStats(mean, max, linf / n);
    }
  }

  /**
   * @param layers    per-layer norms (with the dist_* fields when the init was given)
   * @param gamma     the margin γ
   * @param m         training samples
   * @param widths    h₀ … h_d
   * @param params    weights and biases
   * @param lossAtGamma L̂_γ on the training set
   */
  static BoundValues compute(List<LayerMeasures> layers, double gamma, int m, int[] widths, long params,
      double lossAtGamma, DataStats data, double delta, boolean hasInit) {
    int d = layers.size();
    double alphaG = Math.sqrt(d + Math.log(widths[0]));
    double l1inf = 1, fro = 1, l315 = 1, spec = 1, sumSpecFro = 0, sumBartlett = 0, sumFroOverSpec = 0;
    for (LayerMeasures l : layers) {
      l1inf *= l.l1Inf();
      fro *= l.frobenius();
      l315 *= l.l31_5();
      double s = l.spectral().value();
      spec *= s;
      sumFroOverSpec += l.frobenius() * l.frobenius() / (s * s);
      if (hasInit) {
        sumSpecFro += l.rows() * l.distFrobenius() * l.distFrobenius() / (s * s);
        sumBartlett += Math.pow(l.distL21() / s, 2.0 / 3);
      }
    }
    double sqrtM = Math.sqrt(m);
    double l1MaxGolowich = alphaG * l1inf / (gamma * sqrtM);
    double frobeniusGolowich = alphaG * fro / (gamma * sqrtM);
    double l315Golowich = alphaG * l315 / (gamma * Math.cbrt(m));
    OptionalDouble specL21Bartlett2017 = hasInit
        ? OptionalDouble.of(Math.log(m) * Math.log(params) * spec * Math.pow(sumBartlett, 1.5) / (gamma * sqrtM)) : OptionalDouble.empty();
    OptionalDouble specFroNeyshabur2018 = hasInit
        ? OptionalDouble.of(d * spec * Math.sqrt(sumSpecFro) / (gamma * sqrtM)) : OptionalDouble.empty();
    double pacBayes =
        neyshabur2018Theorem(spec, sumFroOverSpec, d, widths, gamma, m, lossAtGamma, Math.sqrt(data.maxSquaredL2()), delta);
    TwoLayer t = twoLayer(layers, gamma, m, widths, params, data, delta, hasInit);
    return new BoundValues(l1MaxGolowich, frobeniusGolowich, l315Golowich, specL21Bartlett2017, specFroNeyshabur2018,
        pacBayes, t.vc(), t.l1(), t.fro(), t.bart(), t.specFro());
  }

  /**
   * ICLR'18 Theorem 1 by its proof (§2.6): β = (Π‖W_i‖₂)^{1/d}, σ = γ / (42 d B β^{d−1} √(h ln(4hd))),
   * KL = ‖w̃‖²/(2σ²) with ‖w̃‖² = β² Σ ‖W_i‖_F²/‖W_i‖₂² (the layers rescaled to ‖W_i‖₂ = β), and
   * L̂_γ + 4 √((KL + ln(6m/δ)) / (m − 1)). The union bound over the β̃ grid (an extra ln(dm)-type
   * term) is not added: β̃ = β.
   */
  static double neyshabur2018Theorem(double specProduct, double sumFroOverSpec, int d, int[] widths, double gamma, int m,
      double lossAtGamma, double b, double delta) {
    int h = 0;
    for (int w : widths) h = Math.max(h, w);
    double beta = Math.pow(specProduct, 1.0 / d);
    double sigma = gamma / (42 * d * b * Math.pow(beta, d - 1) * Math.sqrt(h * Math.log(4.0 * h * d)));
    double kl = beta * beta * sumFroOverSpec / (2 * sigma * sigma);
    return lossAtGamma + 4 * Math.sqrt((kl + Math.log(6.0 * m / delta)) / (m - 1));
  }

  /** The §2.9 values, each empty when the network is not two-layer or the value needs W⁰ and has none. */
  private record TwoLayer(OptionalDouble vc, OptionalDouble l1, OptionalDouble fro, OptionalDouble bart,
      OptionalDouble specFro) {}

  /** The §2.9 expressions, for two-layer networks x → U → ReLU → V only (empty otherwise). */
  private static TwoLayer twoLayer(List<LayerMeasures> layers, double gamma, int m, int[] widths,
      long params, DataStats data, double delta, boolean hasInit) {
    boolean two = layers.size() == 2;
    double dIn = widths[0], h = two ? widths[1] : 0, c = widths[widths.length - 1];
    Double vc = null, l1 = null, fro = null, bart = null, specFro = null;
    if (two) {
      LayerMeasures u = layers.get(0), v = layers.get(1);
      double e = Math.E;
      double vcDim = 2 + params * log2(8 * e * (h + 2 * c) * log2(4 * e * (h + 2 * c)))
          * (2 * (dIn + 1) * h + (h + 1) * c) / ((dIn + 1) * h + (h + 1) * c);
      vc = 8 * (c * vcDim * Math.log(e * Math.max(m / vcDim, 1))) + 8 * Math.log(2 / delta);
      l1 = sq(8 * c * u.l1Inf() * v.l1Inf() * 2 * Math.sqrt(Math.log(dIn)) * Math.sqrt(data.batchMaxLinf()) / gamma
          + 3 * Math.sqrt(Math.log(m / delta)));
      fro = sq(8 * Math.sqrt(c) * u.frobenius() * v.frobenius() * Math.sqrt(data.meanSquaredL2()) / gamma
          + 3 * Math.sqrt(Math.log(m / delta)));
      if (hasInit) {
        double s1 = u.spectral().value(), s2 = v.spectral().value();
        double r = 144 * Math.log(m) * Math.log(2.0 * params) * (Math.sqrt(data.meanSquaredL2()) + 1 / Math.sqrt(m))
            * Math.pow(Math.pow(s2 * u.distL21(), 2.0 / 3) + Math.pow(s1 * v.distL21(), 2.0 / 3), 1.5) / gamma;
        bart = sq(r + Math.sqrt(4.5 * Math.log(1 / delta) + Math.log(2 * m / Math.max(gamma, 1e-16))
            + 2 * Math.log(2 + Math.sqrt(m * data.meanSquaredL2()))
            + 2 * Math.log((2 + 2 * u.distFrobenius()) * (2 + 2 * v.distFrobenius()) * (2 + 2 * s1) * (2 + 2 * s2))));
        double rf = 42 * 8 * s1 * Math.sqrt(Math.log(8 * h)) * Math.sqrt(data.maxSquaredL2())
            * Math.sqrt(h * sq(s2 * u.distFrobenius()) + c * sq(s1 * v.distFrobenius())) / (Math.sqrt(2) * gamma);
        specFro = rf * rf + 6 * Math.log(2 * m / delta);
      }
    }
    return new TwoLayer(optional(vc), optional(l1), optional(fro), optional(bart), optional(specFro));
  }

  private static OptionalDouble optional(Double v) {
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sq(double x) {
    return x * x;
  }
}
