package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * The library entry point of the measures (docs/algorithms.md §2): {@code Measures.compute(net, init, train, options)}
 * returns a {@link MeasureReport}. Margins, sharpness, PAC-Bayes and C1–C3 are computed on the given
 * dataset, which should be the training set (the reference code's convention).
 */
public final class Measures {
  private Measures() {}

  /** On the calling thread. */
  public static MeasureReport compute(Network net, Network init, Dataset train, MeasureOptions o) {
    return compute(net, init, train, o, null);
  }

  /**
   * @param init  the weights at initialisation (same architecture), or null: the distance-from-init
   *              measures and the bounds that use them are then absent
   * @param pool  threads for the spectral norms and forward passes, or null
   */
  public static MeasureReport compute(Network net, Network init, Dataset train, MeasureOptions o, ForkJoinPool pool) {
    Architecture a = net.architecture();
    // a DDP-normalised network is measured as the plain network it computes at evaluation (folded)
    if (net.normalization() != null) net = net.normalization().folded(KernelSelection.kernels(), net);
    if (init != null && init.normalization() != null) init = init.normalization().folded(KernelSelection.kernels(), init);
    if (init != null && !init.architecture().equals(a)) {
      throw new IllegalArgumentException("--init: architecture " + init.architecture() + " differs from the model's " + a);
    }
    if (train.dimension() != a.inputs()) {
      throw new IllegalArgumentException("the data " + train.name() + " has " + train.dimension()
          + " features but the network takes " + a.inputs() + " inputs");
    }
    if (train.classes() > a.outputs()) {
      throw new IllegalArgumentException("the data " + train.name() + " has " + train.classes()
          + " classes but the network has " + a.outputs() + " outputs");
    }
    Kernels k = KernelSelection.kernels();
    Gemm gemm = new Gemm(k, pool);
    float[] w = net.parameters();
    float[] w0 = init == null ? null : init.parameters();
    List<LayerMeasures> layers = new ArrayList<>();
    for (int l = 0; l < a.depth(); l++) layers.add(LayerMeasures.compute(a, l, w, w0, o, k, pool));

    double[] margins = Margins.of(net, train, k, gemm);
    double gamma = Margins.percentile(margins, o.marginPercentile());

    Map<String, Double> m = new LinkedHashMap<>();
    m.put("l1_inf_product", product(layers, LayerMeasures::l1Inf));
    m.put("frobenius_product", product(layers, LayerMeasures::frobenius));
    m.put("l3_1.5_product", product(layers, LayerMeasures::l31_5));
    m.put("l2_1_product", product(layers, LayerMeasures::l21));
    m.put("spectral_norm_product", product(layers, l -> l.spectral().value()));
    m.put("trace_norm_product", product(layers, LayerMeasures::traceNorm));
    m.put("schatten_1.5_product", product(layers, LayerMeasures::schatten15));
    for (int i = 0; i < o.groupNorms().size(); i++) {
      int idx = i;
      m.put(MeasureOptions.groupNormKey(o.groupNorms().get(i)) + "_product", product(layers, l -> l.groupNorms()[idx]));
    }
    for (double p : o.pathNormPs()) {
      m.put("l" + MeasureOptions.exponent(p) + "_path_norm", PathNorms.lp(net, p, true));
      m.put("l" + MeasureOptions.exponent(p) + "_path_norm_no_bias", PathNorms.lp(net, p, false));
    }
    m.put("network_mu_2_2", NetworkGroupNorms.of(net, 2, 2));
    m.put("network_mu_1_inf", NetworkGroupNorms.of(net, 1, Double.POSITIVE_INFINITY));
    m.put("network_mu_2_inf", NetworkGroupNorms.of(net, 2, Double.POSITIVE_INFINITY));
    m.put("network_mu_3_1.5", NetworkGroupNorms.of(net, 3, 1.5));
    for (double[] pq : o.groupNorms()) m.put("network_" + MeasureOptions.groupNormKey(pq), NetworkGroupNorms.of(net, pq[0], pq[1]));
    m.put("dist_frobenius", w0 == null ? null : Math.sqrt(layers.stream().mapToDouble(l -> l.distFrobenius() * l.distFrobenius()).sum()));
    m.put("dist_spectral_product", w0 == null ? null : product(layers, LayerMeasures::distSpectral));

    Map<String, Double> norm = new LinkedHashMap<>(), normSq = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : m.entrySet()) {
      if (e.getValue() == null || e.getKey().startsWith("network_")
          || e.getKey().startsWith("dist_")) continue;
      norm.put(e.getKey(), e.getValue() / gamma);
      normSq.put(e.getKey(), e.getValue() * e.getValue() / (gamma * gamma));
    }

    int d = a.depth();
    Map<String, Double> cap = new LinkedHashMap<>();
    double fro = m.get("frobenius_product"), spec = m.get("spectral_norm_product");
    double widthProduct = 1;
    for (int i = 1; i <= d; i++) widthProduct *= a.width(i);
    double phi1 = PathNorms.lp(net, 1, false), phi2 = PathNorms.lp(net, 2, false);
    cap.put("l2", Math.pow(4, d) * fro * fro / (gamma * gamma));
    cap.put("l1_path", Math.pow(2, d) * Math.pow(2, d) * phi1 * phi1 / (gamma * gamma));
    cap.put("l2_path", Math.pow(4, d) * widthProduct * phi2 * phi2 / (gamma * gamma));
    cap.put("spectral", widthProduct * spec * spec / (gamma * gamma));

    Bounds.DataStats stats = Bounds.dataStats(train.features(), train.size(), train.dimension());
    Map<String, Double> bounds = Bounds.compute(layers, gamma, train.size(), a.widths(), a.parameters(),
        Margins.marginLoss(margins, gamma), stats, o.delta(), w0 != null);

    Sharpness.Result sharp = o.sharpness() == null ? null : Sharpness.compute(net, train, o.sharpness(), o.seed(), k, gemm);
    PacBayes.Result pb = o.pacBayes() == null ? null : PacBayes.compute(net, train, o.pacBayes(), o.seed(), k, gemm);
    PerturbationConditions.Result cond = o.conditions() == null ? null
        : PerturbationConditions.compute(net, train, o.conditions(), o.seed());
    return new MeasureReport(a.toString(), d, a.parameters(), train.name(), train.size(), o.marginPercentile(), gamma,
        Distribution.of(margins), Margins.marginLoss(margins, 0), w0 != null, List.copyOf(layers), m, norm, normSq, bounds,
        cap, sharp, pb, cond, o);
  }

  /** Π_i f(layer i), in log space (exp Σ log f, the reference code's 'product'; 0 if any factor is 0). */
  static double product(List<LayerMeasures> layers, java.util.function.ToDoubleFunction<LayerMeasures> f) {
    double logSum = 0;
    for (LayerMeasures l : layers) {
      double v = f.applyAsDouble(l);
      if (v == 0) return 0;
      logSum += Math.log(v);
    }
    return Math.exp(logSum);
  }
}
