package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;

/** {@code pathnorm train} writes measures.json; {@code pathnorm measures} prints the same numbers. */
class MeasuresCommandTest {
  @Test
  void trainWritesMeasuresAndTheCommandAgrees(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] t = TrainCommandTest.run("train", "--arch", "64-24-10", "--lr", "0.1", "--momentum", "0.9", "--batch", "32",
        "--epochs", "2", "--quiet", "--out", run.toString());
    assertEquals("0", t[0], t[2]);
    Map<?, ?> written = (Map<?, ?>) Json.parse(Files.readString(run.resolve("measures.json")));
    String[] m = TrainCommandTest.run("measures", "--model", run.resolve("model.safetensors").toString(), "--init",
        run.resolve("init.safetensors").toString(), "--data", "digits", "--json", "--conditions", "--conditions-samples", "5",
        "--group-norm", "2,inf", "--path-norm", "1,3");
    assertEquals("0", m[0], m[2]);
    Map<?, ?> printed = (Map<?, ?>) Json.parse(m[1].trim());
    for (String key : List.of("margin", "l1_path_norm", "spectral_norm_product", "frobenius_product")) {
      assertEquals(written.get(key), printed.get(key), key);
    }
    assertEquals(((Map<?, ?>) written.get("bounds")).get("spec_fro_neyshabur2018"),
        ((Map<?, ?>) printed.get("bounds")).get("spec_fro_neyshabur2018"));
    assertTrue(((Map<?, ?>) written.get("bounds")).get("spec_fro_neyshabur2018") instanceof Number);
    assertEquals("train", printed.get("margin_set"));
    assertTrue(printed.containsKey("mu_2_inf_product") && printed.containsKey("network_mu_2_inf"));
    assertTrue(printed.containsKey("l3_path_norm") && !printed.containsKey("l2_path_norm_no_bias"));
    assertTrue(((Map<?, ?>) printed.get("conditions")).containsKey("c1"));

    String[] table = TrainCommandTest.run("measures", "--model", run.resolve("model.safetensors").toString());
    assertEquals("0", table[0], table[2]);
    assertTrue(table[1].contains("spectral_norm_product"), table[1]);
  }

  @Test
  void badArgumentsGiveOneLine(@TempDir Path dir) {
    String[] r = TrainCommandTest.run("measures", "--model", dir.resolve("missing.safetensors").toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].startsWith("pathnorm: ") && r[2].trim().lines().count() == 1, r[2]);
    String[] g = TrainCommandTest.run("measures", "--model", dir.resolve("x").toString(), "--group-norm", "2");
    assertEquals("1", g[0]);
    assertTrue(g[2].contains("--group-norm: expected p,q"), g[2]);
    String[] d = TrainCommandTest.run("measures", "--model", dir.resolve("x").toString(), "--pac-bayes", "--pac-bayes-draws", "0");
    assertEquals("1", d[0]);
    assertTrue(d[2].contains("draws >= 1"), d[2]);
    String[] q = TrainCommandTest.run("measures", "--model", dir.resolve("x").toString(), "--margin-percentile", "101");
    assertTrue(q[2].contains("--margin-percentile must be in [0, 100]"), q[2]);
  }
}
