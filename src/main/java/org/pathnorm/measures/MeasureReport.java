package org.pathnorm.measures;

import java.util.List;
import java.util.Map;
import org.pathnorm.io.JsonWriter;

/**
 * Everything {@link Measures#compute} found about one network. The JSON form ({@link #toJson()}) has
 * stable keys, documented in the README ("pathnorm measures"); {@link #measures()},
 * {@link #normalized()}, {@link #normalizedSquared()}, {@link #bounds()} and {@link #capacity()} use
 * the same keys as the JSON.
 *
 * @param margin             γ, the {@code marginPercentile}-th percentile of the training margins
 * @param measures           whole-network measures (products of per-layer norms, path norms, …)
 * @param normalized         measure/γ, the reference code's un-squared convention (docs/algorithms.md §2.4, §2.8)
 * @param normalizedSquared  measure²/γ², the Exploring-Generalization plots' convention (docs/algorithms.md §2.4)
 * @param capacity           the Exploring-Gen capacities with constants (docs/algorithms.md §2.3), bias-free path norms
 * @param sharpness          null unless requested; likewise {@code pacBayes} and {@code conditions}
 */
public record MeasureReport(String architecture, int depth, long parameters, String data, int samples,
    double marginPercentile, double margin, Distribution marginDistribution, double trainError, boolean hasInit,
    List<LayerMeasures> layers, Map<String, Double> measures, Map<String, Double> normalized,
    Map<String, Double> normalizedSquared, Map<String, Double> bounds, Map<String, Double> capacity,
    Sharpness.Result sharpness, PacBayes.Result pacBayes, PerturbationConditions.Result conditions,
    MeasureOptions options) {

  /** One JSON object (keys in a fixed order; non-finite numbers and absent values as null). */
  public String toJson() {
    JsonWriter j = new JsonWriter().beginObject(null)
        .value("architecture", architecture).value("depth", depth).value("parameters", parameters)
        .value("data", data).value("margin_set", "train").value("samples", samples)
        .value("margin_percentile", marginPercentile).value("margin", margin);
    marginDistribution.writeJson(j, "margin_distribution");
    j.value("train_error", trainError).value("init_given", hasInit);
    writeMap(j, null, measures);
    writeMap(j, "normalized", normalized);
    writeMap(j, "normalized_squared", normalizedSquared);
    writeMap(j, "bounds", bounds);
    writeMap(j, "capacity", capacity);
    j.beginArray("layers");
    for (LayerMeasures l : layers) l.writeJson(j, options);
    j.endArray();
    if (sharpness != null) sharpness.writeJson(j);
    if (pacBayes != null) pacBayes.writeJson(j);
    if (conditions != null) conditions.writeJson(j);
    return j.endObject().toString();
  }

  private static void writeMap(JsonWriter j, String key, Map<String, Double> m) {
    if (key != null) j.beginObject(key);
    for (Map.Entry<String, Double> e : m.entrySet()) {
      if (e.getValue() == null) j.value(e.getKey(), (String) null);
      else j.value(e.getKey(), e.getValue().doubleValue());
    }
    if (key != null) j.endObject();
  }
}
