package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.DataFormatException;
import us.hebi.matlab.mat.types.MatlabType;

class SvhnReaderTest {
  @TempDir Path dir;

  @Test
  void readsColumnMajorXAsChannelMajorImagesAndLabel10AsZero() throws IOException {
    for (boolean compress : new boolean[] {false, true}) {
      int n = 5;
      byte[] chw = Fixtures.randomBytes(n * 3072, 7);
      int[] y = {10, 1, 5, 9, 10};
      Path f = dir.resolve("svhn" + compress + ".mat");
      Fixtures.svhn(f, chw, y, "X", "y", MatlabType.Double, compress);
      Dataset d = SvhnReader.read("svhn", f);
      assertEquals(n, d.size());
      assertEquals(10, d.classes());
      assertEquals(new ImageShape(3, 32, 32), d.shape());
      for (int i = 0; i < chw.length; i++) assertEquals((chw[i] & 0xff) / 255f, d.features()[i], 0f, "value " + i);
      int[] expect = {0, 1, 5, 9, 0};
      for (int i = 0; i < n; i++) assertEquals(expect[i], d.labels()[i]);
    }
  }

  @Test
  void uint8LabelsWork() throws IOException {
    Path f = dir.resolve("u8.mat");
    Fixtures.svhn(f, new byte[2 * 3072], new int[] {3, 10}, "X", "y", MatlabType.UInt8, false);
    assertEquals(3, SvhnReader.read("svhn", f).labels()[0]);
  }

  @Test
  void refusesWrongVariablesTypesAndGarbage() throws IOException {
    Path names = dir.resolve("names.mat");
    Fixtures.svhn(names, new byte[3072], new int[] {1}, "images", "y", MatlabType.Double, false);
    String m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", names)).getMessage();
    assertTrue(m.contains("names.mat: variable X (uint8 [32, 32, 3, N]) missing; found [images, y]"), m);
    Path labels = dir.resolve("labels.mat");
    Fixtures.svhn(labels, new byte[3072], new int[] {11}, "X", "y", MatlabType.Double, false);
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", labels)).getMessage();
    assertTrue(m.contains("labels.mat: variable y, element 0: expected a label 1..10, found 11.0"), m);
    Path garbage = Files.write(dir.resolve("garbage.mat"), Fixtures.randomBytes(500, 1));
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", garbage)).getMessage();
    assertTrue(m.startsWith(garbage + ": "), m);
    assertTrue(!m.contains("\n"), m);
  }
}
