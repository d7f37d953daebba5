package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;

/** {@code pathnorm train --measures} and {@code --train-loss}. */
class TrainMeasuresOptionsTest {

  private static String[] train(Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "digits", "--arch", "64-16-10", "--lr", "0.1",
        "--batch", "32", "--epochs", "1", "--quiet", "--out", out.toString()));
    args.addAll(List.of(extra));
    return TrainCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void measuresAreCheapByDefaultAndFullWhenAsked(@TempDir Path dir) throws Exception {
    String[] r = train(dir.resolve("default"));
    assertEquals("0", r[0], r[2]);
    Map<?, ?> cheap = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("default").resolve("measures.json")));
    assertTrue(cheap.containsKey("trace_norm_product"));
    assertNull(cheap.get("trace_norm_product"));
    assertNotNull(cheap.get("spectral_norm_product"), cheap.keySet().toString());
    r = train(dir.resolve("full"), "--measures", "full");
    assertEquals("0", r[0], r[2]);
    Map<?, ?> full = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("full").resolve("measures.json")));
    assertNotNull(full.get("trace_norm_product"));
    assertNotNull(full.get("schatten_1.5_product"));
    assertEquals(full.keySet(), cheap.keySet());
    r = train(dir.resolve("bad"), "--measures", "all");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("--measures: expected cheap or full, got 'all'"), r[2]);
    assertFalse(Files.exists(dir.resolve("bad")), "nothing written for a bad option");
  }

  @Test
  void runningTrainingLossLeavesTheWeightsAsTheyAre(@TempDir Path dir) throws Exception {
    assertEquals("0", train(dir.resolve("full"))[0]);
    String[] r = train(dir.resolve("running"), "--train-loss", "running");
    assertEquals("0", r[0], r[2]);
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("full").resolve("model.safetensors")),
        Files.readAllBytes(dir.resolve("running").resolve("model.safetensors"))));
    List<String> full = Files.readAllLines(dir.resolve("full").resolve("metrics.csv"));
    List<String> running = Files.readAllLines(dir.resolve("running").resolve("metrics.csv"));
    // same test columns, a different training loss column
    String[] f = full.get(1).split(","), g = running.get(1).split(",");
    int trainLoss = List.of(full.get(0).split(",")).indexOf("train_loss");
    int testLoss = List.of(full.get(0).split(",")).indexOf("test_loss");
    assertFalse(f[trainLoss].equals(g[trainLoss]), full.get(1) + " / " + running.get(1));
    assertEquals(f[testLoss], g[testLoss]);
    r = train(dir.resolve("bad"), "--train-loss", "fast");
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("--train-loss: expected full or running, got 'fast'"), r[2]);
  }
}
