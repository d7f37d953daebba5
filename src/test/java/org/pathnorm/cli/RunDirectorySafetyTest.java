package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.train.RunLock;
import picocli.CommandLine;

/** The CLI side of crash safety: resume checks, the run lock, validation before writing and the one-line messages. */
class RunDirectorySafetyTest {
  private static final String[] TINY = {"train", "--arch", "64-8-10", "--batch", "64", "--epochs", "1", "--quiet"};

  /** Runs the CLI; returns {exit code, stdout, stderr} with System.err captured too (picocli's warnings go there). */
  static String[] run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    PrintStream out0 = System.out;
    PrintStream err0 = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      exit = cl.execute(args);
    } finally {
      System.setOut(out0);
      System.setErr(err0);
    }
    return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err + sysErr.toString(StandardCharsets.UTF_8)};
  }

  private static String[] with(String[] a, String... b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** Exit 1 with one line naming each piece. */
  private static void refused(String[] r, String... pieces) {
    assertEquals("1", r[0], r[1] + r[2]);
    assertEquals(1, r[2].strip().lines().count(), "one line: " + r[2]);
    assertFalse(r[2].contains("\tat ") || r[2].contains("Exception"), "no stack trace: " + r[2]);
    for (String p : pieces) assertTrue(r[2].contains(p), "'" + p + "' missing from: " + r[2]);
  }

  @Test
  void resumeRefusesEverySettingThatChangesTheResult(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    assertEquals("0", run(with(TINY, "--out", run.toString()))[0]);
    byte[] manifest = Files.readAllBytes(run.resolve("checkpoint.json"));
    String[] resume = {"train", "--arch", "64-8-10", "--batch", "64", "--epochs", "2", "--quiet", "--out", run.toString(), "--resume"};
    refused(run(with(resume, "--lr", "0.05")), "setting lr (--lr)", "0.05", "0.1", run.resolve("config.json").toString());
    refused(run(with(resume, "--seed", "2")), "setting seed (--seed)", "is 2", "but 1");
    refused(run(with(resume, "--data", "synthetic:n=500,d=64,c=10")), "setting data.spec (--data)", "'synthetic:n=500,d=64,c=10'", "'digits'");
    refused(run(with(resume, "--random-labels", "0.5")), "setting data.options.random_labels (--random-labels)", "0.5", "0.0");
    String[] b = {"train", "--arch", "64-8-10", "--batch", "32", "--quiet", "--out", run.toString(), "--resume", "--epochs", "2"};
    refused(run(b), "setting batch (--batch)", "32", "64");
    assertArrayEquals(manifest, Files.readAllBytes(run.resolve("checkpoint.json")), "a refused resume changes nothing");
    // --threads and --epochs may change
    String[] r = run(with(resume, "--threads", "2"));
    assertEquals("0", r[0], r[2]);
  }

  @Test
  void aFreshRunWritesItsOwnInitOverAnUncommittedAttempt(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("seed2");
    assertEquals("0", run(with(TINY, "--seed", "2", "--out", other.toString()))[0]);
    Path clean = dir.resolve("clean");
    assertEquals("0", run(with(TINY, "--out", clean.toString()))[0]);
    // a run killed in epoch 1 (before any commit) with --seed 2, restarted with --seed 1
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.copy(other.resolve("init.safetensors"), run.resolve("init.safetensors"));
    Files.copy(other.resolve("config.json"), run.resolve("config.json"));
    Files.writeString(run.resolve(".last.safetensors.pending"), "half");
    assertEquals("0", run(with(TINY, "--out", run.toString()))[0]);
    assertArrayEquals(Files.readAllBytes(clean.resolve("init.safetensors")), Files.readAllBytes(run.resolve("init.safetensors")));
    assertArrayEquals(Files.readAllBytes(clean.resolve("model.safetensors")), Files.readAllBytes(run.resolve("model.safetensors")));
    assertFalse(Files.exists(run.resolve(".last.safetensors.pending")));
  }

  @Test
  void aLockedRunDirectoryIsRefused(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    try (RunLock lock = RunLock.acquire(run, "--out")) {
      refused(run(with(TINY, "--out", run.toString())), "--out " + run + ": another pathnorm process (pid " + ProcessHandle.current().pid()
          + ") is writing this run directory");
      refused(run("reproduce", "unbalanced", "--quiet", "--out", run.toString()), "another pathnorm process");
    }
    assertEquals("0", run(with(TINY, "--out", run.toString()))[0], "free again once released");
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("never");
    String o = out.toString();
    refused(run(with(TINY, "--lr", "NaN", "--out", o)), "--lr: expected a finite number > 0, got NaN");
    refused(run(with(TINY, "--lr", "-0.1", "--out", o)), "--lr: expected a finite number > 0, got -0.1");
    refused(run(with(TINY, "--weight-decay", "-1e-4", "--out", o)), "--weight-decay: expected a finite number >= 0, got -1.0E-4");
    refused(run(with(TINY, "--momentum", "1", "--out", o)), "--momentum: expected a number in [0, 1), got 1.0");
    refused(run("train", "--arch", "64-8-10", "--batch", "2000000000", "--quiet", "--out", o), "--batch: expected 1..1438", "2000000000");
    refused(run(with(TINY, "--data", "mnist:" + dir.resolve("missing"), "--out", o)), "missing");
    refused(run(with(TINY, "--divergence-factor", "0.5", "--out", o)), "--divergence-factor: expected a finite number > 1, got 0.5");
    refused(run("train", "--arch", "64-40000-40000-10", "--quiet", "--out", o), "GiB of memory", "PATHNORM_JAVA_OPTS=-Xmx");
    refused(run("reproduce", "unbalanced", "--quiet", "--data", "mnist:" + dir.resolve("missing"), "--out", o), "missing");
    refused(run("reproduce", "unbalanced", "--quiet", "--threads", "0", "--out", o), "--threads: expected an integer >= 1, got 0");
    assertFalse(Files.exists(out), "a refused command leaves no directory");
    Path file = Files.writeString(dir.resolve("afile"), "x");
    refused(run(with(TINY, "--out", file.toString())), "--out " + file + ": expected a directory (existing or new), found a file");
    refused(run(with(TINY, "--resume", "--out", dir.resolve("empty").toString())), "--resume", "holds no run");
  }

  @Test
  void measuresRefusesMissingAndNonFiniteModels(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.safetensors");
    refused(run("measures", "--model", missing.toString()), "--model " + missing + ": expected a .safetensors file, found no such file");
    Network net = new Network(new Architecture(64, 4, 10));
    net.parameters()[5] = Float.NaN;
    Path bad = dir.resolve("nan.safetensors");
    NetworkFiles.save(bad, net, Map.of());
    refused(run("measures", "--model", bad.toString()), bad + ": tensor 0.weight: expected finite values, found NaN at index 5");
  }

  @Test
  void helpAndUsageErrorsPrintNoPicocliWarnings() {
    String[] r = run("train", "--help");
    assertEquals("0", r[0]);
    assertFalse(r[2].contains("WARN") || r[1].contains("WARN"), r[2]);
    assertTrue(r[1].contains("+13% per step"), "the percent sign is printed");
    r = run("train", "--arch");
    assertFalse(r[2].contains("WARN"), r[2]);
  }

  @Test
  void filesRespectTheUmaskAndIdenticalRunsAreByteIdentical(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals("0", run(with(TINY, "--out", a.toString()))[0]);
    assertEquals("0", run(with(TINY, "--out", b.toString()))[0]);
    for (String f : List.of("init.safetensors", "last.safetensors", "optimizer.safetensors", "model.safetensors", "state.json")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    if (!a.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
    Path plain = Files.newOutputStream(dir.resolve("plain")).equals(null) ? null : dir.resolve("plain");
    var expected = Files.getPosixFilePermissions(plain);
    for (String f : List.of("config.json", "model.safetensors", "metrics.csv", "checkpoint.json")) {
      assertEquals(expected, Files.getPosixFilePermissions(a.resolve(f)), f + " has the permissions of any new file (the umask's)");
    }
  }
}
