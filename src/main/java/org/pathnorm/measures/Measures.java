package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return compute(net, init, train, train, o, pool);
  }

  /**
   * As {@link #compute(Network, Network, Dataset, MeasureOptions, ForkJoinPool)}, with the margin
   * percentile γ taken over {@code marginData} (e.g. a random subset of {@code train}, which is
   * cheaper) instead of the whole training set; everything else, the bounds' m included, is of {@code train}.
   */
  public static MeasureReport compute(Network net, Network init, Dataset train, Dataset marginData, MeasureOptions o,
      ForkJoinPool pool) {
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
    if (marginData.dimension() != a.inputs()) {
      throw new IllegalArgumentException("the margin data " + marginData.name() + " has " + marginData.dimension()
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

    double[] margins = Margins.of(net, marginData, k, gemm);
    double gamma = Margins.percentile(margins, o.marginPercentile());

    List<GroupNormValue> groupProducts = new ArrayList<>();
    for (int i = 0; i < o.groupNorms().size(); i++) {
      int idx = i;
      double[] pq = o.groupNorms().get(i);
      groupProducts.add(new GroupNormValue(pq[0], pq[1], product(layers, l -> l.groupNorms().get(idx).value())));
    }
    NormProducts products = new NormProducts(product(layers, LayerMeasures::l1Inf), product(layers, LayerMeasures::frobenius),
        product(layers, LayerMeasures::l31_5), product(layers, LayerMeasures::l21), product(layers, l -> l.spectral().value()),
        NormProducts.unlessNaN(product(layers, LayerMeasures::traceNorm)),
        NormProducts.unlessNaN(product(layers, LayerMeasures::schatten15)), groupProducts);
    List<PathNormValue> pathNorms = new ArrayList<>();
    for (double p : o.pathNormPs()) pathNorms.add(new PathNormValue(p, PathNorms.lp(net, p, true), PathNorms.lp(net, p, false)));
    PathNormValues paths = new PathNormValues(pathNorms);
    List<GroupNormValue> networkRequested = new ArrayList<>();
    for (double[] pq : o.groupNorms()) networkRequested.add(new GroupNormValue(pq[0], pq[1], NetworkGroupNorms.of(net, pq[0], pq[1])));
    NetworkGroupNormValues network = new NetworkGroupNormValues(NetworkGroupNorms.of(net, 2, 2),
        NetworkGroupNorms.of(net, 1, Double.POSITIVE_INFINITY), NetworkGroupNorms.of(net, 2, Double.POSITIVE_INFINITY),
        NetworkGroupNorms.of(net, 3, 1.5), networkRequested);
    Optional<DistanceFromInit> dist = w0 == null ? Optional.empty() : Optional.of(new DistanceFromInit(
        Math.sqrt(layers.stream().mapToDouble(l -> l.distFrobenius() * l.distFrobenius()).sum()),
        product(layers, LayerMeasures::distSpectral)));

    NormalizedMeasures norm = NormalizedMeasures.of(products, paths, v -> v / gamma);
    NormalizedMeasures normSq = NormalizedMeasures.of(products, paths, v -> v * v / (gamma * gamma));

    int d = a.depth();
    double fro = products.frobenius(), spec = products.spectral();
    double widthProduct = 1;
    for (int i = 1; i <= d; i++) widthProduct *= a.width(i);
    double phi1 = PathNorms.lp(net, 1, false), phi2 = PathNorms.lp(net, 2, false);
    Capacities cap = new Capacities(Math.pow(4, d) * fro * fro / (gamma * gamma),
        Math.pow(2, d) * Math.pow(2, d) * phi1 * phi1 / (gamma * gamma),
        Math.pow(4, d) * widthProduct * phi2 * phi2 / (gamma * gamma),
        widthProduct * spec * spec / (gamma * gamma));

    Bounds.DataStats stats = Bounds.dataStats(train.features(), train.size(), train.dimension());
    BoundValues bounds = Bounds.compute(layers, gamma, train.size(), a.widths(), a.parameters(),
        Margins.marginLoss(margins, gamma), stats, o.delta(), w0 != null);

    Optional<Sharpness.Result> sharp = o.sharpness() == null ? Optional.empty()
        : Optional.of(Sharpness.compute(net, train, o.sharpness(), o.seed(), k, gemm));
    Optional<PacBayes.Result> pb = o.pacBayes() == null ? Optional.empty()
        : Optional.of(PacBayes.compute(net, train, o.pacBayes(), o.seed(), k, gemm));
    Optional<PerturbationConditions.Result> cond = o.conditions() == null ? Optional.empty()
        : Optional.of(PerturbationConditions.compute(net, train, o.conditions(), o.seed()));
    return new MeasureReport(a.toString(), d, a.parameters(), train.name(), train.size(), o.marginPercentile(), gamma,
        Distribution.of(margins), Margins.marginLoss(margins, 0), List.copyOf(layers), products, paths, network, dist,
        norm, normSq, bounds, cap, sharp, pb, cond, o);
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
