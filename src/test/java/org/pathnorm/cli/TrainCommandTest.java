package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.pathnorm.io.Json;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.nn.Network;
import picocli.CommandLine;

class TrainCommandTest {

  /** Runs the CLI; returns {exit code, stdout, stderr}. */
  static String[] run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = cl.execute(args);
    } finally {
      System.setOut(original);
    }
    return new String[] {Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString()};
  }

  @Test
  void trainWritesARunDirectoryAndResumes(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] r = run("train", "--data", "digits", "--arch", "64-32-10", "--lr", "0.1", "--momentum", "0.9", "--batch", "32",
        "--epochs", "2", "--validation", "200", "--threads", "2", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("epoch 2/2"), r[1]);
    for (String f : List.of("config.json", "metrics.csv", "model.safetensors", "init.safetensors", "optimizer.safetensors", "state.json")) {
      assertTrue(Files.exists(run.resolve(f)), f + " missing");
    }
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("64-32-10", config.get("arch"));
    assertEquals(1238L, ((Map<?, ?>) config.get("data")).get("train"));
    assertTrue(((String) config.get("kernels")).startsWith("panama") || ((String) config.get("kernels")).startsWith("scalar"));
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    assertEquals(3, metrics.size(), "header + 2 epochs");
    assertTrue(metrics.get(0).startsWith("epoch,step,lr,momentum,train_loss,train_error,val_loss,val_error"));
    assertTrue(!NetworkFiles.load(run.resolve("init.safetensors")).equals(NetworkFiles.load(run.resolve("model.safetensors"))));

    String[] again = run("train", "--arch", "64-32-10", "--out", run.toString());
    assertEquals("1", again[0]);
    assertTrue(again[2].contains("already holds a run; pass --resume"), again[2]);

    String[] resumed = run("train", "--data", "digits", "--arch", "64-32-10", "--lr", "0.1", "--momentum", "0.9", "--batch", "32",
        "--epochs", "3", "--validation", "200", "--threads", "1", "--out", run.toString(), "--resume");
    assertEquals("0", resumed[0], resumed[2]);
    assertTrue(resumed[1].contains("resuming") && resumed[1].contains("epoch 3/3"), resumed[1]);
    assertEquals(4, Files.readAllLines(run.resolve("metrics.csv")).size());

    // the same three epochs without interruption give the same weights
    Path straight = dir.resolve("straight");
    assertEquals("0", run("train", "--data", "digits", "--arch", "64-32-10", "--lr", "0.1", "--momentum", "0.9", "--batch", "32",
        "--epochs", "3", "--validation", "200", "--threads", "2", "--quiet", "--out", straight.toString())[0]);
    assertArrayEquals(NetworkFiles.load(straight.resolve("model.safetensors")).parameters(),
        NetworkFiles.load(run.resolve("model.safetensors")).parameters(), 0f);
  }

  /** --train-loss is recorded in config.json; a resume asking for the other report is refused; a run recorded before the key resumes with full. */
  @Test
  void trainLossIsRecordedAndAResumeMismatchIsRefused(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] common = {"train", "--data", "digits", "--arch", "64-16-10", "--lr", "0.1", "--batch", "64", "--threads", "1", "--quiet",
        "--out", run.toString()};
    String[] r = run(concat(common, "--epochs", "1", "--train-loss", "running"));
    assertEquals("0", r[0], r[2]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("running", config.get("train_loss"));
    String[] mismatch = run(concat(common, "--epochs", "2", "--resume"));
    assertEquals("1", mismatch[0]);
    assertTrue(mismatch[2].contains("setting train_loss (--train-loss) is 'full' in this command but 'running'"), mismatch[2]);
    assertEquals("0", run(concat(common, "--epochs", "2", "--resume", "--train-loss", "running"))[0]);

    // a config.json written before train_loss was recorded: its run reported the full pass
    Path old = dir.resolve("old");
    String[] oldCommon = {"train", "--data", "digits", "--arch", "64-16-10", "--lr", "0.1", "--batch", "64", "--threads", "1", "--quiet",
        "--out", old.toString()};
    assertEquals("0", run(concat(oldCommon, "--epochs", "1"))[0]);
    Path cfg = old.resolve("config.json");
    String text = Files.readString(cfg);
    assertTrue(text.contains(",\"train_loss\":\"full\""), text);
    String older = text.replace(",\"train_loss\":\"full\"", "");
    Files.writeString(cfg, older);
    // and the commit record that vouches for it (as that older version would have written it)
    Path commit = old.resolve("checkpoint.json");
    Files.writeString(commit, Files.readString(commit).replace(
        "\"config.json\":{\"size\":" + text.length() + ",\"sha256\":\"" + sha256(text) + "\"",
        "\"config.json\":{\"size\":" + older.length() + ",\"sha256\":\"" + sha256(older) + "\""));
    String[] runningOnOld = run(concat(oldCommon, "--epochs", "2", "--resume", "--train-loss", "running"));
    assertEquals("1", runningOnOld[0]);
    assertTrue(runningOnOld[2].contains("is 'running' in this command but 'full'"), runningOnOld[2]);
    String[] fullOnOld = run(concat(oldCommon, "--epochs", "2", "--resume"));
    assertEquals("0", fullOnOld[0], fullOnOld[2]);
  }

  @Test
  void divergenceStopsWithAMessageAndCommitsNothingAfterIt(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] r = run("train", "--arch", "64-16-10", "--epochs", "3", "--lr", "1e12", "--quiet", "--out", run.toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("training diverged"), r[2]);
    assertTrue(!Files.exists(run.resolve("checkpoint.json")) && !Files.exists(run.resolve("model.safetensors")));
  }

  @Test
  void badArgumentsNameTheOption(@TempDir Path dir) {
    String[] r = run("train", "--arch", "64-x-10", "--out", dir.resolve("a").toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("--arch"), r[2]);
    r = run("train", "--arch", "30-10", "--out", dir.resolve("b").toString());
    assertTrue(r[2].contains("64 features but the network takes 30 inputs"), r[2]);
    r = run("train", "--arch", "64-10", "--data", "mnist", "--out", dir.resolve("c").toString());
    assertTrue(r[2].contains("--data"), r[2]);
  }

  @Test
  void pathSgdTrainsFromTheCli(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("path");
    String[] r = run("train", "--arch", "64-32-10", "--optimizer", "path-sgd", "--lr", "0.1", "--batch", "32", "--epochs", "4",
        "--quiet", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    String[] last = metrics.get(metrics.size() - 1).split(",");
    assertTrue(Double.parseDouble(last[9]) < 0.2, "test error after 4 epochs of Path-SGD: " + last[9]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("path-sgd", config.get("optimizer"));
    Path every = dir.resolve("every");
    r = run("train", "--arch", "64-32-10", "--optimizer", "path-sgd", "--kappa-every", "5", "--lr", "0.1", "--batch", "32", "--epochs",
        "4", "--quiet", "--out", every.toString());
    assertEquals("0", r[0], r[2]);
    assertEquals(5L, ((Map<?, ?>) Json.parse(Files.readString(every.resolve("config.json")))).get("kappa_every"));
    assertTrue(!Files.readString(every.resolve("metrics.csv")).equals(Files.readString(run.resolve("metrics.csv"))));
    r = run("train", "--arch", "64-32-10", "--optimizer", "sgd", "--kappa-every", "5", "--out", dir.resolve("bad").toString());
    assertTrue(r[2].contains("--kappa-every applies to path-sgd only"), r[2]);
    Path adam = dir.resolve("path-adam");
    r = run("train", "--arch", "64-32-10", "--optimizer", "path-adam", "--lr", "0.01", "--batch", "32", "--epochs", "3",
        "--quiet", "--out", adam.toString());
    assertEquals("0", r[0], r[2]);
    metrics = Files.readAllLines(adam.resolve("metrics.csv"));
    last = metrics.get(metrics.size() - 1).split(",");
    assertTrue(Double.parseDouble(last[9]) < 0.2, "test error after 3 epochs of Path-Adam: " + last[9]);
  }

  @Test
  void ddpSgdTrainsFromTheCliAndRecordsItsChoices(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("ddp");
    String[] r = run("train", "--arch", "64-32-10", "--optimizer", "ddp-sgd", "--alpha", "0.5", "--ddp-statistic", "covariance",
        "--ddp-downstream", "frozen", "--lr", "0.1", "--momentum", "0.9", "--batch", "32", "--epochs", "4", "--quiet", "--out",
        run.toString());
    assertEquals("0", r[0], r[2]);
    List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
    String[] last = metrics.get(metrics.size() - 1).split(",");
    assertTrue(Double.parseDouble(last[9]) < 0.1, "test error after 4 epochs of DDP-SGD: " + last[9]);
    Map<?, ?> ddp = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")))).get("ddp");
    assertEquals(0.5, ((Number) ddp.get("alpha")).doubleValue());
    assertEquals("covariance", ddp.get("statistic"));
    assertEquals("frozen", ddp.get("downstream"));
    r = run("train", "--arch", "64-32-10", "--optimizer", "ddp-sgd", "--alpha", "0", "--ddp-downstream", "frozen", "--out",
        dir.resolve("bad").toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("--ddp-downstream frozen needs --alpha > 0"), r[2]);
    r = run("train", "--arch", "64-32-10", "--optimizer", "ddp-sgd", "--ddp-statistic", "median", "--out", dir.resolve("bad2").toString());
    assertTrue(r[2].contains("--ddp-statistic: expected second-moment or covariance, got 'median'"), r[2]);
  }

  /** DDP-Normalization from the CLI: recorded, trained, and resumed to the same weights and running averages. */
  @Test
  void ddpNormalizationTrainsAndResumesExactly(@TempDir Path dir) throws Exception {
    String[] common = {"train", "--arch", "64-32-10", "--normalization", "ddp", "--alpha", "0", "--ddp-statistic", "covariance",
        "--lr", "0.1", "--momentum", "0.9", "--batch", "32", "--validation", "200", "--patience", "5", "--quiet"};
    Path straight = dir.resolve("straight");
    String[] r = run(concat(common, "--epochs", "4", "--out", straight.toString()));
    assertEquals("0", r[0], r[2]);
    assertEquals("ddp:alpha=0.0,statistic=covariance",
        ((Map<?, ?>) Json.parse(Files.readString(straight.resolve("config.json")))).get("normalization"));
    List<String> metrics = Files.readAllLines(straight.resolve("metrics.csv"));
    assertTrue(Double.parseDouble(metrics.get(metrics.size() - 1).split(",")[9]) < 0.1, metrics.get(metrics.size() - 1));
    Path split = dir.resolve("split");
    assertEquals("0", run(concat(common, "--epochs", "2", "--out", split.toString()))[0]);
    r = run(concat(common, "--epochs", "4", "--out", split.toString(), "--resume"));
    assertEquals("0", r[0], r[2]);
    Network a = NetworkFiles.load(straight.resolve("model.safetensors"));
    Network b = NetworkFiles.load(split.resolve("model.safetensors"));
    assertArrayEquals(a.parameters(), b.parameters());
    assertArrayEquals(a.normalization().runningStatistic(1), b.normalization().runningStatistic(1));
    r = run("train", "--arch", "64-32-10", "--normalization", "ddp", "--optimizer", "path-sgd", "--out", dir.resolve("bad").toString());
    assertTrue(r[2].contains("is not defined on a network that normalises with batch statistics"), r[2]);
  }

  private static String sha256(String ascii) throws Exception {
    byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    StringBuilder b = new StringBuilder();
    for (byte x : h) b.append(String.format("%02x", x));
    return b.toString();
  }

  private static String[] concat(String[] a, String... b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void benchTrainPrintsJson() {
    String[] r = run("bench", "train", "--arch", "20-30-5", "--batch", "16", "--steps", "3", "--warmup", "1", "--repeat", "1", "--json");
    assertEquals("0", r[0], r[2]);
    Map<?, ?> j = (Map<?, ?>) Json.parse(r[1].strip());
    assertTrue(((Number) j.get("samples_per_s")).doubleValue() > 0);
    assertTrue(((Number) j.get("ms_per_step")).doubleValue() > 0);
    assertEquals(16L, j.get("batch"));
  }
}
