package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused softmax cross-entropy and its gradient against the formula written out, bit for bit. */
class LossTest {

  @Test
  void crossEntropyAndGradientEqualTheFormulaBitForBit() {
    SplittableRandom r = new SplittableRandom(3);
    // widths in an order that makes the per-thread scratch grow, then be reused by narrower rows
    for (int classes : new int[] {3, 10, 1, 37, 5, 10}) {
      int batch = 7;
      float[] out = new float[batch * classes];
      for (int i = 0; i < out.length; i++) out[i] = (float) (8 * r.nextGaussian());
      int[] labels = new int[batch + 2];
      for (int i = 0; i < labels.length; i++) labels[i] = r.nextInt(classes);
      float scale = 1f / batch;
      float[] dOut = new float[out.length];
      double total = Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, dOut);
      double want = 0;
      for (int s = 0; s < batch; s++) {
        int row = s * classes;
        int y = labels[2 + s];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
        double sum = 0;
        for (int j = 0; j < classes; j++) sum += Math.exp(out[row + j] - max);
        want += Math.log(sum) + max - out[row + y];
        for (int j = 0; j < classes; j++) {
          float g = (float) (scale * (Math.exp(out[row + j] - max) / sum - (j == y ? 1 : 0)));
          assertEquals(Float.floatToRawIntBits(g), Float.floatToRawIntBits(dOut[row + j]),
              "gradient, " + classes + " classes, row " + s + ", class " + j);
        }
      }
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(total), "loss, " + classes + " classes");
      // without a gradient: the same loss
      assertEquals(total, Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, null), 0.0);
    }
  }
}
