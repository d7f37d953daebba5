package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.io.FaultInjection;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * Aborts a run before each file operation of its commits in turn (create, write, fsync, rename,
 * delete), as a kill -9 would ({@link FaultInjection.Crash}: no clean-up runs) and as a full disk would
 * (an {@link IOException}), then resumes it: every case must end with the files of an uninterrupted run,
 * byte for byte (metrics.csv without its two timing columns), lose no committed epoch and leave no
 * temporary or pending file.
 */
class CheckpointFaultInjectionTest {
  private static final Kernels K = KernelSelection.kernels();
  private static final Dataset TRAIN = Synthetic.clusters(64, 6, 3, 3);
  private static final Dataset VALIDATION = Synthetic.clusters(40, 6, 3, 4);
  private static final String CONFIG = "{\"test\":1}\n";
  private static final List<String> COMPARED = List.of(Checkpoint.CONFIG, Checkpoint.INIT, Checkpoint.LAST, Checkpoint.OPTIMIZER,
      Checkpoint.BEST, Checkpoint.STATE, Checkpoint.MODEL);

  @org.junit.jupiter.api.BeforeEach
  void noFsync() {
    FaultInjection.setSync(false);
  }

  @AfterEach
  void removeHook() {
    FaultInjection.set(null);
    FaultInjection.setSync(true);
  }

  static Trainer trainer() {
    Architecture a = new Architecture(6, 8, 3);
    Network net = new Network(a);
    Initializer.GAUSSIAN.initialize(net, 7);
    OptimizerSpec o = OptimizerSpec.of(Method.parse("adam"));
    return new Trainer(net, o, Schedule.constant(0.05, 0),
        TrainingConfig.builder().batch(16).epochs(2).patience(3).threads(1).seed(7).loss(Loss.CROSS_ENTROPY).kernels(K).build());
  }

  /** What TrainCommand does: recover, resume or start fresh, train to the end. */
  static void runToEnd(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Trainer t = trainer()) {
      DivergenceGuard guard = new DivergenceGuard(DivergenceGuard.DEFAULT_FACTOR, DivergenceGuard.DEFAULT_EPOCHS);
      Checkpoint cp = new Checkpoint(dir).withGuard(guard);
      if (Checkpoint.recover(dir) == null) cp.startFresh(CONFIG);
      else cp.resume(t);
      t.addListener(guard).addListener(cp);
      t.fit(TRAIN, VALIDATION, null);
    }
  }

  private static Map<String, Object> snapshot(Path dir) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : COMPARED) m.put(f, Files.readAllBytes(dir.resolve(f)));
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(Checkpoint.METRICS))) {
      String[] c = line.split(",", -1);
      rows.add(String.join(",", java.util.Arrays.copyOf(c, c.length - 2)));
    }
    m.put(Checkpoint.METRICS, rows);
    return m;
  }

  private static void assertSame(Map<String, Object> expected, Map<String, Object> actual, String what) {
    for (String k : expected.keySet()) {
      if (expected.get(k) instanceof byte[] b) assertArrayEquals(b, (byte[]) actual.get(k), what + ": " + k);
      else assertEquals(expected.get(k), actual.get(k), what + ": " + k);
    }
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  @Test
  void abortBeforeAnyFileOperationThenResumeGivesTheUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path ref = tmp.resolve("reference");
    List<Integer> committedAt = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    FaultInjection.set((op, file) -> {
      ops.add(op + " " + file.getFileName());
      Path m = ref.resolve(Checkpoint.MANIFEST);
      committedAt.add(Files.exists(m) ? RunManifest.read(m).epoch() : -1);
    });
    runToEnd(ref);
    FaultInjection.set(null);
    Map<String, Object> expected = snapshot(ref);
    assertTrue(Files.exists(ref.resolve(Checkpoint.BEST)), "the case must exercise best.safetensors");
    int n = ops.size();
    assertTrue(n > 50, "operations of 2 epoch commits: " + n);
    assertTrue(ops.stream().filter(o -> o.equals("rename " + Checkpoint.MANIFEST)).count() == 3, "2 epoch commits and 1 final: " + ops);

    for (int i = 0; i < n; i++) {
      // a kill before every operation; a full disk before every third one (the same code paths, twice the time)
      for (boolean kill : i % 3 == 0 ? new boolean[] {true, false} : new boolean[] {true}) {
        Path dir = tmp.resolve((kill ? "kill-" : "disk-") + i);
        int at = i;
        int[] count = {0};
        FaultInjection.set((op, file) -> {
          if (count[0]++ == at) {
            if (kill) throw new FaultInjection.Crash("killed before " + op + " " + file);
            throw new IOException("No space left on device");
          }
        });
        String what = (kill ? "kill" : "full disk") + " before operation " + i + " (" + ops.get(i) + ")";
        if (kill) {
          assertThrows(FaultInjection.Crash.class, () -> runToEnd(dir), what);
        } else {
          UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            try {
              runToEnd(dir);
            } catch (IOException io) {
              throw new UncheckedIOException(io);
            }
          }, what);
          String msg = e.getCause().getMessage();
          assertTrue(msg.contains(dir.toString()) && msg.contains("No space left on device"), what + ": message names the file: " + msg);
        }
        FaultInjection.set(null);
        Checkpoint.Committed c = Checkpoint.recover(dir);
        assertEquals(committedAt.get(i), c == null ? -1 : c.epoch(), what + ": the epoch committed before the fault is kept, no later one");
        runToEnd(dir);
        assertSame(expected, snapshot(dir), what);
        assertEquals(List.of(), leftovers(dir), what + ": temporary or pending files left");
      }
    }
  }

  @Test
  void uncommittedPendingFilesAreDiscardedAndCommittedOnesFinished(@TempDir Path dir) throws Exception {
    runToEnd(dir);
    byte[] state = Files.readAllBytes(dir.resolve(Checkpoint.STATE));
    // a pending file of an epoch that never committed: discarded
    Files.writeString(dir.resolve(".state.json.pending"), "{\"epochs_done\":99}");
    Files.writeString(dir.resolve(".last.safetensors.1a2b.tmp"), "torn");
    assertEquals(2, Checkpoint.recover(dir).epoch());
    assertArrayEquals(state, Files.readAllBytes(dir.resolve(Checkpoint.STATE)));
    assertEquals(List.of(), leftovers(dir));
    // a committed file changed afterwards: refused, naming the file
    Files.writeString(dir.resolve(Checkpoint.STATE), "{}");
    Exception e = assertThrows(org.pathnorm.io.DataFormatException.class, () -> Checkpoint.recover(dir));
    assertTrue(e.getMessage().contains(dir.resolve(Checkpoint.STATE) + ": expected ") && e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void epochCommitsRunOnTheCommittingThreadAndTheResultOnTheCaller(@TempDir Path dir) throws Exception {
    List<String> committers = java.util.Collections.synchronizedList(new ArrayList<>());
    FaultInjection.set((op, file) -> {
      if ((op + " " + file.getFileName()).equals("rename " + Checkpoint.MANIFEST)) committers.add(Thread.currentThread().getName());
    });
    runToEnd(dir);
    assertEquals(List.of("pathnorm-commit", "pathnorm-commit", Thread.currentThread().getName()), committers,
        "2 epoch commits in the background while the next epoch trains, the result's commit before fit returns");
    assertEquals(2, Checkpoint.recover(dir).epoch());
    assertTrue(Files.exists(dir.resolve(Checkpoint.MODEL)));
  }

  @Test
  void aFailedBackgroundCommitEndsTheRunBeforeAnyLaterFileOperation(@TempDir Path dir) throws Exception {
    java.util.concurrent.atomic.AtomicInteger after = new java.util.concurrent.atomic.AtomicInteger(-1);
    FaultInjection.set((op, file) -> {
      if (after.get() >= 0) {
        after.incrementAndGet();
      } else if (Thread.currentThread().getName().equals("pathnorm-commit")) {
        after.set(0);
        throw new IOException("No space left on device");
      }
    });
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
      try {
        runToEnd(dir);
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
    });
    assertTrue(e.getCause().getMessage().contains("No space left on device"), e.getCause().getMessage());
    assertEquals(0, after.get(), "file operations after the failed commit");
    FaultInjection.set(null);
    assertEquals(null, Checkpoint.recover(dir), "the first epoch's commit failed: nothing is committed");
    assertEquals(List.of(), leftovers(dir));
  }

  @Test
  void identicalRunsGiveByteIdenticalFiles(@TempDir Path dir) throws Exception {
    runToEnd(dir.resolve("a"));
    runToEnd(dir.resolve("b"));
    assertSame(snapshot(dir.resolve("a")), snapshot(dir.resolve("b")), "two identical runs");
  }
}
