package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Loss.SQUARED_ERROR: value ½Σ(o − t)², gradient by central differences, MSE, tolerance errors, wrong-target use refused. */
class SquaredErrorLossTest {

  @Test
  void gradientMatchesCentralDifferences() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int width : new int[] {1, 3, 7}) {
      int rows = 5;
      float[] out = new float[rows * width];
      float[] targets = new float[(rows + 2) * width];
      for (int i = 0; i < out.length; i++) out[i] = (float) rnd.nextGaussian();
      for (int i = 0; i < targets.length; i++) targets[i] = (float) rnd.nextGaussian();
      float scale = 1f / rows;
      float[] d = new float[out.length];
      double total = Loss.SQUARED_ERROR.evaluate(out, rows, width, targets, 2, scale, d);
      double expected = 0;
      for (int i = 0; i < out.length; i++) expected += 0.5 * Math.pow((double) out[i] - targets[2 * width + i], 2);
      assertEquals(expected, total, 1e-9 * expected);
      for (int i = 0; i < out.length; i++) {
        float keep = out[i];
        double h = 1e-2;
        out[i] = (float) (keep + h);
        double plus = Loss.SQUARED_ERROR.evaluate(out, rows, width, targets, 2, 1f, null);
        out[i] = (float) (keep - h);
        double minus = Loss.SQUARED_ERROR.evaluate(out, rows, width, targets, 2, 1f, null);
        out[i] = keep;
        double fd = scale * (plus - minus) / ((float) (keep + h) - (float) (keep - h));
        assertEquals(fd, d[i], 1e-4, "width " + width + ", entry " + i);
      }
    }
  }

  @Test
  void reportsMeanSquaredErrorAndToleranceErrors() {
    float[] out = {1.0f, 0.5f, Float.NaN, 2f};
    float[] t = {1.03f, 0.6f, 0f, 2f};
    double sum = Loss.SQUARED_ERROR.evaluate(new float[] {1f, 0.5f}, 2, 1, new float[] {1.03f, 0.6f}, 0, 1f, null);
    assertEquals((0.03 * 0.03 + 0.1 * 0.1) / 2, Loss.meanSquaredError(sum, 2), 1e-7);
    assertEquals(2, Loss.regressionErrors(out, 4, 1, t, 0), "0.1 off and NaN are errors; 0.03 off and exact are not");
    assertEquals(2, Loss.regressionErrors(out, 2, 2, t, 0), "the same four values as two rows of two");
    assertEquals(1, Loss.regressionErrors(new float[] {0.01f, 2.05f}, 1, 2, t, 1), "row 1 of the targets: 0 and 2");
  }

  @Test
  void labelsAndTargetsAreNotMixed() {
    float[] out = new float[2];
    assertThrows(IllegalArgumentException.class, () -> Loss.SQUARED_ERROR.evaluate(out, 1, 2, new int[] {0}, 0, 1f, null));
    assertThrows(IllegalArgumentException.class, () -> Loss.CROSS_ENTROPY.evaluate(out, 1, 2, new float[2], 0, 1f, null));
    assertEquals(Loss.SQUARED_ERROR, Loss.parse("squared-error"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.parse("l1"));
    assertEquals("--loss: expected ce, mse or squared-error, got 'l1'", e.getMessage());
  }
}
