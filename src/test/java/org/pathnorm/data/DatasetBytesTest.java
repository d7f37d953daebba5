package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A dataset kept as bytes ({@link Dataset#ofUnitBytes}) against the same values given as floats. */
class DatasetBytesTest {
  private static final int D = 13;
  private static final ImageShape SHAPE = new ImageShape(1, 1, D);

  private static byte[] pixels(int n, long seed) {
    byte[] px = new byte[n * D];
    new SplittableRandom(seed).nextBytes(px);
    return px;
  }

  private static float[] unit(byte[] px) {
    float[] x = new float[px.length];
    for (int i = 0; i < px.length; i++) x[i] = (px[i] & 0xff) / 255f;
    return x;
  }

  private static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % 4;
    return y;
  }

  /** Same size, dimension, classes, shape, labels and feature values; {@code a} still kept as bytes. */
  private static void same(Dataset floats, Dataset bytes, String what) {
    assertTrue(bytes.unitBytes() != null, what + ": kept as bytes");
    assertEquals(floats.size(), bytes.size(), what);
    assertEquals(floats.dimension(), bytes.dimension(), what);
    assertEquals(floats.classes(), bytes.classes(), what);
    assertEquals(floats.shape(), bytes.shape(), what);
    assertArrayEquals(floats.labels(), bytes.labels(), what);
    assertArrayEquals(floats.features(), bytes.features(), 0f, what);
  }

  @Test
  void selectSliceShuffleAndRelabelKeepTheBytes() {
    for (int n : new int[] {1, 7, 17, 100}) {
      byte[] px = pixels(n, n);
      Dataset bytes = Dataset.ofUnitBytes("b", px, labels(n), D, 4, SHAPE);
      Dataset floats = new Dataset("f", unit(px), labels(n), D, 4, SHAPE);
      same(floats, bytes, "n=" + n);
      int[] idx = new int[2 * n];
      for (int i = 0; i < idx.length; i++) idx[i] = (i * 7 + 3) % n;
      same(floats.select("s", idx), bytes.select("s", idx), "select n=" + n);
      same(floats.slice("s", n / 3, n), bytes.slice("s", n / 3, n), "slice n=" + n);
      same(floats.shuffled(5), bytes.shuffled(5), "shuffled n=" + n);
      same(floats.withLabels("l", new int[n]), bytes.withLabels("l", new int[n]), "withLabels n=" + n);
      same(floats.withClasses(9), bytes.withClasses(9), "withClasses n=" + n);
      Dataset other = bytes.withFeatures("w", new float[n * 2], 2, null);
      assertNull(other.unitBytes(), "new features are floats");
      assertEquals(2, other.dimension());
    }
  }

  @Test
  void copyRowsConvertsJustTheRowsAndFeaturesConvertsOnce() {
    int n = 40;
    byte[] px = pixels(n, 3);
    float[] x = unit(px);
    Dataset bytes = Dataset.ofUnitBytes("b", px, labels(n), D, 4, SHAPE);
    for (int first : new int[] {0, 1, 17, 39}) {
      for (int rows = 1; first + rows <= n; rows += 11) {
        float[] got = new float[rows * D + 6];
        bytes.copyRows(first, rows, got, 3);
        for (int i = 0; i < got.length; i++) {
          float want = i >= 3 && i < 3 + rows * D ? x[first * D + i - 3] : 0f;
          assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]), "first=" + first + " rows=" + rows + " at " + i);
        }
      }
    }
    float[] f = bytes.features();
    assertArrayEquals(x, f, 0f);
    assertSame(f, bytes.features(), "converted once and kept");
    assertSame(px, bytes.featureStorage());
    Dataset floats = new Dataset("f", x, labels(n), D, 4);
    assertSame(x, floats.featureStorage());
    assertNull(floats.unitBytes());
  }

  @Test
  void sizesThatDisagreeAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofUnitBytes("b", new byte[5 * D - 1], labels(5), D, 4, null));
    assertEquals("b: 5 samples of labels but 64 feature values (expected 5 x 13)", e.getMessage());
  }
}
