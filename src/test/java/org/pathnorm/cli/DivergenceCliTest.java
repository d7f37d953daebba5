package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loss that explodes without becoming NaN (the step size multiplied by 300 after two good epochs)
 * stops the run with one line naming the thresholds, exit code ≠ 0, and the run directory keeps the
 * last committed epoch (README "Crash safety", the divergence guard).
 */
class DivergenceCliTest {

  @Test
  void aFiniteExplosionStopsTheRunAndKeepsTheLastCommit(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("run");
    String[] r = TrainCommandTest.run("train", "--arch", "64-32-10", "--lr", "0.1", "--schedule", "step", "--step-factor", "300",
        "--step-every", "2", "--epochs", "6", "--batch", "32", "--out", out.toString(), "--divergence-factor", "2",
        "--divergence-epochs", "2", "--quiet");
    assertTrue(!r[0].equals("0"), "exit code " + r[0]);
    List<String> err = r[2].lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, err.size(), r[2]);
    assertTrue(err.get(0).contains("training diverged") && err.get(0).contains("--divergence-factor"), err.get(0));
    assertFalse(r[2].contains("\tat "), "no stack trace: " + r[2]);
    List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
    // epochs 1-2 train normally, epoch 3 (η = 30) is the first strike and commits, epoch 4 the second: it stops there
    assertEquals(4, metrics.size(), String.join("\n", metrics));
    double good = Double.parseDouble(metrics.get(2).split(",")[4]);
    double exploded = Double.parseDouble(metrics.get(3).split(",")[4]);
    assertTrue(Double.isFinite(exploded) && exploded > 2 * good, "training loss " + good + " then " + exploded);
    assertTrue(Files.readString(out.resolve("state.json")).contains("\"epochs_done\":3"), Files.readString(out.resolve("state.json")));
  }
}
