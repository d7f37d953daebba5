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
}
