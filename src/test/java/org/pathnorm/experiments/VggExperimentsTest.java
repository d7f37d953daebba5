package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;
import org.pathnorm.simd.KernelSelection;

/**
 * E9–E11 with conv nets (docs/algorithms.md §4 E9–E11): their cells at every scale, and one cell of each run at smoke
 * scale on generated 8×8 images (IDX files written here), through training, the conv measures and result.json.
 */
class VggExperimentsTest {

  /**
   * Multiply-adds of one forward pass of {@code 3x32x32:vgg-10}, written out: the eight 3×3 convolutions
   * (out · in·9 · positions), their batch norms (one per value: channels · positions) and the two dense layers.
   */
  static final long MACS_VGG_CIFAR = 64L * 27 * 1024 + 64L * 576 * 1024 + 128L * 576 * 256 + 128L * 1152 * 256 + 256L * 1152 * 64
      + 256L * 2304 * 64 + 512L * 2304 * 16 + 512L * 4608 * 16 + 2L * (64 * 1024 + 128 * 256 + 256 * 64 + 512 * 16)
      + 512L * 512 + 512L * 10;

  /** IDX files of n training and t test images [rows × cols] whose label c lights pixel block c, with noise. */
  static Path images(Path dir, int n, int t, int rows, int cols, long seed) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom r = new SplittableRandom(seed);
    for (String part : new String[] {"train", "t10k"}) {
      int count = part.equals("train") ? n : t;
      byte[] px = new byte[count * rows * cols];
      byte[] labels = new byte[count];
      for (int i = 0; i < count; i++) {
        int c = r.nextInt(10);
        labels[i] = (byte) c;
        for (int e = 0; e < rows * cols; e++) px[i * rows * cols + e] = (byte) r.nextInt(60);
        int y0 = (c / 4) * 2, x0 = (c % 4) * 2;
        for (int y = y0; y < y0 + 2; y++) for (int x = x0; x < x0 + 2; x++) px[i * rows * cols + y * cols + x] = (byte) 250;
      }
      Files.write(dir.resolve(part + "-images-idx3-ubyte"), idx(0x803, new int[] {count, rows, cols}, px));
      Files.write(dir.resolve(part + "-labels-idx1-ubyte"), idx(0x801, new int[] {count}, labels));
    }
    return dir;
  }

  static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(b);
    o.writeInt(magic);
    for (int d : dims) o.writeInt(d);
    o.write(data);
    return b.toByteArray();
  }

  /** The same cell with an epoch budget of {@code epochs}. */
  static ConvRunSpec shortened(ConvRunSpec c, int epochs) {
    return new ConvRunSpec(c.data(), c.transforms(), c.arch(), c.init(), c.lr(), c.momentum(), c.dropout(), c.batch(), epochs, c.seed(),
        c.stopLoss(), c.testSamples(), c.measures());
  }

  static ConvRunSpec cell(List<Cell> cells, String id) {
    return (ConvRunSpec) cells.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().spec();
  }

  @Test
  void smokeCellsTrainConvNetsAndMeasureThem(@TempDir Path dir) throws IOException {
    Path data = images(dir.resolve("data"), 1300, 100, 8, 8, 1);
    Settings s = new Settings(Scale.SMOKE, "mnist:" + data, 1);
    String arch = "1x8x8:c16k3p1bn-mp2-c32k3p1bn-mp2-fc128-10";
    List<Cell> e9 = new RandomLabels().cells(s), e10 = new SharpnessExperiment().cells(s), e11 = new MixedLabels().cells(s);
    assertEquals(6, e9.size());
    assertEquals(6, e10.size());
    assertEquals(4, e11.size());
    for (List<Cell> cells : List.of(e9, e10, e11)) {
      for (Cell c : cells) {
        ConvRunSpec r = (ConvRunSpec) c.spec();
        assertEquals(arch, r.arch());
        assertEquals(0.01, r.lr());
        assertEquals(0.9, r.momentum());
        assertEquals(64, r.batch());
        assertEquals(0.01, r.stopLoss());
      }
    }
    assertEquals("sharpness", cell(e10, "m100-random-s1").measures());
    assertEquals(1.0, cell(e9, "m100-random-s1").transforms().randomLabels());

    CellRunner runner = new CellRunner(KernelSelection.kernels(), 1);
    CellResult random = runner.run(new Cell("m100-random-s1", shortened(cell(e9, "m100-random-s1"), 3)), dir.resolve("e9"));
    assertEquals("completed", random.stopped());
    assertEquals(3, random.trainLoss().length);
    for (String key : RandomLabels.MEASURES) {
      double v = random.value("capacity." + key);
      assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
    }
    Map<?, ?> m = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("e9").resolve("measures.json")));
    assertEquals(4.0, ((Number) m.get("depth")).doubleValue());
    assertTrue(((String) m.get("architecture")).startsWith("conv(1→16"), (String) m.get("architecture"));
    assertTrue(Files.exists(dir.resolve("e9").resolve("model.safetensors")));

    CellResult sharp = runner.run(new Cell("m100-true-s1", shortened(cell(e10, "m100-true-s1"), 2)), dir.resolve("e10"));
    assertTrue(sharp.value("sharpness") >= 0, "sharpness " + sharp.value("sharpness"));
    int alphas = org.pathnorm.measures.PacBayes.Options.paper().alphas().size();
    for (int a = 0; a < alphas; a++) assertFalse(Double.isNaN(sharp.value("pac_bayes." + a + ".kl")), "alpha " + a);

    CellResult mixed = runner.run(new Cell("k100-s1", shortened(cell(e11, "k100-s1"), 2)), dir.resolve("e11"));
    assertEquals(2, mixed.testError().length);
    assertTrue(mixed.value("capacity.l2") > 0);
  }

  @Test
  void theScalesUseTheVggOfThePaperAndANarrowVgg(@TempDir Path dir) throws IOException {
    // paper scale: the VGG on CIFAR-10, listed without the data (not on these machines)
    Settings paper = new Settings(Scale.PAPER, null, 1);
    for (Cell c : new RandomLabels().cells(paper)) {
      ConvRunSpec r = (ConvRunSpec) c.spec();
      assertEquals("3x32x32:vgg-10", r.arch());
      assertEquals(VggRuns.PAPER_DATA, r.data());
      assertEquals(1000, r.epochs());
      assertEquals(0, r.testSamples());
    }
    assertEquals(40000, new RandomLabels().cells(paper).stream().mapToInt(c -> ((ConvRunSpec) c.spec()).transforms().subset()).max().orElseThrow());
    // cost estimates for sharding (TaskResources) count the VGG's multiply-adds: convolutions at every position
    ConvRunSpec first = (ConvRunSpec) new RandomLabels().cells(paper).get(0).spec();
    assertEquals(MACS_VGG_CIFAR, first.macsPerSample());
    TaskResources.DataShape cifar = new TaskResources.DataShape(50000, 10000, 3072);
    List<Cell> cells = new RandomLabels().cells(paper);
    long smallest = TaskResources.estimate(List.of(cells.get(0)), cifar, 1, 0).minutes();
    long largest = TaskResources.estimate(List.of(cells.get(cells.size() - 1)), cifar, 1, 0).minutes();
    assertTrue(largest > 4 * smallest && smallest > 1000, smallest + " vs " + largest + " minutes");
    // small scale: the VGG narrowed ×0.0625 on 32×32 images
    Path data = images(dir.resolve("data"), 300, 50, 28, 28, 2);
    Settings small = new Settings(Scale.SMALL, "mnist:" + data, 1);
    ConvRunSpec r = (ConvRunSpec) new MixedLabels().cells(small).get(0).spec();
    assertEquals("1x32x32:vgg*0.0625-10", r.arch());
    assertEquals(VggRuns.SMALL_TEST, r.testSamples());
    for (Experiment e : List.of(new RandomLabels(), new SharpnessExperiment(), new MixedLabels())) {
      assertTrue(e.title().contains("VGG") && !e.title().contains("MLP"), e.title());
    }
  }
}
