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
    Path text = dir.resolve("t.txt");
    StringBuilder b = new StringBuilder();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    for (int i = 0; i < 3000; i++) b.append("abcab ".charAt(rnd.nextInt(6)));
    Files.writeString(text, b);
    Path run = dir.resolve("run");
    String[] r = TrainCommandTest.run("train", "--model", "rnn", "--data", "text:" + text + ",steps=10,test=0.1", "--hidden", "16",
        "--rnn-init", "gaussian", "--lr", "0.1", "--momentum", "0.9", "--clip-norm", "1", "--batch", "16", "--epochs", "2", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("bits per character"), r[1]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("every_step", config.get("readout"));
    assertEquals(10L, config.get("steps"));
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
}
