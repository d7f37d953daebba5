package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;

/**
 * {@code pathnorm measures} on a recurrent model file: φ₁/φ₂ of the unrolled network against an explicit
 * computation in double, ‖W_hh‖₂ against power iteration, κ ratios per tensor, φ₂ unchanged by a shared
 * node rescaling of the saved file, one-line errors.
 */
class RecurrentMeasuresCommandTest {
  static final int T = 4, D = 2, H = 3, V = 2;

  static Sequential model() {
    return RecurrentModels.build(T, D, new int[] {H}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, V,
        RecurrentInit.PYTORCH, 11);
  }

  static float[] tensor(Sequential m, String name) {
    for (ParameterTensor t : m.tensors()) {
      if (t.name().equals(name)) return java.util.Arrays.copyOfRange(m.parameters(), t.offset(), t.offset() + t.size());
    }
    throw new AssertionError(name);
  }

  /**
   * φ_p^p over the input paths of the unrolled last-step network: Σ_t 1ᵀ |W_fc|^p (|W_hh|^p)^{T−1−t} |W_ih|^p 1
   * (all-ones input at every step), in double.
   */
  static double inputPaths(Sequential m, double p) {
    float[] ih = tensor(m, "rnn.weight_ih_l0"), hh = tensor(m, "rnn.weight_hh_l0"), fc = tensor(m, "fc.weight");
    double total = 0;
    for (int t = 0; t < T; t++) {
      double[] v = new double[H];
      for (int i = 0; i < H; i++) for (int d = 0; d < D; d++) v[i] += Math.pow(Math.abs(ih[i * D + d]), p);
      for (int s = t + 1; s < T; s++) {
        double[] w = new double[H];
        for (int i = 0; i < H; i++) for (int j = 0; j < H; j++) w[i] += Math.pow(Math.abs(hh[i * H + j]), p) * v[j];
        v = w;
      }
      for (int o = 0; o < V; o++) for (int i = 0; i < H; i++) total += Math.pow(Math.abs(fc[o * H + i]), p) * v[i];
    }
    return total;
  }

  static double powerIteration(float[] w, int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    double s = 0;
    for (int it = 0; it < 2000; it++) {
      double[] u = new double[n];
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) u[i] += w[i * n + j] * v[j];
      double[] z = new double[n];
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) z[j] += w[i * n + j] * u[i];
      double norm = 0;
      for (double x : z) norm += x * x;
      norm = Math.sqrt(norm);
      s = Math.sqrt(norm);
      for (int j = 0; j < n; j++) v[j] = z[j] / norm;
    }
    return s;
  }

  static Map<?, ?> measures(Path file, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "measures";
    args[1] = "--model";
    args[2] = file.toString();
    args[3] = "--json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    String[] r = TrainCommandTest.run(args);
    assertEquals("0", r[0], r[2]);
    return (Map<?, ?>) Json.parse(r[1]);
  }

  static double number(Map<?, ?> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @Test
  void pathNormsKappaRatiosAndSpectralNormsOfTheUnrolledNetwork(@TempDir Path dir) throws Exception {
    Sequential m = model();
    Path f = dir.resolve("rnn.safetensors");
    ModelFiles.save(f, m, Map.of());
    Map<?, ?> j = measures(f, "--steps", Integer.toString(T));
    assertEquals((long) T, j.get("steps"));
    assertEquals(inputPaths(m, 1), number(j, "path_norm_no_bias.l1"), 1e-5 * inputPaths(m, 1));
    assertEquals(Math.sqrt(inputPaths(m, 2)), number(j, "path_norm_no_bias.l2"), 1e-5 * Math.sqrt(inputPaths(m, 2)));
    assertTrue(number(j, "path_norm.l1") > number(j, "path_norm_no_bias.l1"), "bias paths add to φ₁");
    assertTrue(number(j, "path_norm.l2") > number(j, "path_norm_no_bias.l2"), "bias paths add to φ₂");
    Map<?, ?> spectral = (Map<?, ?>) j.get("spectral_norm");
    double sigma = powerIteration(tensor(m, "rnn.weight_hh_l0"), H);
    assertEquals(sigma, ((Number) spectral.get("rnn.weight_hh_l0")).doubleValue(), 1e-5 * sigma);
    Map<?, ?> ratios = (Map<?, ?>) j.get("kappa_ratio");
    assertEquals(java.util.Set.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "fc.weight", "fc.bias"),
        ratios.keySet());
    assertTrue(((Number) ratios.get("rnn.weight_hh_l0")).doubleValue() > 0, "W_hh is used more than once per path for T > 1");
    assertEquals(0.0, ((Number) ratios.get("fc.weight")).doubleValue(), "the last-step read-out is used once per path");
    Map<?, ?> longer = measures(f, "--steps", Integer.toString(2 * T));
    assertNotEquals(number(j, "path_norm.l2"), number(longer, "path_norm.l2"), "T enters the unrolled network");
    String[] table = TrainCommandTest.run("measures", "--model", f.toString(), "--steps", Integer.toString(T));
    assertEquals("0", table[0], table[2]);
    assertTrue(table[1].contains("phi_2") && table[1].contains("rnn.weight_hh_l0") && table[1].contains("T = 4"), table[1]);
  }

  @Test
  void sharedNodeRescalingOfTheSavedFileLeavesThePathNormsUnchanged(@TempDir Path dir) throws Exception {
    Sequential m = model();
    Path f = dir.resolve("a.safetensors");
    ModelFiles.save(f, m, Map.of());
    Sequential r = m.copy();
    r.rescaleUnit(0, 1, 7.5);
    r.rescaleUnit(0, 2, 0.2);
    Path g = dir.resolve("b.safetensors");
    ModelFiles.save(g, r, Map.of());
    assertFalse(java.util.Arrays.equals(m.parameters(), r.parameters()));
    Map<?, ?> a = measures(f, "--steps", "6"), b = measures(g, "--steps", "6");
    for (String k : new String[] {"path_norm.l2", "path_norm_no_bias.l2", "path_norm.l1", "path_norm_no_bias.l1"}) {
      assertEquals(number(a, k), number(b, k), 1e-5 * number(a, k), k);
    }
  }

  @Test
  void badUseGivesOneLineErrors(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("rnn.safetensors");
    ModelFiles.save(f, model(), Map.of());
    String[][] cases = {{"--model", f.toString()}, {"--model", f.toString(), "--steps", "0"},
        {"--model", f.toString(), "--steps", "3", "--readout", "middle"}};
    String[] expected = {"--steps", "--steps", "--readout"};
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 1];
      args[0] = "measures";
      System.arraycopy(cases[i], 0, args, 1, cases[i].length);
      String[] r = TrainCommandTest.run(args);
      assertEquals("1", r[0], String.join(" ", cases[i]));
      assertTrue(r[2].contains(expected[i]) && r[2].strip().lines().count() == 1, r[2]);
    }
  }
}
