package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.types.MatlabType;

class DatasetSpecTest {
  @TempDir Path dir;

  @Test
  void digitsKeepsItsSeedZeroSplit() {
    DatasetSpec.Splits s = DatasetSpec.load("digits", 100);
    Dataset all = Digits.load().shuffled(0);
    assertEquals(1797 - 359 - 100, s.train().size());
    assertEquals(100, s.validation().size());
    assertEquals(359, s.test().size());
    assertArrayEquals(Arrays.copyOfRange(all.labels(), 1797 - 359, 1797), s.test().labels());
    assertArrayEquals(Arrays.copyOfRange(all.labels(), 1338, 1438), s.validation().labels());
    assertNull(DatasetSpec.load("synthetic:n=50,d=3", 0).validation());
  }

  @Test
  void mnistUsesTheOfficialTestFilesAndTheEndOfTheTrainingFilesForValidation() throws IOException {
    byte[][] px = Fixtures.mnistDir(dir, 30, 12, 4, 3, true, 5);
    DatasetSpec.Splits s = DatasetSpec.load("mnist:" + dir, 10);
    assertEquals(20, s.train().size());
    assertEquals(10, s.validation().size());
    assertEquals(12, s.test().size());
    assertEquals(new ImageShape(1, 4, 3), s.train().shape());
    assertEquals((px[0][20 * 12] & 0xff) / 255f, s.validation().features()[0], 0f);
    assertEquals((px[1][11 * 12 + 11] & 0xff) / 255f, s.test().features()[11 * 12 + 11], 0f);
    // the same files uncompressed, and as fashion-mnist / kmnist / idx
    Path raw = Files.createDirectory(dir.resolve("raw"));
    Fixtures.mnistDir(raw, 30, 12, 4, 3, false, 5);
    assertArrayEquals(s.test().features(), DatasetSpec.load("kmnist:" + raw, 0).test().features());
    assertArrayEquals(s.train().labels(), DatasetSpec.load("fashion-mnist:" + raw, 10).train().labels());
  }

  @Test
  void cifarSvhnAndCsvSpecs() throws IOException {
    for (int i = 1; i <= 5; i++) Files.write(dir.resolve("data_batch_" + i + ".bin"), Fixtures.cifar(2, 1, 10, i));
    Files.write(dir.resolve("test_batch.bin"), Fixtures.cifar(3, 1, 10, 9));
    DatasetSpec.Splits c = DatasetSpec.load("cifar10:" + dir, 4);
    assertEquals(List.of(6, 4, 3), List.of(c.train().size(), c.validation().size(), c.test().size()));
    Files.write(dir.resolve("train.bin"), Fixtures.cifar(4, 2, 100, 1));
    Files.write(dir.resolve("test.bin"), Fixtures.cifar(2, 2, 100, 2));
    assertEquals(20, DatasetSpec.load("cifar100:" + dir + ",labels=coarse", 0).train().classes());
    assertEquals(100, DatasetSpec.load("cifar100:" + dir, 0).train().classes());
    Fixtures.svhn(dir.resolve("train_32x32.mat"), new byte[3 * 3072], new int[] {10, 2, 3}, "X", "y", MatlabType.Double, true);
    Fixtures.svhn(dir.resolve("test_32x32.mat"), new byte[3072], new int[] {4}, "X", "y", MatlabType.Double, true);
    DatasetSpec.Splits v = DatasetSpec.load("svhn:" + dir, 1);
    assertArrayEquals(new int[] {0, 2}, v.train().labels());
    assertArrayEquals(new int[] {4}, v.test().labels());
    Path tr = Files.writeString(dir.resolve("tr.csv"), "a,y\n1,0\n2,1\n3,0\n4,1\n5,0\n");
    Path te = Files.writeString(dir.resolve("te.csv"), "a,y\n6,2\n");
    DatasetSpec.Splits csv = DatasetSpec.load("csv:" + tr + ",label=y,test=" + te, 1);
    assertEquals(3, csv.train().classes());
    assertArrayEquals(new float[] {6}, csv.test().features());
    assertEquals(4, DatasetSpec.load("csv:" + tr, 0).train().size());
  }

  @Test
  void badSpecsAreOneLineErrors() {
    assertTrue(assertThrows(DataFormatException.class, () -> DatasetSpec.load("mnist:" + dir, 0)).getMessage()
        .contains("train-images-idx3-ubyte: file not found (nor train-images-idx3-ubyte.gz)"));
    assertTrue(assertThrows(DataFormatException.class, () -> DatasetSpec.load("cifar10:" + dir.resolve("nope"), 0)).getMessage()
        .contains("nope: directory not found"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.load("cifar100:" + dir + ",labels=x", 0)).getMessage()
        .contains("labels must be fine or coarse"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.load("imagenet:" + dir, 0)).getMessage()
        .startsWith("--data: expected digits"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSpec.load("digits", 1500)).getMessage()
        .contains("--validation 1500 leaves no training data"));
  }

  @Test
  void pipelineAppliesTheTransformsInOrderAndRecordsThem() throws IOException {
    Fixtures.mnistDir(dir, 300, 50, 28, 28, true, 7);
    DataTransforms t = DataTransforms.builder().validation(100).crop(20, 20).grayscale(true).resize(10, 10).subset(60, true)
        .randomLabels(0.5).labelNoise(0.05).normalize(true).seed(3).build();
    DataPipeline.Prepared p = DataPipeline.prepare("mnist:" + dir, t, null);
    DatasetSpec.Splits s = p.splits();
    assertEquals(60, s.train().size());
    assertEquals(100, s.validation().size());
    assertEquals(new ImageShape(1, 10, 10), s.test().shape());
    assertEquals(9, p.steps().size(), p.steps().toString());
    assertTrue(p.steps().get(5).startsWith("subset: 60 training samples, class-balanced"), p.steps().toString());
    assertEquals(0, Normalization.fit(s.train()).mean()[0], 1e-6);
    DataPipeline.Prepared again = DataPipeline.prepare("mnist:" + dir, t, null);
    assertArrayEquals(s.train().features(), again.splits().train().features());
    assertArrayEquals(s.train().labels(), again.splits().train().labels());
    assertEquals(4, p.files().size());
  }
}
