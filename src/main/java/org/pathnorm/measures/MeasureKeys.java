package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The flat keys of the typed measure records, in the order of the JSON object of {@code pathnorm measures
 * --json} (README, "pathnorm measures"), shared by {@link MeasureJson} and {@link MeasureTable} so that
 * each key is spelled once. An absent value is carried as NaN (written as null, printed as "-"). A key
 * that occurs twice (a requested group norm or path norm that is also a fixed one, or requested twice)
 * is listed once, at its first position, as the JSON object has always had it.
 */
final class MeasureKeys {
  private MeasureKeys() {}

  /** One key and its value (NaN: absent or not finite). */
  record Entry(String key, double value) {}

  /** The whole-network measures, the top-level numeric keys after {@code init_given}. */
  static List<Entry> measures(MeasureReport r) {
    List<Entry> e = new ArrayList<>();
    products(e, r.products());
    pathNorms(e, r.pathNorms());
    NetworkGroupNormValues n = r.networkGroupNorms();
    e.add(new Entry("network_mu_2_2", n.mu2_2()));
    e.add(new Entry("network_mu_1_inf", n.mu1_inf()));
    e.add(new Entry("network_mu_2_inf", n.mu2_inf()));
    e.add(new Entry("network_mu_3_1.5", n.mu3_1_5()));
    for (GroupNormValue g : n.requested()) e.add(new Entry("network_" + groupNorm(g), g.value()));
    e.add(new Entry("dist_frobenius", r.distanceFromInit().map(DistanceFromInit::frobenius).orElse(Double.NaN)));
    e.add(new Entry("dist_spectral_product", r.distanceFromInit().map(DistanceFromInit::spectralProduct).orElse(Double.NaN)));
    return distinct(e);
  }

  /** The keys of {@code normalized} and {@code normalized_squared}. */
  static List<Entry> normalized(NormalizedMeasures n) {
    List<Entry> e = new ArrayList<>();
    products(e, n.products());
    pathNorms(e, n.pathNorms());
    return distinct(e);
  }

  /** The keys of {@code bounds}. */
  static List<Entry> bounds(BoundValues b) {
    return List.of(new Entry("l1_max_golowich", b.l1MaxGolowich()),
        new Entry("frobenius_golowich", b.frobeniusGolowich()),
        new Entry("l3_1.5_golowich", b.l3_1_5Golowich()),
        new Entry("spec_l21_bartlett2017", orNaN(b.specL21Bartlett2017())),
        new Entry("spec_fro_neyshabur2018", orNaN(b.specFroNeyshabur2018())),
        new Entry("spec_fro_neyshabur2018_pac_bayes_with_constants", b.specFroNeyshabur2018PacBayesWithConstants()),
        new Entry("vc_with_constants", orNaN(b.vcWithConstants())),
        new Entry("l1_max_bartlett_mendelson_with_constants", orNaN(b.l1MaxBartlettMendelsonWithConstants())),
        new Entry("frobenius_neyshabur2015_with_constants", orNaN(b.frobeniusNeyshabur2015WithConstants())),
        new Entry("spec_l21_bartlett2017_with_constants", orNaN(b.specL21Bartlett2017WithConstants())),
        new Entry("spec_fro_neyshabur2018_with_constants", orNaN(b.specFroNeyshabur2018WithConstants())));
  }

  /** The keys of {@code capacity}. */
  static List<Entry> capacity(Capacities c) {
    return List.of(new Entry("l2", c.l2()), new Entry("l1_path", c.l1Path()), new Entry("l2_path", c.l2Path()),
        new Entry("spectral", c.spectral()));
  }

  /** {@code mu_P_Q}: {@code mu_2_inf}, {@code mu_1.5_3} … */
  static String groupNorm(GroupNormValue g) {
    return "mu_" + MeasureOptions.exponent(g.p()) + "_" + MeasureOptions.exponent(g.q());
  }

  private static void products(List<Entry> e, NormProducts p) {
    e.add(new Entry("l1_inf_product", p.l1Inf()));
    e.add(new Entry("frobenius_product", p.frobenius()));
    e.add(new Entry("l3_1.5_product", p.l3_1_5()));
    e.add(new Entry("l2_1_product", p.l2_1()));
    e.add(new Entry("spectral_norm_product", p.spectral()));
    e.add(new Entry("trace_norm_product", orNaN(p.traceNorm())));
    e.add(new Entry("schatten_1.5_product", orNaN(p.schatten1_5())));
    for (GroupNormValue g : p.groupNorms()) e.add(new Entry(groupNorm(g) + "_product", g.value()));
  }

  private static void pathNorms(List<Entry> e, PathNormValues p) {
    for (PathNormValue v : p.values()) {
      e.add(new Entry("l" + MeasureOptions.exponent(v.p()) + "_path_norm", v.withBiases()));
      e.add(new Entry("l" + MeasureOptions.exponent(v.p()) + "_path_norm_no_bias", v.withoutBiases()));
    }
  }

  /** The entries with each key once, at its first position, with the last value given for it. */
  private static List<Entry> distinct(List<Entry> entries) {
    Map<String, Double> byKey = new LinkedHashMap<>();
    for (Entry e : entries) byKey.put(e.key(), e.value());
    List<Entry> r = new ArrayList<>(byKey.size());
    for (Map.Entry<String, Double> e : byKey.entrySet()) r.add(new Entry(e.getKey(), e.getValue()));
    return r;
  }

  private static double orNaN(OptionalDouble v) {
    return v.orElse(Double.NaN);
  }
}
