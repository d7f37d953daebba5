package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
  @TempDir Path dir;

  @Test
  void readsCifar10FilesInOrderByteForByte() throws IOException {
    byte[] a = Fixtures.cifar(3, 1, 10, 1);
    byte[] b = Fixtures.cifar(5, 1, 10, 2);
    Path pa = Files.write(dir.resolve("a.bin"), a);
    Path pb = Files.write(dir.resolve("b.bin"), Fixtures.gzip(b));
    Dataset d = CifarReader.read("c", List.of(pa, pb), CifarReader.Labels.CIFAR10);
    assertEquals(8, d.size());
    assertEquals(new ImageShape(3, 32, 32), d.shape());
    for (int s = 0; s < 8; s++) {
      byte[] src = s < 3 ? a : b;
      int o = (s < 3 ? s : s - 3) * 3073;
      assertEquals(src[o], d.labels()[s]);
      for (int j = 0; j < 3072; j++) assertEquals((src[o + 1 + j] & 0xff) / 255f, d.features()[s * 3072 + j], 0f);
    }
  }

  @Test
  void cifar100FineByDefaultCoarseOnRequest() throws IOException {
    byte[] r = Fixtures.cifar(4, 2, 100, 3);
    Path p = Files.write(dir.resolve("train.bin"), r);
    Dataset fine = CifarReader.read("c", List.of(p), CifarReader.Labels.FINE);
    Dataset coarse = CifarReader.read("c", List.of(p), CifarReader.Labels.COARSE);
    assertEquals(100, fine.classes());
    assertEquals(20, coarse.classes());
    for (int s = 0; s < 4; s++) {
      assertEquals(r[s * 3074 + 1], fine.labels()[s]);
      assertEquals(r[s * 3074], coarse.labels()[s]);
      assertEquals((r[s * 3074 + 2] & 0xff) / 255f, fine.features()[s * 3072], 0f);
    }
  }

  @Test
  void refusesTruncatedFilesAndBadLabels() throws IOException {
    byte[] r = Fixtures.cifar(2, 1, 10, 4);
    Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(r, r.length - 5));
    String m = assertThrows(DataFormatException.class, () -> CifarReader.read("c", List.of(cut), CifarReader.Labels.CIFAR10)).getMessage();
    assertTrue(m.contains("cut.bin: size: expected a multiple of the 3073-byte record"), m);
    Path cutGz = Files.write(dir.resolve("cut.bin.gz"), Fixtures.gzip(Arrays.copyOf(r, r.length - 5)));
    m = assertThrows(DataFormatException.class, () -> CifarReader.read("c", List.of(cutGz), CifarReader.Labels.CIFAR10)).getMessage();
    assertTrue(m.contains("cut.bin.gz: truncated record 1: expected 3073 bytes, found 3068"), m);
    r[3073] = 10;
    Path bad = Files.write(dir.resolve("bad.bin"), r);
    m = assertThrows(DataFormatException.class, () -> CifarReader.read("c", List.of(bad), CifarReader.Labels.CIFAR10)).getMessage();
    assertTrue(m.contains("bad.bin: label of record 1: expected 0..9, found 10"), m);
    Path missing = dir.resolve("missing.bin");
    m = assertThrows(DataFormatException.class, () -> CifarReader.read("c", List.of(missing), CifarReader.Labels.CIFAR10)).getMessage();
    assertTrue(m.contains("missing.bin: file not found"), m);
  }
}
