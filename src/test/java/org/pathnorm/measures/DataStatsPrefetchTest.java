package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;

/** {@link DataStatsPrefetch}: the values computed ahead are those computed at the end, for the right data only. */
class DataStatsPrefetchTest {

  private static Dataset data(long seed, int n, int dim) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = r.nextInt(3);
    return new Dataset("random " + seed, x, y, dim, 3);
  }

  @Test
  void theValuesComputedAheadAreTheDirectOnes() {
    for (int n : new int[] {1, 7, 64, 65, 1000}) {
      Dataset d = data(n, n, 17);
      DataStatsPrefetch.start(d);
      DataStatsPrefetch.start(d); // under way or done: not started again
      assertEquals(Bounds.dataStats(d.features(), d.size(), d.dimension()), DataStatsPrefetch.of(d), "n=" + n);
    }
  }

  @Test
  void otherDataAreComputedThemselves() {
    Dataset started = data(1, 300, 5);
    Dataset other = data(2, 300, 5);
    DataStatsPrefetch.start(started);
    assertEquals(Bounds.dataStats(other.features(), other.size(), other.dimension()), DataStatsPrefetch.of(other));
    assertEquals(Bounds.dataStats(started.features(), started.size(), started.dimension()), DataStatsPrefetch.of(started));
    // the same array read as fewer samples (a view of other sizes) is other data too
    Dataset fewer = new Dataset("fewer", started.features(), new int[150], 10, 3);
    assertEquals(Bounds.dataStats(fewer.features(), fewer.size(), fewer.dimension()), DataStatsPrefetch.of(fewer));
  }
  /**
   * A set kept as bytes: its statistics (rows converted 64 at a time) and its margins (chunks converted into a
   * buffer) are those of the same values given as floats, computed ahead or not, and two datasets sharing the bytes
   * (other labels) share the pass.
   */
  @Test
  void aSetKeptAsBytesHasTheStatisticsAndMarginsOfItsFloats() {
    for (int n : new int[] {1, 63, 64, 65, 300, 1000}) {
      SplittableRandom r = new SplittableRandom(n);
      int dim = 49;
      byte[] px = new byte[n * dim];
      r.nextBytes(px);
      int[] y = new int[n];
      for (int i = 0; i < n; i++) y[i] = r.nextInt(3);
      float[] x = new float[px.length];
      for (int i = 0; i < px.length; i++) x[i] = (px[i] & 0xff) / 255f;
      Dataset bytes = Dataset.ofUnitBytes("bytes", px, y, dim, 3, null);
      Dataset floats = new Dataset("floats", x, y, dim, 3);
      Bounds.DataStats want = Bounds.dataStats(x, n, dim);
      assertEquals(want, Bounds.dataStats(bytes), "n=" + n);
      DataStatsPrefetch.start(bytes);
      assertEquals(want, DataStatsPrefetch.of(bytes.withLabels("relabelled", new int[n])), "n=" + n + ", ahead");

      org.pathnorm.nn.Network net = new org.pathnorm.nn.Network(org.pathnorm.nn.Architecture.parse(dim + "-20-3"));
      org.pathnorm.nn.Initializer.GAUSSIAN.initialize(net, n);
      for (org.pathnorm.simd.Kernels k : org.pathnorm.testing.KernelsUnderTest.all()) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(
            Margins.of(net, floats, k, new org.pathnorm.linalg.Gemm(k, null)),
            Margins.of(net, bytes, k, new org.pathnorm.linalg.Gemm(k, null)), 0.0, k.name() + " n=" + n);
      }
    }
  }
}
