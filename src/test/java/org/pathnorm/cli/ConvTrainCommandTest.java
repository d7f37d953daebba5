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
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Sequential;

/** {@code pathnorm train} with a convolutional {@code --arch}. */
class ConvTrainCommandTest {
  static final String ARCH = "1x8x8:c6k3p1-mp2-c8k3p1bn-fc16-10";

  static String[] train(Path out, String arch, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", "digits", "--arch", arch, "--lr", "0.05", "--momentum", "0.9",
        "--batch", "32", "--validation", "200", "--threads", "2", "--out", out.toString()));
    args.addAll(List.of(more));
    return TrainCommandTest.run(args.toArray(new String[0]));
  }

  @Test
  void convRunsTrainResumeAndMatchAnUninterruptedRun(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] r = train(run, ARCH, "--epochs", "2");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("epoch 2/2"), r[1]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals(ARCH, config.get("arch"));
    assertTrue(((String) config.get("pytorch")).startsWith("nn.Conv2d(1, 6, 3, stride=1, padding=1), nn.ReLU()"), (String) config.get("pytorch"));
    String[] resumed = train(run, ARCH, "--epochs", "3", "--resume");
    assertEquals("0", resumed[0], resumed[2]);
    assertTrue(resumed[1].contains("resuming"), resumed[1]);

    Path straight = dir.resolve("straight");
    assertEquals("0", train(straight, ARCH, "--epochs", "3", "--quiet")[0]);
    Sequential a = ConvNetSpec.parse(ARCH).build(0), b = ConvNetSpec.parse(ARCH).build(0);
    ModelFiles.loadInto(run.resolve("model.safetensors"), a);
    ModelFiles.loadInto(straight.resolve("model.safetensors"), b);
    assertArrayEquals(b.parameters(), a.parameters(), "resumed = uninterrupted");
    for (var e : a.buffers().entrySet()) assertArrayEquals(b.buffers().get(e.getKey()), e.getValue(), e.getKey());
    double error = Double.parseDouble(Files.readAllLines(run.resolve("metrics.csv")).get(3).split(",")[5]);
    assertTrue(error < 0.2, "training error after 3 epochs " + error);
  }

  /**
   * A conv run ends with measures.json (batch norm folded: d = 3 convolution and dense layers, their
   * weights and biases counted); {@code pathnorm measures --arch} on its files gives the same values, and
   * without {@code --arch} a conv file is refused in one line.
   */
  @Test
  void convRunsWriteMeasuresAndMeasuresReadsConvFiles(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] r = train(run, ARCH, "--epochs", "1", "--quiet", "--init", "gaussian");
    assertEquals("0", r[0], r[2]);
    Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
    assertEquals("gaussian", config.get("init"));
    Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(run.resolve("measures.json")));
    assertEquals(4.0, ((Number) m.get("depth")).doubleValue());
    // conv 6×9+6, conv 8×54+8 (the batch norm folded into it), dense 16×128+16, dense 10×16+10
    assertEquals(6 * 9 + 6 + 8 * 54 + 8 + 16 * 128 + 16 + 10 * 16 + 10, ((Number) m.get("parameters")).doubleValue());
    double phi2 = ((Number) m.get("l2_path_norm")).doubleValue();
    assertTrue(phi2 > 0 && Double.isFinite(phi2), m.toString());
    Path out = dir.resolve("m.json");
    String[] measured = TrainCommandTest.run("measures", "--model", run.resolve("model.safetensors").toString(), "--arch", ARCH, "--init",
        run.resolve("init.safetensors").toString(), "--data", "digits", "--validation", "200", "--svd-max-work", "0", "--json",
        "--out", out.toString());
    assertEquals("0", measured[0], measured[2]);
    Map<?, ?> again = (Map<?, ?>) Json.parse(Files.readString(out));
    for (String key : new String[] {"l2_path_norm", "frobenius_product", "spectral_norm_product", "margin", "dist_frobenius"}) {
      assertEquals(((Number) m.get(key)).doubleValue(), ((Number) again.get(key)).doubleValue(),
          1e-9 * Math.abs(((Number) m.get(key)).doubleValue()), key);
    }
    String[] noArch = TrainCommandTest.run("measures", "--model", run.resolve("model.safetensors").toString(), "--data", "digits");
    assertEquals("1", noArch[0]);
    assertTrue(noArch[2].contains("--arch: " + run.resolve("model.safetensors") + " holds convolution kernels"), noArch[2]);
  }

  @Test
  void badConvArchitecturesAreRefusedInOneLine(@TempDir Path dir) {
    String[] shape = train(dir.resolve("a"), "3x32x32:c8k3-10", "--epochs", "1");
    assertEquals("1", shape[0]);
    assertTrue(shape[2].contains("--arch 3x32x32:c8k3-10: takes samples of 3x32x32 (3072 values), the data has 1x8x8 (64 values)"), shape[2]);
    String[] token = train(dir.resolve("b"), "1x8x8:c8q3-10", "--epochs", "1");
    assertTrue(token[2].contains("--arch 1x8x8:c8q3-10: token 'c8q3': expected"), token[2]);
    String[] fit = train(dir.resolve("c"), "1x8x8:mp2-mp2-mp2-mp2-10", "--epochs", "1");
    assertTrue(fit[2].contains("max pool: a 2x2 window does not fit a 1x1 input"), fit[2]);
    String[] pathSgd = train(dir.resolve("d"), ARCH, "--epochs", "1", "--optimizer", "path-sgd");
    assertTrue(pathSgd[2].contains("normalises with batch statistics"), pathSgd[2]);
    String[] vgg = train(dir.resolve("e"), "1x8x8:vgg*x-10", "--epochs", "1");
    assertTrue(vgg[2].contains("width multiplier must be > 0, got 'x'") || vgg[2].contains("token 'vgg*x'"), vgg[2]);
  }

  @Test
  void pathSgdTrainsAConvNetWithoutBatchNorm(@TempDir Path dir) {
    String[] r = train(dir.resolve("p"), "1x8x8:c6k3p1-mp2-c8k3p1-fc16-10", "--epochs", "1", "--optimizer", "path-sgd");
    assertEquals("0", r[0], r[2]);
  }
}
