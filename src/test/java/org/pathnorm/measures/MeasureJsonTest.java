package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.Json;
import org.pathnorm.nn.Network;

/**
 * The JSON object of {@code pathnorm measures --json} and {@code measures.json}: its keys, in order, are
 * those of the README's key table, and every value is the typed accessor's (null exactly when it is empty).
 */
class MeasureJsonTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  /** The README's key table, in the order of the object (default options: path norms 1, 1.5, 2). */
  private static final List<String> TOP = List.of("architecture", "depth", "parameters", "data", "margin_set", "samples",
      "margin_percentile", "margin", "margin_distribution", "train_error", "init_given",
      "l1_inf_product", "frobenius_product", "l3_1.5_product", "l2_1_product",
      "spectral_norm_product", "trace_norm_product", "schatten_1.5_product",
      "l1_path_norm", "l1_path_norm_no_bias", "l1.5_path_norm", "l1.5_path_norm_no_bias", "l2_path_norm", "l2_path_norm_no_bias",
      "network_mu_2_2", "network_mu_1_inf", "network_mu_2_inf", "network_mu_3_1.5",
      "dist_frobenius", "dist_spectral_product",
      "normalized", "normalized_squared", "bounds", "capacity", "layers");
  private static final List<String> NORMALIZED = List.of("l1_inf_product", "frobenius_product", "l3_1.5_product",
      "l2_1_product", "spectral_norm_product", "trace_norm_product", "schatten_1.5_product", "l1_path_norm",
      "l1_path_norm_no_bias", "l1.5_path_norm", "l1.5_path_norm_no_bias", "l2_path_norm", "l2_path_norm_no_bias");
  private static final List<String> BOUNDS = List.of("l1_max_golowich", "frobenius_golowich", "l3_1.5_golowich",
      "spec_l21_bartlett2017", "spec_fro_neyshabur2018", "spec_fro_neyshabur2018_pac_bayes_with_constants",
      "vc_with_constants", "l1_max_bartlett_mendelson_with_constants", "frobenius_neyshabur2015_with_constants",
      "spec_l21_bartlett2017_with_constants", "spec_fro_neyshabur2018_with_constants");
  private static final List<String> CAPACITY = List.of("l2", "l1_path", "l2_path", "spectral");
  private static final List<String> LAYER = List.of("layer", "rows", "cols", "frobenius", "l1_inf", "l3_1.5", "l2_1",
      "spectral", "spectral_iterations", "spectral_rel_error", "spectral_converged", "trace_norm", "schatten_1.5",
      "dist_frobenius", "dist_l1_inf", "dist_l3_1.5", "dist_l2_1", "dist_spectral");
  private static final List<String> DISTRIBUTION = List.of("count", "min", "p5", "median", "p95", "max");

  @Test
  void defaultKeysAreTheReadmeTableInOrderAndValuesAreTheTypedAccessors() {
    Network net = TestNets.random(1, true, 5, 7, 6, 3), init = TestNets.random(2, true, 5, 7, 6, 3);
    MeasureReport r = Measures.compute(net, init, TestNets.data(3, 200, 5, 3), MeasureOptions.defaults());
    Map<?, ?> json = parse(r);
    assertEquals(TOP, keys(json));
    assertEquals(DISTRIBUTION, keys(json.get("margin_distribution")));
    assertEquals(NORMALIZED, keys(json.get("normalized")));
    assertEquals(NORMALIZED, keys(json.get("normalized_squared")));
    assertEquals(BOUNDS, keys(json.get("bounds")));
    assertEquals(CAPACITY, keys(json.get("capacity")));
    for (Object layer : (List<?>) json.get("layers")) assertEquals(LAYER, keys(layer));
    assertEquals(3, ((List<?>) json.get("layers")).size());
    assertEquals(Boolean.TRUE, json.get("init_given"));
    assertEquals("train", json.get("margin_set"));
    assertValuesAreTheAccessors(r, json);
    // a three-layer net has none of the two-layer bounds with constants; with init it has the others
    assertTrue(r.bounds().vcWithConstants().isEmpty() && r.bounds().specFroNeyshabur2018().isPresent());
  }

  @Test
  void requestedNormsAndOptionalFamiliesAddTheirKeysInPlace() {
    Network net = TestNets.random(5, true, 6, 8, 4);
    MeasureOptions o = MeasureOptions.defaults().withPathNormPs(List.of(1.0, 3.0)).withSvdMaxWork(10)
        .withGroupNorms(List.of(new double[] {2, INF}, new double[] {1.5, 3}))
        .withSharpness(new Sharpness.Options(1e-2, 5, 16, 0.01, 0.9, 0))
        .withPacBayes(new PacBayes.Options(List.of(1e-3, 1e-1), 5, 16, 0.1))
        .withConditions(new PerturbationConditions.Options(5, List.of(1e-2, 1.0)));
    MeasureReport r = Measures.compute(net, null, TestNets.data(7, 100, 6, 4), o);
    Map<?, ?> json = parse(r);
    List<String> products = List.of("l1_inf_product", "frobenius_product", "l3_1.5_product", "l2_1_product",
        "spectral_norm_product", "trace_norm_product", "schatten_1.5_product", "mu_2_inf_product", "mu_1.5_3_product",
        "l1_path_norm", "l1_path_norm_no_bias", "l3_path_norm", "l3_path_norm_no_bias");
    List<String> top = new ArrayList<>(TOP.subList(0, TOP.indexOf("l1_inf_product")));
    top.addAll(products);
    // network_mu_2_inf is a fixed key; the requested (2, ∞) does not repeat it
    top.addAll(List.of("network_mu_2_2", "network_mu_1_inf", "network_mu_2_inf", "network_mu_3_1.5", "network_mu_1.5_3",
        "dist_frobenius", "dist_spectral_product", "normalized", "normalized_squared", "bounds", "capacity", "layers",
        "sharpness", "pac_bayes", "conditions"));
    assertEquals(top, keys(json));
    assertEquals(products, keys(json.get("normalized")));
    List<String> layer = new ArrayList<>(LAYER);
    layer.addAll(layer.indexOf("dist_frobenius"), List.of("mu_2_inf", "mu_1.5_3"));
    for (Object l : (List<?>) json.get("layers")) assertEquals(layer, keys(l));
    assertEquals(List.of("alpha", "steps", "batch", "lr", "momentum", "keskar", "train_loss", "perturbed_train_loss"),
        keys(json.get("sharpness")));
    assertEquals(List.of("draws", "batch", "sigma_rule", "frontier", "target_loss_increase", "sigma_at_target",
        "flatness_inverse_sigma_squared"), keys(json.get("pac_bayes")));
    assertEquals(List.of("c1", "c2", "c3"), keys(json.get("conditions")));
    assertEquals(List.of("inverse_mu", "all", "interior", "boundary"), keys(((Map<?, ?>) json.get("conditions")).get("c1")));
    assertEquals(Boolean.FALSE, json.get("init_given"));
    // absent values: no init, SVD skipped (10 < min²·max)
    assertTrue(r.distanceFromInit().isEmpty() && r.products().traceNorm().isEmpty() && r.bounds().specFroNeyshabur2018().isEmpty());
    assertTrue(r.bounds().vcWithConstants().isPresent(), "a two-layer net has the §2.9 bounds");
    assertTrue(r.bounds().specL21Bartlett2017WithConstants().isEmpty(), "but not those that need the init");
    assertValuesAreTheAccessors(r, json);
    Map<?, ?> sharp = (Map<?, ?>) json.get("sharpness");
    assertEquals(r.sharpness().orElseThrow().sharpness(), number(sharp.get("keskar")), 0);
    Map<?, ?> pb = (Map<?, ?>) json.get("pac_bayes");
    assertEquals(r.pacBayes().orElseThrow().frontier().get(1).kl(),
        number(((Map<?, ?>) ((List<?>) pb.get("frontier")).get(1)).get("kl")), 0);
    assertEquals(r.conditions().orElseThrow().inverseMu(),
        number(((Map<?, ?>) ((Map<?, ?>) json.get("conditions")).get("c1")).get("inverse_mu")), 0);
  }

  @Test
  void absentFamiliesAreLeftOutAndAnUnrequestedPathNormIsAnError() {
    MeasureReport r = Measures.compute(TestNets.random(9, true, 4, 5, 3), null, TestNets.data(9, 40, 4, 3),
        MeasureOptions.defaults());
    Map<?, ?> json = parse(r);
    assertTrue(r.sharpness().isEmpty() && r.pacBayes().isEmpty() && r.conditions().isEmpty());
    assertTrue(!json.containsKey("sharpness") && !json.containsKey("pac_bayes") && !json.containsKey("conditions"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.pathNorms().of(3));
    assertTrue(e.getMessage().contains("[1.0, 1.5, 2.0]"), e.getMessage());
  }

  /** JSON writing lives in MeasureJson alone: no other class of the package uses the JSON writer. */
  @Test
  void onlyMeasureJsonWritesJson() throws Exception {
    List<String> writers = new ArrayList<>();
    try (var files = Files.list(Path.of("src/main/java/org/pathnorm/measures"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.readString(f).contains("JsonWriter")) writers.add(f.getFileName().toString());
      }
    }
    assertEquals(List.of("MeasureJson.java"), writers);
  }

  /** Every numeric key of the top level, normalized, normalized_squared, bounds and capacity against its accessor. */
  private static void assertValuesAreTheAccessors(MeasureReport r, Map<?, ?> json) {
    assertEquals(r.margin(), number(json.get("margin")), 0);
    assertEquals(r.trainError(), number(json.get("train_error")), 0);
    assertEquals(r.parameters(), ((Number) json.get("parameters")).longValue());
    assertEquals(r.marginDistribution().median(), number(((Map<?, ?>) json.get("margin_distribution")).get("median")), 0);
    products(r.products(), json);
    products(r.normalized().products(), (Map<?, ?>) json.get("normalized"));
    products(r.normalizedSquared().products(), (Map<?, ?>) json.get("normalized_squared"));
    pathNorms(r.pathNorms(), json);
    pathNorms(r.normalized().pathNorms(), (Map<?, ?>) json.get("normalized"));
    pathNorms(r.normalizedSquared().pathNorms(), (Map<?, ?>) json.get("normalized_squared"));
    NetworkGroupNormValues n = r.networkGroupNorms();
    assertEquals(n.mu2_2(), number(json.get("network_mu_2_2")), 0);
    assertEquals(n.mu1_inf(), number(json.get("network_mu_1_inf")), 0);
    assertEquals(n.mu2_inf(), number(json.get("network_mu_2_inf")), 0);
    assertEquals(n.mu3_1_5(), number(json.get("network_mu_3_1.5")), 0);
    for (GroupNormValue g : n.requested()) assertEquals(g.value(), number(json.get("network_" + key(g))), 0);
    optional(r.distanceFromInit().isPresent() ? OptionalDouble.of(r.distanceFromInit().get().frobenius())
        : OptionalDouble.empty(), json, "dist_frobenius");
    optional(r.distanceFromInit().isPresent() ? OptionalDouble.of(r.distanceFromInit().get().spectralProduct())
        : OptionalDouble.empty(), json, "dist_spectral_product");
    Map<?, ?> b = (Map<?, ?>) json.get("bounds");
    BoundValues v = r.bounds();
    assertEquals(v.l1MaxGolowich(), number(b.get("l1_max_golowich")), 0);
    assertEquals(v.frobeniusGolowich(), number(b.get("frobenius_golowich")), 0);
    assertEquals(v.l3_1_5Golowich(), number(b.get("l3_1.5_golowich")), 0);
    optional(v.specL21Bartlett2017(), b, "spec_l21_bartlett2017");
    optional(v.specFroNeyshabur2018(), b, "spec_fro_neyshabur2018");
    assertEquals(v.specFroNeyshabur2018PacBayesWithConstants(), number(b.get("spec_fro_neyshabur2018_pac_bayes_with_constants")), 0);
    optional(v.vcWithConstants(), b, "vc_with_constants");
    optional(v.l1MaxBartlettMendelsonWithConstants(), b, "l1_max_bartlett_mendelson_with_constants");
    optional(v.frobeniusNeyshabur2015WithConstants(), b, "frobenius_neyshabur2015_with_constants");
    optional(v.specL21Bartlett2017WithConstants(), b, "spec_l21_bartlett2017_with_constants");
    optional(v.specFroNeyshabur2018WithConstants(), b, "spec_fro_neyshabur2018_with_constants");
    Map<?, ?> c = (Map<?, ?>) json.get("capacity");
    assertEquals(r.capacity().l2(), number(c.get("l2")), 0);
    assertEquals(r.capacity().l1Path(), number(c.get("l1_path")), 0);
    assertEquals(r.capacity().l2Path(), number(c.get("l2_path")), 0);
    assertEquals(r.capacity().spectral(), number(c.get("spectral")), 0);
    List<?> layers = (List<?>) json.get("layers");
    for (int i = 0; i < layers.size(); i++) {
      Map<?, ?> l = (Map<?, ?>) layers.get(i);
      LayerMeasures m = r.layers().get(i);
      assertEquals(m.frobenius(), number(l.get("frobenius")), 0);
      assertEquals(m.spectral().value(), number(l.get("spectral")), 0);
      for (GroupNormValue g : m.groupNorms()) assertEquals(g.value(), number(l.get(key(g))), 0);
    }
  }

  private static void products(NormProducts p, Map<?, ?> json) {
    assertEquals(p.l1Inf(), number(json.get("l1_inf_product")), 0);
    assertEquals(p.frobenius(), number(json.get("frobenius_product")), 0);
    assertEquals(p.l3_1_5(), number(json.get("l3_1.5_product")), 0);
    assertEquals(p.l2_1(), number(json.get("l2_1_product")), 0);
    assertEquals(p.spectral(), number(json.get("spectral_norm_product")), 0);
    optional(p.traceNorm(), json, "trace_norm_product");
    optional(p.schatten1_5(), json, "schatten_1.5_product");
    for (GroupNormValue g : p.groupNorms()) assertEquals(g.value(), number(json.get(key(g) + "_product")), 0);
  }

  private static void pathNorms(PathNormValues p, Map<?, ?> json) {
    for (PathNormValue v : p.values()) {
      String k = "l" + MeasureOptions.exponent(v.p()) + "_path_norm";
      assertEquals(v.withBiases(), number(json.get(k)), 0, k);
      assertEquals(v.withoutBiases(), number(json.get(k + "_no_bias")), 0, k + "_no_bias");
    }
  }

  /** A present value is the JSON number; an empty one is JSON null (the key is there). */
  private static void optional(OptionalDouble v, Map<?, ?> json, String key) {
    assertTrue(json.containsKey(key), key);
    if (v.isPresent()) assertEquals(v.getAsDouble(), number(json.get(key)), 0, key);
    else assertNull(json.get(key), key);
  }

  private static String key(GroupNormValue g) {
    return "mu_" + MeasureOptions.exponent(g.p()) + "_" + MeasureOptions.exponent(g.q());
  }

  private static double number(Object o) {
    assertTrue(o instanceof Number, "not a number: " + o);
    return ((Number) o).doubleValue();
  }

  private static Map<?, ?> parse(MeasureReport r) {
    return (Map<?, ?>) Json.parse(MeasureJson.toJson(r));
  }

  private static List<String> keys(Object object) {
    List<String> k = new ArrayList<>();
    for (Object o : ((Map<?, ?>) object).keySet()) k.add((String) o);
    return k;
  }
}
