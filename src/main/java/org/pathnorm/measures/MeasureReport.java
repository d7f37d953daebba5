package org.pathnorm.measures;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@link Measures#compute} found about one network, one record per family of measures
 * (docs/algorithms.md §2). {@link MeasureJson#toJson(MeasureReport)} writes it as the JSON object of
 * {@code pathnorm measures --json} and {@code measures.json}, whose keys are listed in the README
 * ("pathnorm measures"); {@link MeasureTable#format(MeasureReport)} as a table.
 *
 * @param architecture       the widths, e.g. {@code 784-512-10}, or a conv model's description ({@link org.pathnorm.nn.Model#describe()})
 * @param depth              d, the number of weight layers (convolution and dense layers of a conv net)
 * @param parameters         weights and biases (of the weight layers, batch norm folded away)
 * @param data               the name of the dataset the margins were computed on (its training split)
 * @param samples            m, its number of samples
 * @param marginPercentile   q ({@link MeasureOptions#marginPercentile()})
 * @param margin             γ, the q-th percentile of the training margins f_y(x) − max_{j≠y} f_j(x)
 *                           (numpy's interpolation; docs/algorithms.md §2.4, §2.8)
 * @param marginDistribution the distribution of the training margins
 * @param trainError         L̂_0, the fraction of training margins ≤ 0 (docs/algorithms.md §1.3)
 * @param layers             the per-layer norms, layer 0 first
 * @param products           Π_i ‖W_i‖ for the per-layer norms (docs/algorithms.md §2.1, §2.8)
 * @param pathNorms          φ_p with and without bias paths (docs/algorithms.md §2.2)
 * @param networkGroupNorms  μ_{p,q}(w) over all units, biases as incoming weights (docs/algorithms.md §2.1)
 * @param distanceFromInit   ‖w − w⁰‖ and Π‖W_i − W_i⁰‖₂; empty when no initial weights were given
 * @param normalized         K/γ for every product and path norm K, the reference code's un-squared
 *                           convention (docs/algorithms.md §2.4, §2.8)
 * @param normalizedSquared  K²/γ², the Exploring-Generalization plots' convention (docs/algorithms.md §2.4)
 * @param bounds             the generalisation bounds (docs/algorithms.md §2.6, §2.8, §2.9)
 * @param capacity           the Exploring-Generalization capacities with constants, bias-free path norms
 *                           (docs/algorithms.md §2.3)
 * @param sharpness          Keskar sharpness ζ_α (docs/algorithms.md §2.5), present when
 *                           {@link MeasureOptions#sharpness()} was set
 * @param pacBayes           the PAC-Bayes frontier and σ at target (docs/algorithms.md §2.5), present when
 *                           {@link MeasureOptions#pacBayes()} was set
 * @param conditions         the conditions C1–C3 (docs/algorithms.md §2.7), present when
 *                           {@link MeasureOptions#conditions()} was set
 * @param options            the options the report was computed with
 */
public record MeasureReport(String architecture, int depth, long parameters, String data, int samples,
    double marginPercentile, double margin, Distribution marginDistribution, double trainError,
    List<LayerMeasures> layers, NormProducts products, PathNormValues pathNorms, NetworkGroupNormValues networkGroupNorms,
    Optional<DistanceFromInit> distanceFromInit, NormalizedMeasures normalized, NormalizedMeasures normalizedSquared,
    BoundValues bounds, Capacities capacity, Optional<Sharpness.Result> sharpness, Optional<PacBayes.Result> pacBayes,
    Optional<PerturbationConditions.Result> conditions, MeasureOptions options) {

  public MeasureReport {
    layers = List.copyOf(layers);
  }

  /** Whether the initial weights were given: {@code distanceFromInit().isPresent()}. */
  public boolean hasInit() {
    return distanceFromInit.isPresent();
  }
}
