package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ImageTransformsPropertiesTest {
  /** Area resampling keeps every image's mean intensity, for any sizes, up or down. */
  @Property(tries = 200)
  void areaResizePreservesTheMean(@ForAll @IntRange(min = 1, max = 40) int h, @ForAll @IntRange(min = 1, max = 40) int w,
      @ForAll @IntRange(min = 1, max = 40) int oh, @ForAll @IntRange(min = 1, max = 40) int ow, @ForAll long seed) {
    Dataset d = ImageTransformsTest.images(2, new ImageShape(3, h, w), seed);
    Dataset r = ImageTransforms.resize(d, oh, ow);
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(mean(d.features(), s * d.dimension() + c * h * w, h * w),
            mean(r.features(), s * r.dimension() + c * oh * ow, oh * ow), 1e-5);
      }
    }
  }

  /** Area weights of every output pixel are non-negative and sum to 1. */
  @Property(tries = 300)
  void areaWeightsArePartitionsOfUnity(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 300) int m) {
    ImageTransforms.AreaWeights a = new ImageTransforms.AreaWeights(n, m);
    for (int o = 0; o < m; o++) {
      double sum = 0;
      for (float v : a.weight[o]) {
        assertEquals(true, v >= 0);
        sum += v;
      }
      assertEquals(1, sum, 1e-5);
    }
  }

  private static double mean(float[] x, int off, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[off + i];
    return s / n;
  }
}
