package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** The mini-batch gather, whole and in shares, against a plain copy over awkward sizes, of floats and of bytes. */
class RowGatherTest {

  @Test
  void wholeAndSplitGathersCopyExactlyTheOrderedRows() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int d : new int[] {1, 7, 63, 64, 65, 255, 256, 257, 784, 1025}) {
      int n = 97;
      float[] src = new float[n * d];
      for (int i = 0; i < src.length; i++) src[i] = (float) rnd.nextGaussian();
      src[5 % src.length] = Float.NaN; // a value the touch reads must not matter
      byte[] bytes = new byte[n * d];
      rnd.nextBytes(bytes);
      float[] unit = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) unit[i] = (bytes[i] & 0xff) / 255f;
      Dataset floats = new Dataset("floats", src, new int[n], d, 1);
      Dataset asBytes = Dataset.ofUnitBytes("bytes", bytes, new int[n], d, 1, null);
      int[] order = new int[n + 5];
      for (int i = 0; i < order.length; i++) order[i] = rnd.nextInt(n);
      for (int rows : new int[] {1, 7, 15, 16, 17, 31, 33, 64, 100}) {
        int first = 3;
        int r = Math.min(rows, order.length - first);
        for (Kernels k : KernelsUnderTest.all()) {
          check(k, floats, src, order, first, r, d);
          check(k, asBytes, unit, order, first, r, d);
        }
      }
    }
  }

  private static void check(Kernels k, Dataset data, float[] values, int[] order, int first, int r, int d) {
    float[] want = new float[(r + 2) * d];
    java.util.Arrays.fill(want, -1f);
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < d; j++) want[i * d + j] = values[order[first + i] * d + j];
    }
    for (int parts = 1; parts <= 5; parts++) {
      float[] got = new float[want.length];
      java.util.Arrays.fill(got, -1f);
      for (int p = 0; p < parts; p++) {
        new RowGather(k).rows(data, order, first, r * p / parts, r * (p + 1) / parts, got).run();
      }
      assertArrayEquals(want, got, 0f, data.name() + " " + k.name() + " d=" + d + " rows=" + r + " parts=" + parts);
    }
  }
}
