package org.pathnorm.experiments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.io.Json;

/**
 * Every scalar of a {@code measures.json} ({@link org.pathnorm.measures.MeasureJson}) as a flat map for a cell's
 * {@code values}: top-level numbers under their key ({@code frobenius_product}, {@code margin}), numbers of nested
 * objects under {@code object.key} ({@code normalized_squared.l2_path_norm}, {@code capacity.l2}); arrays (per-layer
 * norms, the PAC-Bayes frontier) are left out. A null (a skipped measure) becomes NaN.
 */
final class MeasureValues {
  private MeasureValues() {}

  static Map<String, Double> flatten(String json) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (Json.parse(json) instanceof Map<?, ?> m) flatten("", m, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> m, Map<String, Double> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Number n) out.put(key, n.doubleValue());
      else if (v == null) out.put(key, Double.NaN);
      else if (v instanceof Map<?, ?> inner) flatten(key + ".", inner, out);
    }
  }
}
