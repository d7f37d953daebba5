package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.Concurrently;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.PathNormPass;
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
    return compute(net, init, train, marginData, null, o, pool);
  }

  /**
   * As {@link #compute(Network, Network, Dataset, MeasureOptions, ForkJoinPool)}, with the margin percentile γ taken
   * over {@code margins}, the margins γ(x, y) of the network as it is on some samples (e.g. those a training run's last
   * evaluation of the training set found, {@code Trainer#trainingMargins}), instead of a forward pass; everything
   * else, the bounds' m included, is of {@code train}. The report is the one the samples' own set would give.
   *
   * @throws IllegalArgumentException if {@code margins} is empty
   */
  public static MeasureReport compute(Network net, Network init, Dataset train, double[] margins, MeasureOptions o,
      ForkJoinPool pool) {
    if (margins.length == 0) throw new IllegalArgumentException("margins of no sample");
    return compute(net, init, train, null, margins, o, pool);
  }

  /** The measures with γ over {@code margins} where given, else over the margins of {@code marginData}. */
  private static MeasureReport compute(Network net, Network init, Dataset train, Dataset marginData, double[] margins,
      MeasureOptions o, ForkJoinPool pool) {
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
    if (marginData != null && marginData.dimension() != a.inputs()) {
      throw new IllegalArgumentException("the margin data " + marginData.name() + " has " + marginData.dimension()
          + " features but the network takes " + a.inputs() + " inputs");
    }
    if (train.classes() > a.outputs()) {
      throw new IllegalArgumentException("the data " + train.name() + " has " + train.classes()
          + " classes but the network has " + a.outputs() + " outputs");
    }
    Kernels k = KernelSelection.kernels();
    float[] w = net.parameters();
    float[] w0 = init == null ? null : init.parameters();
    List<LayerMeasures> layers = new ArrayList<>();
    for (int l = 0; l < a.depth(); l++) layers.add(LayerMeasures.compute(a, l, w, w0, o, k, pool));
    Network plain = net;
    return report(a.toString(), net, layers, a.widths(), a.parameters(), (p, bias) -> PathNorms.lp(plain, p, bias),
        (p, q) -> NetworkGroupNorms.of(plain, p, q), net, train, marginData, margins, o, pool, w0 != null);
  }

  /** {@link #compute(Model, Model, Dataset, Dataset, MeasureOptions, ForkJoinPool)} with the margins on {@code train}. */
  public static MeasureReport compute(Model model, Model init, Dataset train, MeasureOptions o, ForkJoinPool pool) {
    return compute(model, init, train, train, o, pool);
  }

  /**
   * The measures of any model of convolution, dense, pooling, flatten and batch-norm layers, with the
   * reference code's conventions (docs/algorithms.md §2.8): every batch norm folded into the layer before
   * it (evaluation-mode running statistics), each kernel [out, in, kh, kw] measured as the matrix
   * [out × in·kh·kw] (norms, spectral norm, SVD), d = the number of convolution and dense layers, the
   * parameter count their weights and biases, widths h_i their output channels, the path norms by the
   * path-norm pass of the folded model (a max-pool passes the largest path sum: not a path norm,
   * docs/algorithms.md §2.8). Margins, sharpness and PAC-Bayes run the folded model forward. A
   * {@link Network} is measured as by {@link #compute(Network, Network, Dataset, Dataset, MeasureOptions, ForkJoinPool)}.
   *
   * @param init the same model at initialisation (same tensors), or null
   * @throws IllegalArgumentException if the model has another kind of layer, a batch norm that does not
   *                                  follow a convolution or dense layer, conditions C1–C3 are requested
   *                                  (defined for feedforward networks only), or the data do not fit
   */
  public static MeasureReport compute(Model model, Model init, Dataset train, Dataset marginData, MeasureOptions o, ForkJoinPool pool) {
    if (model instanceof Network net && (init == null || init instanceof Network)) {
      return compute(net, (Network) init, train, marginData, o, pool);
    }
    if (o.conditions() != null) {
      throw new IllegalArgumentException("conditions C1–C3: defined for feedforward networks (--arch widths), not " + model.describe());
    }
    WeightLayers v = WeightLayers.of(model);
    WeightLayers v0 = init == null ? null : WeightLayers.of(init);
    if (v0 != null && !v0.model().describe().equals(v.model().describe())) {
      throw new IllegalArgumentException("--init: model " + init.describe() + " differs from the model's " + model.describe());
    }
    for (Dataset data : List.of(train, marginData)) {
      if (data.dimension() != model.inputSize()) {
        throw new IllegalArgumentException("the data " + data.name() + " has " + data.dimension() + " features but the model takes "
            + model.inputSize() + " inputs");
      }
    }
    if (train.classes() > model.outputSize()) {
      throw new IllegalArgumentException("the data " + train.name() + " has " + train.classes() + " classes but the model has "
          + model.outputSize() + " outputs");
    }
    Kernels k = KernelSelection.kernels();
    float[] w = v.model().parameters();
    float[] w0 = v0 == null ? null : v0.model().parameters();
    List<LayerMeasures> layers = new ArrayList<>();
    for (int l = 0; l < v.depth(); l++) layers.add(LayerMeasures.compute(l, v.rows()[l], v.cols()[l], v.weights()[l], w, w0, o, k, pool));
    PathNormPass pass = new PathNormPass(v.model());
    return report(model.describe(), v.model(), layers, v.widths(), v.parameters(),
        (p, bias) -> Math.pow(pass.lpPower(v.model(), p, bias), 1 / p), v::groupNorm, null, train, marginData, null, o, pool,
        w0 != null);
  }

  /** φ_p with or without bias paths. */
  private interface PathNorm {
    double of(double p, boolean biasPaths);
  }

  /** The report from the per-layer norms and the model's forward pass (margins, sharpness, PAC-Bayes). */
  private static MeasureReport report(String description, Model net, List<LayerMeasures> layers, int[] widths, long parameters,
      PathNorm pathNorm, java.util.function.DoubleBinaryOperator groupNorm, Network feedforward, Dataset train, Dataset marginData,
      double[] givenMargins, MeasureOptions o, ForkJoinPool pool, boolean hasInit) {
    Kernels k = KernelSelection.kernels();
    Gemm gemm = new Gemm(k, pool);
    // the bounds' pass over the training set needs only the data: computed ahead during training
    // (DataStatsPrefetch), else, given threads (a pool), on a second thread beside the margins' forward
    // pass; the same values either way
    java.util.function.Supplier<Bounds.DataStats> statsPass = () -> DataStatsPrefetch.of(train);
    Concurrently.Pair<double[], Bounds.DataStats> marginsAndStats = givenMargins != null
        ? new Concurrently.Pair<>(givenMargins, statsPass.get())
        : pool == null ? new Concurrently.Pair<>(Margins.of(net, marginData, k, gemm), statsPass.get())
        : Concurrently.both(() -> Margins.of(net, marginData, k, gemm), statsPass);
    double[] margins = marginsAndStats.first();
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
    for (double p : o.pathNormPs()) pathNorms.add(new PathNormValue(p, pathNorm.of(p, true), pathNorm.of(p, false)));
    PathNormValues paths = new PathNormValues(pathNorms);
    List<GroupNormValue> networkRequested = new ArrayList<>();
    for (double[] pq : o.groupNorms()) networkRequested.add(new GroupNormValue(pq[0], pq[1], groupNorm.applyAsDouble(pq[0], pq[1])));
    NetworkGroupNormValues network = new NetworkGroupNormValues(groupNorm.applyAsDouble(2, 2),
        groupNorm.applyAsDouble(1, Double.POSITIVE_INFINITY), groupNorm.applyAsDouble(2, Double.POSITIVE_INFINITY),
        groupNorm.applyAsDouble(3, 1.5), networkRequested);
    Optional<DistanceFromInit> dist = !hasInit ? Optional.empty() : Optional.of(new DistanceFromInit(
        Math.sqrt(layers.stream().mapToDouble(l -> l.distFrobenius() * l.distFrobenius()).sum()),
        product(layers, LayerMeasures::distSpectral)));

    NormalizedMeasures norm = NormalizedMeasures.of(products, paths, v -> v / gamma);
    NormalizedMeasures normSq = NormalizedMeasures.of(products, paths, v -> v * v / (gamma * gamma));

    int d = layers.size();
    double fro = products.frobenius(), spec = products.spectral();
    double widthProduct = 1;
    for (int i = 1; i <= d; i++) widthProduct *= widths[i];
    double phi1 = pathNorm.of(1, false), phi2 = pathNorm.of(2, false);
    Capacities cap = new Capacities(Math.pow(4, d) * fro * fro / (gamma * gamma),
        Math.pow(2, d) * Math.pow(2, d) * phi1 * phi1 / (gamma * gamma),
        Math.pow(4, d) * widthProduct * phi2 * phi2 / (gamma * gamma),
        widthProduct * spec * spec / (gamma * gamma));

    BoundValues bounds = Bounds.compute(layers, gamma, train.size(), widths, parameters,
        Margins.marginLoss(margins, gamma), marginsAndStats.second(), o.delta(), hasInit);

    Optional<Sharpness.Result> sharp = o.sharpness() == null ? Optional.empty()
        : Optional.of(Sharpness.compute(net, train, o.sharpness(), o.seed(), k, gemm));
    Optional<PacBayes.Result> pb = o.pacBayes() == null ? Optional.empty()
        : Optional.of(PacBayes.compute(net, train, o.pacBayes(), o.seed(), k, gemm));
    Optional<PerturbationConditions.Result> cond = o.conditions() == null ? Optional.empty()
        : Optional.of(PerturbationConditions.compute(feedforward, train, o.conditions(), o.seed()));
    return new MeasureReport(description, d, parameters, train.name(), train.size(), o.marginPercentile(), gamma,
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
