package org.pathnorm.cli;

import java.util.Locale;
import java.util.Map;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.measures.RecurrentMeasures;
import org.pathnorm.nn.Model;

/**
 * What {@code pathnorm measures} prints for a recurrent model file: φ₁, φ₂ of the network unrolled over T
 * steps (with and without bias paths), ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ per tensor (docs/algorithms.md §3.4, E6) and
 * ‖W_hh‖₂ per layer, as a table or one JSON object.
 */
final class RecurrentMeasuresOutput {
  private RecurrentMeasuresOutput() {}

  static String json(String file, Model model, int steps, String readout, RecurrentMeasures m, Map<String, Double> kappaRatios) {
    JsonWriter w = new JsonWriter().beginObject(null).value("model", file).value("kind", "rnn").value("arch", model.describe())
        .value("steps", steps).value("readout", readout).value("parameters", model.parameterCount())
        .value("path_norm.l1", m.phi1()).value("path_norm.l2", m.phi2())
        .value("path_norm_no_bias.l1", m.phi1NoBias()).value("path_norm_no_bias.l2", m.phi2NoBias());
    w.beginObject("kappa_ratio");
    for (Map.Entry<String, Double> e : kappaRatios.entrySet()) w.value(e.getKey(), e.getValue());
    w.endObject().beginObject("spectral_norm");
    for (Map.Entry<String, Double> e : m.spectralNorm().entrySet()) w.value(e.getKey(), e.getValue());
    return w.endObject().endObject().toString();
  }

  static String table(String file, Model model, int steps, String readout, RecurrentMeasures m, Map<String, Double> kappaRatios) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s: %s, unrolled over T = %d steps, read-out at %s step%n", file, model.describe(), steps,
        readout.equals("every") ? "every" : "the last"));
    b.append(String.format(Locale.ROOT, "%-34s %14s %14s%n", "path norm", "with biases", "inputs only"));
    b.append(String.format(Locale.ROOT, "%-34s %14.6g %14.6g%n", "phi_1", m.phi1(), m.phi1NoBias()));
    b.append(String.format(Locale.ROOT, "%-34s %14.6g %14.6g%n", "phi_2", m.phi2(), m.phi2NoBias()));
    b.append(String.format(Locale.ROOT, "%-34s %14s%n", "tensor", "|k2|/|k1|"));
    for (Map.Entry<String, Double> e : kappaRatios.entrySet()) {
      b.append(String.format(Locale.ROOT, "%-34s %14.6g%n", e.getKey(), e.getValue()));
    }
    b.append(String.format(Locale.ROOT, "%-34s %14s%n", "recurrent matrix", "spectral norm"));
    for (Map.Entry<String, Double> e : m.spectralNorm().entrySet()) {
      b.append(String.format(Locale.ROOT, "%-34s %14.6g%n", e.getKey(), e.getValue()));
    }
    return b.toString();
  }
}
