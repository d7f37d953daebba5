package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatlabType;

class SvhnReaderTest {
  @TempDir Path dir;

  @Test
  void readsColumnMajorXAsChannelMajorImagesAndLabel10AsZero() throws IOException {
    for (int variant = 0; variant < 4; variant++) {
      boolean compress = variant % 2 == 1;
      ByteOrder order = variant < 2 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      int n = 5;
      byte[] chw = Fixtures.randomBytes(n * 3072, 7);
      int[] y = {10, 1, 5, 9, 10};
      Path f = dir.resolve("svhn" + variant + ".mat");
      Fixtures.svhn(f, chw, y, "X", "y", MatlabType.Double, compress, order);
      byte[] head = Files.readAllBytes(f);
      assertEquals(order == ByteOrder.LITTLE_ENDIAN ? "IM" : "MI", new String(head, 126, 2, StandardCharsets.US_ASCII));
      assertEquals(compress ? 15 : 14, order == ByteOrder.LITTLE_ENDIAN ? head[128] : head[131], "element type");
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
    Path type = dir.resolve("type.mat");
    Fixtures.mat(type, Map.of("X", Mat5.newMatrix(new int[] {32, 32, 3, 1}, MatlabType.UInt8), "y", Mat5.newString("one")));
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", type)).getMessage();
    assertTrue(m.contains("type.mat: variable y: expected a real [1, 1] vector (one label per image of X), found char [1, 3]"), m);
    Path xType = dir.resolve("xtype.mat");
    Fixtures.mat(xType, Map.of("X", Mat5.newMatrix(new int[] {32, 32, 3, 1}, MatlabType.Double), "y", Mat5.newScalar(1)));
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", xType)).getMessage();
    assertTrue(m.contains("xtype.mat: variable X: expected uint8 [32, 32, 3, N], found double [32, 32, 3, 1]"), m);
    // hand-made: a double [16384, 16384] whose 2^31-byte real part would overflow an int size
    ByteBuffer b = ByteBuffer.allocate(128 + 8 + 16 + 16 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put("MATLAB 5.0 MAT-file".getBytes(StandardCharsets.US_ASCII)).position(124);
    b.putShort((short) 0x0100).put((byte) 'I').put((byte) 'M');
    b.putInt(14).putInt(48);                                  // miMATRIX, 48 bytes (then the data would follow)
    b.putInt(6).putInt(8).putInt(6).putInt(0);                // flags: class double
    b.putInt(5).putInt(8).putInt(16384).putInt(16384);        // dims
    b.putInt(1 << 16 | 1).put((byte) 'X').position(b.position() + 3); // name "X", small format
    b.putInt(9).putInt(Integer.MIN_VALUE);                    // miDOUBLE, 2^31 bytes
    Path huge = Files.write(dir.resolve("huge.mat"), b.array());
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", huge)).getMessage();
    assertTrue(m.contains("huge.mat: variable X: 2147483648 bytes of data exceed the largest array"), m);
    Path garbage = Files.write(dir.resolve("garbage.mat"), Fixtures.randomBytes(500, 1));
    m = assertThrows(DataFormatException.class, () -> SvhnReader.read("s", garbage)).getMessage();
    assertTrue(m.startsWith(garbage + ": "), m);
    assertTrue(!m.contains("\n"), m);
  }
}
