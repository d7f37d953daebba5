package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** The fused softmax cross-entropy and its gradient against the formula written out, bit for bit. */
class LossTest {

  @Test
  void crossEntropyAndGradientEqualTheFormulaBitForBit() {
    checkFormula(null, Math::exp, 3);
  }

  /** With kernels: the same formula with their exponentials, bit for bit, on every kernel set; close to Math.exp's. */
  @Test
  void kernelExponentialsGiveTheFormulaAndStayWithinRoundingOfMathExp() {
    DoubleUnaryOperator kernelExp = x -> {
      double[] a = {x};
      KernelSelection.scalar().expNonPositive(a, 0, 1);
      return a[0];
    };
    long seed = 4;
    for (Kernels k : KernelsUnderTest.all()) checkFormula(k, kernelExp, seed++);
  }

  /**
   * Loss.evaluate with {@code kernels} (null: Math.exp) over rows of random outputs, against the formula with the
   * exponentials {@code exp}; with kernels also within rounding of the loss and gradient with Math.exp.
   */
  private static void checkFormula(Kernels kernels, DoubleUnaryOperator exp, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String by = kernels == null ? "Math.exp" : kernels.name();
    // widths in an order that makes the per-thread scratch grow, then be reused by narrower rows
    for (int classes : new int[] {3, 10, 1, 37, 5, 10}) {
      int batch = 7;
      float[] out = new float[batch * classes];
      for (int i = 0; i < out.length; i++) out[i] = (float) (8 * r.nextGaussian());
      int[] labels = new int[batch + 2];
      for (int i = 0; i < labels.length; i++) labels[i] = r.nextInt(classes);
      float scale = 1f / batch;
      float[] dOut = new float[out.length];
      float[] dExact = new float[out.length];
      double total = Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, dOut, kernels);
      double exact = Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, dExact);
      double want = 0;
      for (int s = 0; s < batch; s++) {
        int row = s * classes;
        int y = labels[2 + s];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) max = Math.max(max, out[row + j]);
        double sum = 0;
        for (int j = 0; j < classes; j++) sum += exp.applyAsDouble(out[row + j] - max);
        want += Math.log(sum) + max - out[row + y];
        for (int j = 0; j < classes; j++) {
          float g = (float) (scale * (exp.applyAsDouble(out[row + j] - max) / sum - (j == y ? 1 : 0)));
          String at = by + ", " + classes + " classes, row " + s + ", class " + j;
          assertEquals(Float.floatToRawIntBits(g), Float.floatToRawIntBits(dOut[row + j]), "gradient, " + at);
          assertEquals(dExact[row + j], dOut[row + j], Math.ulp(dExact[row + j]), "gradient against Math.exp's, " + at);
        }
      }
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(total), "loss, " + by + ", " + classes + " classes");
      assertEquals(exact, total, 1e-13 * Math.max(1, Math.abs(exact)), "loss against Math.exp's, " + by);
      // without a gradient: the same loss
      assertEquals(total, Loss.CROSS_ENTROPY.evaluate(out, batch, classes, labels, 2, scale, null, kernels), 0.0);
      // an evaluation's value: Math.exp's loss, bit for bit, for either loss on labels
      assertEquals(Double.doubleToRawLongBits(exact), Double.doubleToRawLongBits(Loss.CROSS_ENTROPY.value(out, batch, classes, labels, 2)),
          "value, " + classes + " classes");
      assertEquals(Double.doubleToRawLongBits(Loss.MSE.evaluate(out, batch, classes, labels, 2, 1f, null)),
          Double.doubleToRawLongBits(Loss.MSE.value(out, batch, classes, labels, 2)), "MSE's value, " + classes + " classes");
    }
  }
}
