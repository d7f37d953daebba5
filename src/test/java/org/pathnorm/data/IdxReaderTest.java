package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void readsImagesAndLabelsByteForByteRawAndGzip() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      byte[] px = Fixtures.randomBytes(7 * 5 * 3, 1);
      byte[] y = Fixtures.labels(7, 10, 2);
      byte[] images = Fixtures.idx(new int[] {7, 5, 3}, px);
      byte[] labels = Fixtures.idx(new int[] {7}, y);
      Path xi = write("x" + gz, gz ? Fixtures.gzip(images) : images);
      Path yi = write("y" + gz, gz ? Fixtures.gzip(labels) : labels);
      Dataset d = IdxReader.read("t", xi, yi, 10);
      assertEquals(7, d.size());
      assertEquals(15, d.dimension());
      assertEquals(new ImageShape(1, 5, 3), d.shape());
      assertArrayEquals(px, d.unitBytes(), "kept as the bytes read");
      for (int i = 0; i < px.length; i++) assertEquals((px[i] & 0xff) / 255f, d.features()[i], 0f, "pixel " + i);
      for (int i = 0; i < 7; i++) assertEquals(y[i], d.labels()[i]);
    }
  }

  @Test
  void readsEmptyAndAwkwardSizes() throws IOException {
    for (int n : new int[] {0, 1, 17, 1000}) {
      byte[] px = Fixtures.randomBytes(n * 28 * 28, n);
      Dataset d = IdxReader.read("t", write("x" + n, Fixtures.idx(new int[] {n, 28, 28}, px)),
          write("y" + n, Fixtures.idx(new int[] {n}, Fixtures.labels(n, 10, n))), 10);
      assertEquals(n, d.size());
      float[] expect = new float[px.length];
      for (int i = 0; i < px.length; i++) expect[i] = (px[i] & 0xff) / 255f;
      assertArrayEquals(expect, d.features());
    }
  }

  private String error(byte[] images, byte[] labels, int classes) throws IOException {
    Path x = write("bad-images", images);
    Path y = write("bad-labels", labels);
    DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.read("t", x, y, classes));
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void refusesBadFilesWithOneLineNamingFileFieldExpectedAndFound() throws IOException {
    byte[] px = Fixtures.randomBytes(4 * 2 * 2, 3);
    byte[] good = Fixtures.idx(new int[] {4, 2, 2}, px);
    byte[] labels = Fixtures.idx(new int[] {4}, new byte[] {1, 2, 3, 4});

    byte[] magic = good.clone();
    magic[0] = 0x1f;
    assertTrue(error(magic, labels, 10).matches(".*bad-images: magic number: expected 00 00 08 03, found 1f 00 08 03.*"));
    byte[] type = good.clone();
    type[2] = 0x0d;
    assertTrue(error(type, labels, 10).contains("data type: expected 0x08 (unsigned byte), found 0x0d"));
    byte[] ndims = good.clone();
    ndims[3] = 2;
    assertTrue(error(ndims, labels, 10).contains("number of dimensions: expected 3 (images), found 2"));
    String trunc = error(Arrays.copyOf(good, good.length - 1), labels, 10);
    assertTrue(trunc.contains("bad-images: sizes 4x2x2 need 16 bytes, but the file holds only 15"), trunc);
    assertTrue(error(Arrays.copyOf(good, 10), labels, 10).contains("truncated header (sizes): expected 12 more bytes, found 6"));
    String count = error(good, Fixtures.idx(new int[] {3}, new byte[] {1, 2, 3}), 10);
    assertTrue(count.contains("image count 4 does not match the label count 3"), count);
    String range = error(good, Fixtures.idx(new int[] {4}, new byte[] {1, 2, 10, 4}), 10);
    assertTrue(range.contains("bad-labels: label 2: expected 0..9, found 10"), range);
    String extra = error(Fixtures.idx(new int[] {3, 2, 2}, px), Fixtures.idx(new int[] {3}, new byte[] {1, 2, 3}), 10);
    assertTrue(extra.contains("4 bytes after the last image"), extra);
    byte[] gz = Fixtures.gzip(good);
    gz[gz.length / 2] ^= 0x55;
    gz[gz.length / 2 + 1] ^= 0x55;
    String corrupt = error(gz, labels, 10);
    assertTrue(corrupt.contains("bad-images") && (corrupt.contains("corrupt gzip") || corrupt.contains("expected")), corrupt);
  }

  @Test
  void checksSizesBeforeAllocating() throws IOException {
    byte[] labels = Fixtures.idx(new int[] {1}, new byte[] {1});
    // 65536 x 65536 x 65536 overflows every array; 60000 x 28 x 28 does not fit in a 100-byte file
    String overflow = error(Fixtures.idx(new int[] {65536, 65536, 65536}, new byte[8]), labels, 10);
    assertTrue(overflow.contains("the product exceeds the largest array"), overflow);
    String big = error(Fixtures.idx(new int[] {60000, 28, 28}, new byte[84]), labels, 10);
    assertTrue(big.contains("need 47040000 bytes, but the file holds only 84"), big);
    String gzBig = error(Fixtures.gzip(Fixtures.idx(new int[] {60000, 28, 28}, new byte[84])), labels, 10);
    assertTrue(gzBig.contains("need 47040000 bytes, but the file holds only 84"), gzBig);
    String negative = error(Fixtures.idx(new int[] {1, -1, 2}, new byte[8]), labels, 10);
    assertTrue(negative.contains("size 1: expected 1..2147483647, found 4294967295"), negative);
  }
}
