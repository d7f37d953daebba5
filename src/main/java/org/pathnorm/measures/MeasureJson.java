package org.pathnorm.measures;

import java.util.List;
import org.pathnorm.io.JsonWriter;

/**
 * The JSON form of a {@link MeasureReport}: the object {@code pathnorm measures --json} prints and
 * {@code pathnorm train} writes to {@code measures.json}. Keys in a fixed order, documented in the README
 * ("pathnorm measures"); numbers in shortest round-trip form; absent and non-finite values as null.
 */
public final class MeasureJson {
  private MeasureJson() {}

  /** One JSON object, on one line. */
  public static String toJson(MeasureReport r) {
    JsonWriter j = new JsonWriter().beginObject(null)
        .value("architecture", r.architecture()).value("depth", r.depth()).value("parameters", r.parameters())
        .value("data", r.data()).value("margin_set", "train").value("samples", r.samples())
        .value("margin_percentile", r.marginPercentile()).value("margin", r.margin());
    distribution(j, "margin_distribution", r.marginDistribution());
    j.value("train_error", r.trainError()).value("init_given", r.hasInit());
    entries(j, null, MeasureKeys.measures(r));
    entries(j, "normalized", MeasureKeys.normalized(r.normalized()));
    entries(j, "normalized_squared", MeasureKeys.normalized(r.normalizedSquared()));
    entries(j, "bounds", MeasureKeys.bounds(r.bounds()));
    entries(j, "capacity", MeasureKeys.capacity(r.capacity()));
    j.beginArray("layers");
    for (LayerMeasures l : r.layers()) layer(j, l);
    j.endArray();
    r.sharpness().ifPresent(s -> sharpness(j, s));
    r.pacBayes().ifPresent(p -> pacBayes(j, p));
    r.conditions().ifPresent(c -> conditions(j, c));
    return j.endObject().toString();
  }

  /** The keys in order, as members of the current object ({@code key} null) or of a nested one. */
  private static void entries(JsonWriter j, String key, List<MeasureKeys.Entry> entries) {
    if (key != null) j.beginObject(key);
    for (MeasureKeys.Entry e : entries) j.value(e.key(), e.value());
    if (key != null) j.endObject();
  }

  private static void distribution(JsonWriter j, String key, Distribution d) {
    j.beginObject(key).value("count", d.count()).value("min", d.min()).value("p5", d.p5()).value("median", d.median())
        .value("p95", d.p95()).value("max", d.max()).endObject();
  }

  private static void layer(JsonWriter j, LayerMeasures l) {
    j.beginObject(null)
        .value("layer", l.layer()).value("rows", l.rows()).value("cols", l.cols())
        .value("frobenius", l.frobenius()).value("l1_inf", l.l1Inf()).value("l3_1.5", l.l31_5()).value("l2_1", l.l21())
        .value("spectral", l.spectral().value()).value("spectral_iterations", l.spectral().iterations())
        .value("spectral_rel_error", l.spectral().relativeError()).value("spectral_converged", l.spectral().converged())
        .value("trace_norm", l.traceNorm()).value("schatten_1.5", l.schatten15());
    for (GroupNormValue g : l.groupNorms()) j.value(MeasureKeys.groupNorm(g), g.value());
    j.value("dist_frobenius", l.distFrobenius()).value("dist_l1_inf", l.distL1Inf()).value("dist_l3_1.5", l.distL31_5())
        .value("dist_l2_1", l.distL21()).value("dist_spectral", l.distSpectral());
    j.endObject();
  }

  private static void sharpness(JsonWriter j, Sharpness.Result s) {
    Sharpness.Options o = s.options();
    j.beginObject("sharpness")
        .value("alpha", o.alpha()).value("steps", o.steps()).value("batch", o.batch())
        .value("lr", o.lr()).value("momentum", o.momentum())
        .value("keskar", s.sharpness()).value("train_loss", s.loss()).value("perturbed_train_loss", s.perturbedLoss())
        .endObject();
  }

  private static void pacBayes(JsonWriter j, PacBayes.Result p) {
    j.beginObject("pac_bayes").value("draws", p.options().draws()).value("batch", p.options().batch())
        .value("sigma_rule", "sigma_i = alpha*(10|w_i|+1)").beginArray("frontier");
    for (PacBayes.Point f : p.frontier()) {
      j.beginObject(null).value("alpha", f.alpha()).value("kl", f.kl()).value("expected_sharpness", f.expectedSharpness()).endObject();
    }
    double sigma = p.sigmaAtTarget().orElse(Double.NaN);   // null, and so is 1/σ², when empty
    j.endArray().value("target_loss_increase", p.options().target()).value("sigma_at_target", sigma)
        .value("flatness_inverse_sigma_squared", 1 / (sigma * sigma)).endObject();
  }

  private static void conditions(JsonWriter j, PerturbationConditions.Result c) {
    j.beginObject("conditions");
    j.beginObject("c1").value("inverse_mu", c.inverseMu());
    distribution(j, "all", c.c1All());
    distribution(j, "interior", c.c1Interior());
    distribution(j, "boundary", c.c1Boundary());
    j.endObject().beginArray("c2");
    for (PerturbationConditions.Flips f : c.c2()) {
      j.beginObject(null).value("epsilon", f.epsilon()).beginArray("mean_flip_fraction");
      for (double v : f.meanFraction()) j.value(null, v);
      j.endArray().beginArray("max_flip_fraction");
      for (double v : f.maxFraction()) j.value(null, v);
      j.endArray().endObject();
    }
    j.endArray().beginArray("c3");
    for (Distribution d : c.c3()) distribution(j, null, d);
    j.endArray().endObject();
  }
}
