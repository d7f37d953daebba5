package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageTransformsTest {
  static Dataset images(int n, ImageShape shape, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * shape.size()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    return new Dataset("img", x, y, shape.size(), 10, shape);
  }

  /** Reference: the exact average over the output cell of the piecewise-constant image, integrated in double. */
  static double areaReference(float[] x, int off, int h, int w, int oh, int ow, int i, int j) {
    double y0 = (double) i * h / oh, y1 = (double) (i + 1) * h / oh;
    double x0 = (double) j * w / ow, x1 = (double) (j + 1) * w / ow;
    double sum = 0;
    for (int r = 0; r < h; r++) {
      double dy = Math.max(0, Math.min(y1, r + 1) - Math.max(y0, r));
      for (int c = 0; c < w; c++) {
        double dx = Math.max(0, Math.min(x1, c + 1) - Math.max(x0, c));
        sum += dy * dx * x[off + r * w + c];
      }
    }
    return sum / ((y1 - y0) * (x1 - x0));
  }

  @Test
  void areaResizeMatchesTheExactIntegralOnAwkwardSizes() {
    int[][] cases = {{28, 28, 10, 10}, {32, 32, 10, 10}, {7, 5, 3, 2}, {4, 4, 2, 2}, {5, 3, 7, 4}, {1, 1, 1, 1}, {17, 31, 16, 15}, {33, 33, 1, 1}};
    for (int[] k : cases) {
      Dataset d = images(3, new ImageShape(2, k[0], k[1]), k[0] * 31 + k[1]);
      Dataset out = ImageTransforms.resize(d, k[2], k[3]);
      assertEquals(new ImageShape(2, k[2], k[3]), out.shape());
      for (int s = 0; s < 3; s++) {
        for (int c = 0; c < 2; c++) {
          for (int i = 0; i < k[2]; i++) {
            for (int j = 0; j < k[3]; j++) {
              double expect = areaReference(d.features(), s * d.dimension() + c * k[0] * k[1], k[0], k[1], k[2], k[3], i, j);
              assertEquals(expect, out.features()[s * out.dimension() + c * k[2] * k[3] + i * k[3] + j], 1e-5,
                  java.util.Arrays.toString(k) + " at " + s + "," + c + "," + i + "," + j);
            }
          }
        }
      }
    }
  }

  @Test
  void integerFactorIsABlockMean() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) x[i] = i;
    Dataset d = new Dataset("t", x, new int[] {0}, 16, 2, new ImageShape(1, 4, 4));
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, ImageTransforms.resize(d, 2, 2).features(), 1e-6f);
  }

  @Test
  void cropAndGrayscale() {
    Dataset d = images(2, new ImageShape(3, 5, 4), 3);
    Dataset crop = ImageTransforms.centerCrop(d, 3, 2);
    float[] x = d.features();
    for (int s = 0; s < 2; s++) {
      for (int c = 0; c < 3; c++) {
        for (int r = 0; r < 3; r++) {
          for (int q = 0; q < 2; q++) {
            assertEquals(x[s * 60 + c * 20 + (r + 1) * 4 + q + 1], crop.features()[s * 18 + c * 6 + r * 2 + q]);
          }
        }
      }
    }
    Dataset g = ImageTransforms.grayscale(d);
    assertEquals(new ImageShape(1, 5, 4), g.shape());
    assertEquals(0.299f * x[60 + 7] + 0.587f * x[60 + 27] + 0.114f * x[60 + 47], g.features()[20 + 7], 1e-6f);
    assertArrayEquals(d.labels(), g.labels());
  }
}
