package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.io.Safetensors;
import org.pathnorm.nn.RecurrentModels.Readout;

/**
 * Files of recurrent models against Debian's PyTorch ({@code python3-torch}), both directions: a model
 * saved here loads into {@code nn.RNN(nonlinearity=…, batch_first=True)} + {@code nn.Linear} with
 * {@code strict=True} and gives our outputs, and a model made by PyTorch loads here and gives its
 * outputs (src/test/python/rnn_roundtrip.py). Skipped only where PyTorch is missing and neither
 * {@code CI} nor {@code CI_REQUIRE_TORCH} is set; CI installs python3-torch and sets CI_REQUIRE_TORCH.
 */
class RecurrentPyTorchTest {
  private static String python;

  @BeforeAll
  static void findPyTorch() {
    String override = System.getenv("PATHNORM_PYTHON");
    for (String candidate : override != null ? List.of(override) : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import torch, numpy").redirectErrorStream(true).start();
        if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
          python = candidate;
          break;
        }
        p.destroyForcibly();
      } catch (IOException | InterruptedException e) {
        // try the next interpreter
      }
    }
    boolean required = System.getenv("CI") != null || System.getenv("CI_REQUIRE_TORCH") != null;
    if (python == null && required) throw new AssertionError("python3 with torch and numpy not found, and CI requires this test");
    Assumptions.assumeTrue(python != null, "PyTorch (python3-torch) not installed: the round trip is skipped here (CI runs it)");
  }

  @Test
  void modelsRoundTripThroughPyTorch(@TempDir Path dir) throws Exception {
    record Case(int steps, int d, int[] hidden, Recurrent.Activation act, Readout readout, int v) {}
    for (Case c : List.of(new Case(7, 3, new int[] {5}, Recurrent.Activation.RELU, Readout.LAST_STEP, 2),
        new Case(5, 2, new int[] {4, 4}, Recurrent.Activation.RELU, Readout.EVERY_STEP, 3),
        new Case(6, 2, new int[] {6}, Recurrent.Activation.TANH, Readout.LAST_STEP, 1))) {
      Sequential ours = RecurrentTest.model(c.steps, c.d, c.hidden, c.act, c.readout, c.v, 41);
      int batch = 4;
      float[] x = ModelContract.inputs(ours, batch, 3);
      ModelFiles.save(dir.resolve("pathnorm.safetensors"), ours, Map.of());
      Map<String, Safetensors.Tensor> in = new LinkedHashMap<>();
      in.put("x", new Safetensors.Tensor("F32", new long[] {batch, c.steps, c.d}, x));
      Safetensors.write(dir.resolve("inputs.safetensors"), in, Map.of());
      run(dir, c.d, c.hidden[0], c.hidden.length, c.v, c.act == Recurrent.Activation.RELU ? "relu" : "tanh",
          c.readout == Readout.LAST_STEP ? "last" : "every");
      String what = ours.describe();
      close(ours.predict(x), read(dir.resolve("outputs.safetensors")), what + ": PathNorm's model in PyTorch");
      Sequential theirs = RecurrentModels.build(c.steps, c.d, c.hidden, c.act, c.readout, c.v, RecurrentInit.IRNN, 0);
      ModelFiles.loadInto(dir.resolve("torch.safetensors"), theirs);
      float[] torchOut = read(dir.resolve("torch_outputs.safetensors"));
      close(theirs.predict(x), torchOut, what + ": PyTorch's model in PathNorm");
      double spread = 0;
      for (float v : torchOut) spread = Math.max(spread, Math.abs(v));
      assertTrue(spread > 1e-3, "PyTorch's outputs are not trivially zero");
    }
  }

  private static void run(Path dir, int d, int h, int layers, int v, String act, String readout) throws Exception {
    Path script = Path.of("src/test/python/rnn_roundtrip.py").toAbsolutePath();
    ProcessBuilder pb = new ProcessBuilder(python, script.toString(), dir.toString(), "" + d, "" + h, "" + layers, "" + v, act, readout)
        .redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), "rnn_roundtrip.py failed:\n" + log);
  }

  private static float[] read(Path file) throws IOException {
    return Safetensors.read(file).tensors().get("y").data();
  }

  private static void close(float[] ours, float[] theirs, String what) {
    assertEquals(ours.length, theirs.length, what + ": output count");
    for (int i = 0; i < ours.length; i++) assertEquals(theirs[i], ours[i], 1e-5 * Math.max(1, Math.abs(theirs[i])), what + ", output " + i);
  }

  /** The script refuses a file with a missing tensor (strict=True is real). */
  @Test
  void strictLoadingRejectsAMissingTensor(@TempDir Path dir) throws Exception {
    Sequential ours = RecurrentTest.model(3, 2, new int[] {3}, Recurrent.Activation.RELU, Readout.LAST_STEP, 1, 2);
    Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
    for (ParameterTensor p : ours.tensors()) {
      if (p.name().equals("rnn.bias_hh_l0")) continue;
      t.put(p.name(), new Safetensors.Tensor("F32", java.util.Arrays.stream(p.shape()).asLongStream().toArray(),
          java.util.Arrays.copyOfRange(ours.parameters(), p.offset(), p.offset() + p.size())));
    }
    Safetensors.write(dir.resolve("pathnorm.safetensors"), t, Map.of());
    Map<String, Safetensors.Tensor> in = new LinkedHashMap<>();
    in.put("x", new Safetensors.Tensor("F32", new long[] {1, 3, 2}, new float[6]));
    Safetensors.write(dir.resolve("inputs.safetensors"), in, Map.of());
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> run(dir, 2, 3, 1, 1, "relu", "last"));
    assertTrue(e.getMessage().contains("bias_hh_l0"), e.getMessage());
  }
}
