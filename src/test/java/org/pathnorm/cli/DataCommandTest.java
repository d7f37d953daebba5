package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.Json;

class DataCommandTest {
  @TempDir Path dir;

  /** An MNIST-layout directory of 40 + 10 random 6x5 images (IDX, gzip). */
  private Path idxDir() throws Exception {
    Path d = Files.createDirectories(dir.resolve("idx"));
    byte[][] files = {idx(new int[] {40, 6, 5}, 1), idx(new int[] {40}, 2), idx(new int[] {10, 6, 5}, 3), idx(new int[] {10}, 4)};
    String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    for (int i = 0; i < 4; i++) Files.write(d.resolve(names[i]), files[i]);
    return d;
  }

  private static byte[] idx(int[] dims, int seed) {
    int n = 1;
    for (int v : dims) n *= v;
    byte[] b = new byte[4 + 4 * dims.length + n];
    b[2] = 8;
    b[3] = (byte) dims.length;
    for (int i = 0; i < dims.length; i++) {
      b[4 + 4 * i + 2] = (byte) (dims[i] >> 8);
      b[4 + 4 * i + 3] = (byte) dims[i];
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = 4 + 4 * dims.length; i < b.length; i++) b[i] = (byte) (dims.length == 1 ? r.nextInt(10) : r.nextInt(256));
    return b;
  }

  @Test
  void inspectPrintsSizesCountsStatisticsAndChecksums() throws Exception {
    Path d = idxDir();
    String[] r = TrainCommandTest.run("data", "inspect", "mnist:" + d, "--validation", "8");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("train: 32 samples x 30 features (image 1x6x5), 10 classes"), r[1]);
    assertTrue(r[1].contains("validation: 8 samples") && r[1].contains("test: 10 samples"), r[1]);
    assertTrue(r[1].contains("  per class: 0="), r[1]);
    assertTrue(r[1].contains("  pixels: min 0"), r[1]);
    String sha = DataCommand.sha256(d.resolve("train-images-idx3-ubyte"));
    assertEquals(64, sha.length());
    assertTrue(r[1].contains("sha256 " + sha + "  " + d.resolve("train-images-idx3-ubyte")), r[1]);
  }

  @Test
  void previewWritesAPngGrid() throws Exception {
    Path png = dir.resolve("grid.png");
    String[] r = TrainCommandTest.run("data", "preview", "--data", "digits", "--out", png.toString(), "--count", "20",
        "--columns", "10", "--scale", "2");
    assertEquals("0", r[0], r[2]);
    BufferedImage img = ImageIO.read(png.toFile());
    // 10 columns of (8·2 + 2) pixels, 2 rows of (8·2 + 14 + 2)
    assertEquals(180, img.getWidth());
    assertEquals(64, img.getHeight());
  }

  @Test
  void badFilesGiveOneLineAndExitOne() throws Exception {
    Path d = idxDir();
    Files.write(d.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {9}, 4));
    String[] r = TrainCommandTest.run("data", "inspect", "--data", "mnist:" + d);
    assertEquals("1", r[0]);
    assertEquals(1, r[2].strip().lines().count(), r[2]);
    assertTrue(r[2].contains("t10k-images-idx3-ubyte: image count 10 does not match the label count 9"), r[2]);
  }

  @Test
  void trainRecordsEveryTransformInConfigJson() throws Exception {
    Path run = dir.resolve("run");
    String[] r = TrainCommandTest.run("train", "--data", "digits", "--arch", "16-8-10", "--epochs", "1", "--validation", "100",
        "--downsample", "4x4", "--subset", "500", "--balanced", "--random-labels", "0.2", "--label-noise", "0.05", "--normalize",
        "--data-seed", "7", "--quiet", "--out", run.toString());
    assertEquals("0", r[0], r[2]);
    Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")))).get("data");
    assertEquals(500L, data.get("train"));
    assertEquals("1x4x4", data.get("image"));
    assertEquals("4x4", ((Map<?, ?>) data.get("options")).get("resize"));
    List<?> steps = (List<?>) data.get("steps");
    assertEquals(7, steps.size(), steps.toString());
    assertTrue(steps.get(6).toString().startsWith("normalize per channel"), steps.toString());
  }
}
