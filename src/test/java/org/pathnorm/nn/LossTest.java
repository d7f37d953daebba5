package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;

/** The fused softmax cross-entropy and its gradient against the formula written out, bit for bit, and close to it in double. */
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
      double exact = 0;
      for (int s = 0; s < batch; s++) {
        int row = s * classes;
        int y = labels[2 + s];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
        // e^{o_j − max} in float by the kernels' exponential (docs/algorithms.md §1.3), summed in double
        float[] e = new float[classes];
        for (int j = 0; j < classes; j++) e[j] = out[row + j] - max;
        KernelSelection.scalar().expNonPositive(e, 0, classes);
        double sum = 0;
        double exactSum = 0;
        for (int j = 0; j < classes; j++) {
          sum += e[j];
          exactSum += Math.exp(out[row + j] - max);
        }
        want += Math.log(sum) + max - out[row + y];
        exact += Math.log(exactSum) + max - out[row + y];
        double inverse = 1 / sum;
        for (int j = 0; j < classes; j++) {
          float g = (float) (scale * (e[j] * inverse - (j == y ? 1 : 0)));
          assertEquals(Float.floatToRawIntBits(g), Float.floatToRawIntBits(dOut[row + j]),
              "gradient, " + classes + " classes, row " + s + ", class " + j);
          // and within float rounding of the softmax in double
          double p = Math.exp(out[row + j] - max) / exactSum;
          assertEquals(scale * (p - (j == y ? 1 : 0)), dOut[row + j], 1e-6 * scale, "gradient against Math.exp");
        }
      }
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(total), "loss, " + classes + " classes");
      assertEquals(exact, total, 1e-6 * Math.max(1, Math.abs(exact)), "loss against Math.exp, " + classes + " classes");
      // without a gradient: the same loss
      assertEquals(total, Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, null), 0.0);
    }
  }
}
