package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} (and SIGINT, Ctrl-C) of the packaged jar's {@code train} at random instants, half of them just after an
 * epoch line (around a commit): after each kill the run is resumed, and once it completes its files
 * must equal an uninterrupted run's byte for byte. Also: a second process on the same run directory
 * is refused while the first holds it. A tiny network on tiny data keeps this to seconds.
 */
class CrashIT {
  private static final Path JAR = Paths.get(System.getProperty("pathnorm.jar", "target/pathnorm.jar"));
  private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  private static final List<String> TRAIN = List.of("train", "--data", "synthetic:n=300,d=8,c=3,seed=1", "--arch", "8-12-3",
      "--optimizer", "adam", "--lr", "0.01", "--batch", "8", "--validation", "40", "--patience", "20");
  private static final List<String> COMPARED = List.of("config.json", "init.safetensors", "last.safetensors", "optimizer.safetensors",
      "best.safetensors", "state.json", "model.safetensors", "measures.json");

  private static Process start(Path dir, boolean quiet, String... extra) throws IOException {
    assertTrue(Files.isRegularFile(JAR), "missing " + JAR + ": run `mvn package` first");
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", JAR.toString()));
    cmd.addAll(TRAIN);
    if (!Arrays.asList(extra).contains("--epochs")) cmd.addAll(List.of("--epochs", "10"));
    cmd.addAll(List.of("--out", dir.toString()));
    if (Files.exists(dir.resolve("config.json"))) cmd.add("--resume");
    if (quiet) cmd.add("--quiet");
    cmd.addAll(Arrays.asList(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (quiet) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  private static void finish(Path dir) throws Exception {
    Process p = start(dir, false);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
    assertEquals(0, p.exitValue(), out);
  }

  private static List<String> metricsWithoutTimes(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("metrics.csv"))) {
      String[] c = line.split(",", -1);
      rows.add(String.join(",", Arrays.copyOf(c, c.length - 2)));
    }
    return rows;
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does. */
  private static void interrupt(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectErrorStream(true).start();
    int rc = kill.waitFor();
    // kill fails only if the run ended by itself in the meantime (then it is resumed like the others)
    assertTrue(rc == 0 || !p.isAlive(), "kill -INT " + p.pid() + " exited " + rc + " with the process alive");
  }

  /** kill -9 (two in three) and Ctrl-C (SIGINT, one in three) at random instants, each followed by a resume. */
  @Test
  void killNineAtRandomInstantsThenResumeGivesTheUninterruptedRun(@TempDir Path tmp) throws Exception {
    Path ref = tmp.resolve("reference");
    long t0 = System.nanoTime();
    finish(ref);
    long refMillis = (System.nanoTime() - t0) / 1_000_000;
    Random rnd = new Random(20261124);
    int kills = 0;
    int chains = 0;
    List<String> log = new ArrayList<>();
    while (kills < 20) {
      Path dir = tmp.resolve("chain-" + chains++);
      for (int attempt = 0; attempt < 12 && kills < 20; attempt++) {
        boolean atEpoch = attempt % 2 == 1;
        Process p = start(dir, !atEpoch);
        boolean killed;
        if (atEpoch) {
          // kill just after an epoch line, i.e. while or right after that epoch commits
          BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          int skip = rnd.nextInt(3);
          String line;
          while ((line = r.readLine()) != null && !(line.startsWith("epoch") && skip-- == 0)) { }
          if (line != null) Thread.sleep(rnd.nextInt(4));
          killed = p.isAlive();
        } else {
          killed = !p.waitFor(rnd.nextInt((int) Math.max(50, refMillis)), TimeUnit.MILLISECONDS);
        }
        if (killed) {
          if (kills % 3 == 2) interrupt(p);   // Ctrl-C: SIGINT, the JVM's shutdown sequence runs
          else p.destroyForcibly();          // kill -9
          kills++;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        log.add(dir.getFileName() + (killed ? " killed" : " exit " + p.exitValue()));
        if (!killed) {
          assertEquals(0, p.exitValue(), String.join("; ", log));
          break;
        }
      }
      finish(dir);
      for (String f : COMPARED) {
        assertArrayEquals(Files.readAllBytes(ref.resolve(f)), Files.readAllBytes(dir.resolve(f)), f + " after " + log);
      }
      assertEquals(metricsWithoutTimes(ref), metricsWithoutTimes(dir), "metrics.csv after " + log);
      try (Stream<Path> s = Files.list(dir)) {
        assertEquals(List.of(".pathnorm.lock"), s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
      }
    }
    assertTrue(kills >= 20, log.toString());
  }

  @Test
  void aSecondProcessOnTheSameRunDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("run");
    Process first = start(dir, false, "--epochs", "400");
    BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.startsWith("epoch")) { }
    assertTrue(line != null && first.isAlive(), "the first run is training");
    Process second = start(dir, false, "--epochs", "400");
    String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    first.destroyForcibly().waitFor();
    assertEquals(1, second.exitValue(), out);
    assertTrue(out.contains("--out " + dir + ": another pathnorm process (pid " + first.pid() + ") is writing this run directory"), out);
    assertEquals(1, out.strip().lines().count(), "one line: " + out);
  }
}
