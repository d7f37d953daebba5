package org.pathnorm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Sequential;

/**
 * Convolutional models against PyTorch (Debian's {@code python3-torch}), both ways: a model written
 * by {@link ModelFiles} loads into the matching {@code nn.Sequential} with {@code strict=True} and gives
 * the same logits, and a state dict PyTorch trained and wrote (int64 0-d {@code num_batches_tracked}
 * included) loads into the Java model and gives PyTorch's logits. The Python side is
 * {@code src/test/python/torch_roundtrip.py}. In CI (environment variable CI or CI_REQUIRE_TORCH set,
 * as .ci/run does) PyTorch must be importable; elsewhere the test is skipped without it.
 */
class PyTorchRoundTripTest {
  static final String[] SPECS = {
      "3x12x12:c4k3p1-mp2-c6k3s2p1-ap3-fc8-5",
      "2x10x10:c4k3p1bn-mp2-fc6bn-3",
      "1x15x17:c3k5s2p2-mp3s2-c2k1-4",
      "3x32x32:vggref*0.0625-10",
      "3x32x32:vgg*0.0625-10",
  };

  static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  static void requireTorch() throws Exception {
    boolean ok;
    try {
      Process p = new ProcessBuilder(python(), "-c", "import torch").redirectErrorStream(true).start();
      ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      ok = false;
    }
    if (!ok && (System.getenv("CI") != null || System.getenv("CI_REQUIRE_TORCH") != null)) fail(python() + " cannot import torch; CI needs Debian's python3-torch (apt-get install python3-torch)");
    Assumptions.assumeTrue(ok, python() + " cannot import torch (apt-get install python3-torch); skipped outside CI");
  }

  static void writeFloats(Path file, float[] a) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : a) b.putFloat(v);
    Files.write(file, b.array());
  }

  static float[] readFloats(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] a = new float[b.remaining() / 4];
    for (int i = 0; i < a.length; i++) a[i] = b.getFloat();
    return a;
  }

  @Test
  void convModelsRoundTripThroughPyTorch(@TempDir Path tmp) throws Exception {
    requireTorch();
    for (int s = 0; s < SPECS.length; s++) {
      Path dir = Files.createDirectories(tmp.resolve("net" + s));
      ConvNetSpec spec = ConvNetSpec.parse(SPECS[s]);
      Sequential m = spec.build(s + 1);
      SplittableRandom r = new SplittableRandom(s);
      for (Map.Entry<String, float[]> b : m.buffers().entrySet()) {
        float[] v = b.getValue();
        for (int i = 0; i < v.length; i++) v[i] = b.getKey().endsWith("num_batches_tracked") ? 7 : (float) (0.5 + r.nextDouble());
      }
      int n = 5;
      float[] x = new float[n * m.inputSize()];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
      ModelFiles.save(dir.resolve("java.safetensors"), m, Map.of());
      writeFloats(dir.resolve("x.bin"), x);
      writeFloats(dir.resolve("java_logits.bin"), m.predict(x));
      Files.writeString(dir.resolve("modules.txt"), String.join("\n", spec.pytorchModules()) + "\n");
      String shape = SPECS[s].substring(0, SPECS[s].indexOf(':')).replace('x', ',');
      Files.writeString(dir.resolve("meta.json"), "{\"input\": [" + shape + "], \"batch\": " + n + ", \"seed\": " + s + "}");
      Process p = new ProcessBuilder(python(), "src/test/python/torch_roundtrip.py", dir.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), SPECS[s] + ": python did not finish");
      assertEquals(0, p.exitValue(), SPECS[s] + ": " + out);

      Model back = spec.build(99);
      ModelFiles.loadInto(dir.resolve("torch.safetensors"), back);
      float[] expected = readFloats(dir.resolve("torch_logits.bin"));
      float[] got = back.predict(x);
      double scale = 1;
      for (float v : expected) scale = Math.max(scale, Math.abs(v));
      for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-4 * scale, SPECS[s] + " PyTorch → Java logit " + i);
      if (back.usesBatchStatistics()) {
        String key = back.buffers().keySet().stream().filter(k -> k.endsWith("num_batches_tracked")).findFirst().orElseThrow();
        assertEquals(3f, back.buffers().get(key)[0], key + " after PyTorch's three training steps");
      }
    }
  }

  /**
   * Without PyTorch: a file laid out as {@code safetensors.torch.save_file} writes a state dict (the
   * int64 0-d {@code num_batches_tracked}) loads into a batch-norm model.
   */
  @Test
  void pyTorchsIntegerScalarBufferLoads(@TempDir Path dir) throws Exception {
    Sequential m = ConvNetSpec.parse("1x2x2:c2k1bn-3").build(1);
    StringBuilder header = new StringBuilder("{");
    ByteBuffer data = ByteBuffer.allocate(4 * (m.parameterCount() + 4) + 8).order(ByteOrder.LITTLE_ENDIAN);
    int offset = 0;
    for (var t : m.tensors()) {
      header.append('"').append(t.name()).append("\":{\"dtype\":\"F32\",\"shape\":").append(java.util.Arrays.toString(t.shape()).replace(" ", ""))
          .append(",\"data_offsets\":[").append(offset).append(',').append(offset + 4 * t.size()).append("]},");
      for (int i = 0; i < t.size(); i++) data.putFloat(0.5f + i);
      offset += 4 * t.size();
    }
    for (String b : new String[] {"1.running_mean", "1.running_var"}) {
      header.append('"').append(b).append("\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[").append(offset).append(',')
          .append(offset + 8).append("]},");
      data.putFloat(0.25f).putFloat(2f);
      offset += 8;
    }
    header.append("\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[").append(offset).append(',')
        .append(offset + 8).append("]}}");
    data.putLong(12345L);
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer file = ByteBuffer.allocate(8 + h.length + data.position()).order(ByteOrder.LITTLE_ENDIAN);
    file.putLong(h.length).put(h).put(data.array(), 0, data.position());
    Path f = dir.resolve("torch.safetensors");
    Files.write(f, file.array());
    ModelFiles.loadInto(f, m);
    assertEquals(12345f, m.buffers().get("1.num_batches_tracked")[0]);
    assertEquals(2f, m.buffers().get("1.running_var")[1]);
    assertEquals(0.5f, m.parameters()[0]);
  }
}
