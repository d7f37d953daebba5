package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

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

  /** With kernels: the same formula with their exponentials, bit for bit, on every kernel set; close to Math.exp's. */
  @Test
  void kernelExponentialsGiveTheFormulaAndStayWithinRoundingOfMathExp() {
    SplittableRandom r = new SplittableRandom(4);
    for (Kernels k : KernelsUnderTest.all()) {
      for (int classes : new int[] {3, 10, 1, 37, 5, 10}) {
        int batch = 9;
        float[] out = new float[batch * classes];
        for (int i = 0; i < out.length; i++) out[i] = (float) (8 * r.nextGaussian());
        int[] labels = new int[batch + 2];
        for (int i = 0; i < labels.length; i++) labels[i] = r.nextInt(classes);
        float scale = 1f / batch;
        float[] dOut = new float[out.length];
        float[] dExact = new float[out.length];
        double total = Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, dOut, k);
        double exact = Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, dExact);
        double want = 0;
        for (int s = 0; s < batch; s++) {
          int row = s * classes;
          int y = labels[2 + s];
          float max = Float.NEGATIVE_INFINITY;
          for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
          double[] e = new double[classes];
          for (int j = 0; j < classes; j++) e[j] = out[row + j] - max;
          KernelSelection.scalar().expNonPositive(e, 0, classes);
          double sum = 0;
          for (int j = 0; j < classes; j++) sum += e[j];
          want += Math.log(sum) + max - out[row + y];
          for (int j = 0; j < classes; j++) {
            float g = (float) (scale * (e[j] / sum - (j == y ? 1 : 0)));
            String at = k.name() + ", " + classes + " classes, row " + s + ", class " + j;
            assertEquals(Float.floatToRawIntBits(g), Float.floatToRawIntBits(dOut[row + j]), "gradient, " + at);
            assertEquals(dExact[row + j], dOut[row + j], Math.ulp(dExact[row + j]), "gradient against Math.exp's, " + at);
          }
        }
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(total), "loss, " + k.name() + ", " + classes + " classes");
        assertEquals(exact, total, 1e-13 * Math.max(1, Math.abs(exact)), "loss against Math.exp's, " + k.name());
      }
    }
  }
}

