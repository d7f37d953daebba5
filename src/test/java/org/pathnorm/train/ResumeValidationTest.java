package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.nn.Network;

/**
 * A resume reads only what it can trust: counters in range, finite tensors; and the divergence guard
 * stops a loss that explodes without becoming NaN. The committed files are edited here together with
 * their manifest entry, as a hand-edited or foreign run directory would be.
 */
class ResumeValidationTest {

  /** Replaces a committed file and re-commits its size and hash, so only the content checks remain. */
  private static void replaceCommitted(Path dir, String name, byte[] content) throws Exception {
    Files.write(dir.resolve(name), content);
    RunManifest m = RunManifest.read(dir.resolve(Checkpoint.MANIFEST));
    Map<String, RunManifest.Entry> files = new LinkedHashMap<>(m.files());
    files.put(name, RunManifest.Entry.of(content));
    AtomicFiles.writeString(dir.resolve(Checkpoint.MANIFEST), new RunManifest(m.epoch(), m.finished(), files).toJson());
  }

  private static String resumeError(Path dir) {
    Exception e = assertThrows(DataFormatException.class, () -> {
      try (Trainer t = trainerForTest()) {
        new Checkpoint(dir).resume(t);
      }
    });
    return e.getMessage();
  }

  private static Trainer trainerForTest() {
    return CheckpointFaultInjectionTest.trainer();
  }

  @Test
  void stateCountersOutOfRangeAreRefused(@TempDir Path dir) throws Exception {
    CheckpointFaultInjectionTest.runToEnd(dir);
    String state = Files.readString(dir.resolve(Checkpoint.STATE));
    replaceCommitted(dir, Checkpoint.STATE, state.replace("\"epochs_done\":2", "\"epochs_done\":-3").getBytes(StandardCharsets.UTF_8));
    String msg = resumeError(dir);
    assertEquals(dir.resolve(Checkpoint.STATE) + ": epochs_done: expected an integer in 2..2, found -3", msg);
    replaceCommitted(dir, Checkpoint.STATE, state.replace("\"best_epoch\":", "\"best_epoch\":7").getBytes(StandardCharsets.UTF_8));
    assertTrue(resumeError(dir).contains("best_epoch: expected an integer in -1..1, found "), resumeError(dir));
  }

  @Test
  void nonFiniteWeightsInACheckpointAreRefusedWithTheTensorName(@TempDir Path dir) throws Exception {
    CheckpointFaultInjectionTest.runToEnd(dir);
    Network net = NetworkFiles.load(dir.resolve(Checkpoint.LAST));
    net.parameters()[net.architecture().biasOffset(0) + 2] = Float.POSITIVE_INFINITY;
    replaceCommitted(dir, Checkpoint.LAST, NetworkFiles.encode(net, Map.of()));
    assertEquals(dir.resolve(Checkpoint.LAST) + ": tensor 0.bias: expected finite values, found Infinity at index 2", resumeError(dir));
  }

  @Test
  void theGuardStopsALossThatExplodesWithoutBecomingNaN() {
    DivergenceGuard g = new DivergenceGuard(100, 3);
    g.onStep(null, 0, 0, 2.0, 10, 10, 0);
    g.onStep(null, 0, 1, 1e9, 10, 10, 0);
    EpochStats bad = new EpochStats(1, 1, 0.1, 0, 1e5, 0.9, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 1);
    EpochStats ok = new EpochStats(1, 1, 0.1, 0, 150, 0.9, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 1);
    g.onEpoch(null, bad);
    g.onEpoch(null, ok);
    g.onEpoch(null, bad);
    g.onEpoch(null, bad);
    assertEquals(2, g.strikes(), "an epoch below 100 x 2.0 resets the count");
    DivergenceException e = assertThrows(DivergenceException.class, () -> g.onEpoch(null, bad));
    assertTrue(e.getMessage().contains("above 200.0 (100.0 x the first mini-batch loss 2.000) for 3 epochs")
        && e.getMessage().contains("--divergence-factor, --divergence-epochs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1, 3));
    assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(10, 0));
  }
}
