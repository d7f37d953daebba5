package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;

/** {@code pathnorm train --model rnn}: sequential images and character-level text, resume, one-line errors. */
class RecurrentTrainCommandTest {

  @Test
  void trainsAnRnnOnSequentialDigitsAndResumesBitIdentically(@TempDir Path dir) throws Exception {
    String[] common = {"train", "--model", "rnn", "--data", "seq:digits", "--hidden", "12", "--rnn-init", "irnn", "--optimizer", "path-sgd",
        "--lr", "0.01", "--batch", "50", "--validation", "200", "--seed", "3", "--quiet"};
    Path full = dir.resolve("full");
    String[] r = TrainCommandTest.run(concat(common, "--epochs", "2", "--out", full.toString()));
    assertEquals("0", r[0], r[2]);
    for (String f : List.of("config.json", "metrics.csv", "model.safetensors", "init.safetensors", "state.json")) {
      assertTrue(Files.exists(full.resolve(f)), f + " missing");
    }
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(full.resolve("config.json")));
    assertEquals("rnn", config.get("model"));
    assertEquals(64L, config.get("steps"));
    assertEquals("last_step", config.get("readout"));
    assertEquals(3, Files.readAllLines(full.resolve("metrics.csv")).size(), "header + 2 epochs");
    Sequential m = RecurrentModels.build(64, 1, new int[] {12}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 10,
        RecurrentInit.IRNN, 0);
    ModelFiles.loadInto(full.resolve("model.safetensors"), m);
    Path half = dir.resolve("half");
    assertEquals("0", TrainCommandTest.run(concat(common, "--epochs", "1", "--out", half.toString()))[0]);
    String[] resumed = TrainCommandTest.run(concat(common, "--epochs", "2", "--out", half.toString(), "--resume"));
    assertEquals("0", resumed[0], resumed[2]);
    Sequential h = m.copy();
    ModelFiles.loadInto(half.resolve("model.safetensors"), h);
    assertArrayEquals(m.parameters(), h.parameters(), "resume is bit-identical");
  }

  @Test
  void trainsACharacterModelAndReportsBitsPerCharacter(@TempDir Path dir) throws Exception {
    Path text = randomText(dir, 1, 3000);
    Path run = dir.resolve("run");
    String[] r = TrainCommandTest.run("train", "--model", "rnn", "--data", "text:" + text + ",steps=10,test=0.1", "--hidden", "16",
        "--rnn-init", "gaussian", "--lr", "0.1", "--momentum", "0.9", "--clip-norm", "1", "--batch", "16", "--epochs", "2", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("bits per character"), r[1]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("every_step", config.get("readout"));
    assertEquals(10L, config.get("steps"));
  }

  /** Truncated BPTT (--hidden-state carried): recorded in config.json, bit-identical after --resume (state zeroed at epoch starts). */
  @Test
  void carriesTheHiddenStateAcrossWindowsAndResumesBitIdentically(@TempDir Path dir) throws Exception {
    Path text = randomText(dir, 2, 2500);
    String[] common = {"train", "--model", "rnn", "--data", "text:" + text + ",steps=8,test=0.1", "--hidden", "10", "--rnn-init", "gaussian",
        "--lr", "0.1", "--momentum", "0.9", "--clip-norm", "1", "--batch", "8", "--validation", "16", "--hidden-state", "carried", "--quiet"};
    Path full = dir.resolve("full");
    String[] r = TrainCommandTest.run(concat(common, "--epochs", "3", "--out", full.toString()));
    assertEquals("0", r[0], r[2]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(full.resolve("config.json")));
    assertEquals("carried", config.get("hidden_state"));
    Path half = dir.resolve("half");
    assertEquals("0", TrainCommandTest.run(concat(common, "--epochs", "1", "--out", half.toString()))[0]);
    String[] resumed = TrainCommandTest.run(concat(common, "--epochs", "3", "--out", half.toString(), "--resume"));
    assertEquals("0", resumed[0], resumed[2]);
    assertArrayEquals(Files.readAllBytes(full.resolve("model.safetensors")), Files.readAllBytes(half.resolve("model.safetensors")),
        "resume is bit-identical");
    assertEquals(Files.readAllLines(full.resolve("metrics.csv")).subList(1, 4).stream().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList(),
        Files.readAllLines(half.resolve("metrics.csv")).subList(1, 4).stream().map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList());
    String[] bad = TrainCommandTest.run("train", "--arch", "4-3-2", "--data", "digits", "--hidden-state", "carried", "--out",
        dir.resolve("mlp").toString());
    assertTrue(bad[2].contains("--hidden-state carried"), bad[2]);
  }

  @Test
  void trainsTheAdditionProblemAndReportsTheTestMse(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("add");
    String[] r = TrainCommandTest.run("train", "--model", "rnn", "--data", "addition:steps=10,train=3200,test=300,seed=2", "--hidden", "32",
        "--rnn-init", "gaussian", "--optimizer", "path-sgd", "--lr", "0.01", "--momentum", "0.9", "--batch", "50", "--epochs", "10",
        "--validation", "200", "--seed", "1", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("test MSE ([0-9.]+)").matcher(r[1]);
    assertTrue(m.find(), r[1]);
    double mse = Double.parseDouble(m.group(1));
    assertTrue(mse < 0.05, "test MSE " + mse + " (always 1: 0.167)");
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("squared-error", config.get("loss"));
    assertEquals(10L, config.get("steps"));
    assertEquals(2L, config.get("step_inputs"));
    Sequential s = RecurrentModels.build(10, 2, new int[] {32}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
        RecurrentInit.IRNN, 0);
    ModelFiles.loadInto(run.resolve("model.safetensors"), s);
    org.pathnorm.data.Dataset test = org.pathnorm.data.DatasetSpec.load("addition:steps=10,train=3200,test=300,seed=2", 200).test();
    assertEquals(mse, s.evaluate(test.features(), test.targets()).loss(), 1e-5, "the saved model scores the printed MSE");
    String[] ce = TrainCommandTest.run("train", "--model", "rnn", "--data", "addition:steps=4,train=100,test=10", "--loss", "ce",
        "--epochs", "1", "--out", dir.resolve("ce").toString());
    assertEquals("1", ce[0]);
    assertTrue(ce[2].contains("--loss squared-error") && ce[2].strip().lines().count() == 1, ce[2]);
    String[] mlp = TrainCommandTest.run("train", "--arch", "20-10-1", "--data", "addition:steps=10,train=100,test=10", "--epochs", "1",
        "--out", dir.resolve("mlp").toString());
    assertEquals("1", mlp[0]);
    assertTrue(mlp[2].contains("--model rnn"), mlp[2]);
  }

  @Test
  void badRecurrentOptionsGiveOneLineErrors(@TempDir Path dir) {
    String out = dir.resolve("x").toString();
    String[][] cases = {
        {"--model", "gru", "--data", "seq:digits"},
        {"--model", "rnn", "--data", "seq:digits", "--nonlinearity", "sigmoid"},
        {"--model", "rnn", "--data", "seq:digits", "--rnn-init", "orthogonal"},
        {"--model", "rnn", "--data", "seq:digits", "--step-inputs", "5"},
        {"--model", "rnn", "--data", "seq:digits", "--arch", "64-10"},
        {"--model", "rnn", "--data", "seq:digits", "--hidden", "0"},
        {"--data", "digits"},
        {"--model", "rnn", "--data", "seq:digits", "--clip-norm", "0"}};
    String[] expected = {"--model", "--activation", "--rnn-init", "--step-inputs", "--arch", "--hidden", "--arch", "--clip-norm"};
    for (int i = 0; i < cases.length; i++) {
      String[] r = TrainCommandTest.run(concat(concat(new String[] {"train", "--epochs", "1", "--quiet"}, cases[i]), "--out", out));
      assertEquals("1", r[0], String.join(" ", cases[i]) + ": " + r[2]);
      assertTrue(r[2].contains(expected[i]), r[2]);
      assertEquals(1, r[2].strip().lines().count(), r[2]);
    }
  }

  static String[] concat(String[] a, String... b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** t.txt in {@code dir}: {@code length} characters drawn from "abcab " with the given seed. */
  private static Path randomText(Path dir, long seed, int length) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < length; i++) b.append("abcab ".charAt(rnd.nextInt(6)));
    return Files.writeString(dir.resolve("t.txt"), b);
  }
}
