package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The single-precision path-norm passes of {@link Recurrent} ({@link RecurrentFloatPath}) and
 * {@link StepLinear}, which RNN-Path's κ⁽¹⁾ runs every step ({@link Layer#newPathCache(Kernels, Gemm)}),
 * against the double-precision reference pass over awkward sizes on the Vector API and scalar kernels;
 * the hand-over to the double pass where float's range ends, and at powers other than 2; and κ of whole
 * recurrent models through {@link PathNormPass} both ways.
 */
class RecurrentFloatPathTest {

  /** T, D, H (D = 129 takes the GEMM input projection, H = 257 the GEMM for κ(W_hh)). */
  private static final int[][] SHAPES = {
      {1, 1, 1}, {2, 2, 7}, {7, 1, 16}, {3, 17, 17}, {5, 2, 33}, {17, 3, 15}, {4, 129, 31}, {3, 2, 257}, {1, 7, 100}};

  /** Elementwise: |a − e| ≤ tol·|e| (every quantity here is a sum of non-negative terms). */
  private static void assertRelative(double[] expected, double[] actual, int n, double tol, String what) {
    for (int i = 0; i < n; i++) {
      assertTrue(Math.abs(actual[i] - expected[i]) <= tol * Math.abs(expected[i]),
          what + " [" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private static void assertRelative(float[] expected, float[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(actual[i] - (double) expected[i]) <= tol * Math.abs(expected[i]),
          what + " [" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private static float[] weights(int n, double scale, SplittableRandom r) {
    float[] p = new float[n];
    for (int i = 0; i < n; i++) p[i] = i % 11 == 3 ? 0f : (float) (scale * r.nextGaussian());
    return p;
  }

  private static double[] positive(int n, double scale, SplittableRandom r) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = scale * (0.1 + r.nextDouble());
    return v;
  }

  @Test
  void recurrentPassMatchesTheDoublePass() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : SHAPES) {
        for (Recurrent.Output output : Recurrent.Output.values()) {
          int steps = sh[0], in = sh[1], hidden = sh[2];
          Recurrent layer = new Recurrent(steps, in, hidden, Recurrent.Activation.RELU, output, 0);
          SplittableRandom r = new SplittableRandom(steps * 1009 + in * 31 + hidden);
          int off = 3;
          float[] p = weights(layer.parameterCount() + off, 1 / Math.sqrt(hidden), r);
          double[] inSums = positive(layer.inputSize(), 1, r);
          double[] dOut = positive(layer.outputSize(), 1, r);
          Layer.PathCache fast = layer.newPathCache(kernels, new Gemm(kernels, null));
          String what = kernels.description() + " " + layer;
          for (boolean biasPaths : new boolean[] {true, false}) {
            double[] expected = new double[layer.outputSize()];
            double[] actual = new double[layer.outputSize()];
            Arrays.fill(actual, Double.NaN);
            layer.pathForward(p, off, 2, inSums, expected, biasPaths, layer.newPathCache());
            layer.pathForward(p, off, 2, inSums, actual, biasPaths, fast);
            assertRelative(expected, actual, actual.length, 1e-5, what + " bias paths " + biasPaths + " forward");
          }
          // backward adds onto what dq holds, and gives dIn
          float[] start = weights(layer.parameterCount() + 2, 1, r);
          for (int i = 0; i < start.length; i++) start[i] = Math.abs(start[i]);
          float[] eq = start.clone(), aq = start.clone();
          double[] eIn = new double[layer.inputSize()], aIn = new double[layer.inputSize()];
          Arrays.fill(aIn, Double.NaN);
          layer.pathBackward(p, off, 2, inSums, dOut, eIn, eq, 2, layer.newPathCache());
          layer.pathBackward(p, off, 2, inSums, dOut, aIn, aq, 2, fast);
          assertRelative(eq, aq, 1e-5, what + " dq");
          assertRelative(eIn, aIn, aIn.length, 1e-5, what + " dIn");
          // without dIn (the first layer), after a forward on other parameters: σ is recomputed
          layer.pathForward(weights(p.length, 1, r), off, 2, inSums, new double[layer.outputSize()], true, fast);
          float[] bq = start.clone();
          layer.pathBackward(p, off, 2, inSums, dOut, null, bq, 2, fast);
          assertArrayEquals(aq, bq, 0f, what + " dq after a forward on other parameters");
        }
      }
    }
  }

  @Test
  void stepLinearPassMatchesTheDoublePass() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : new int[][] {{1, 1, 1}, {7, 17, 3}, {50, 33, 16}, {3, 129, 17}, {2, 16, 50}}) {
        StepLinear layer = new StepLinear(sh[0], sh[1], sh[2]);
        SplittableRandom r = new SplittableRandom(sh[0] * 7 + sh[1] * 131 + sh[2]);
        float[] p = weights(layer.parameterCount() + 1, 0.3, r);
        double[] inSums = positive(layer.inputSize(), 10, r);
        double[] dOut = positive(layer.outputSize(), 1, r);
        Layer.PathCache fast = layer.newPathCache(kernels, new Gemm(kernels, null));
        String what = kernels.description() + " " + layer + " T=" + sh[0];
        for (boolean biasPaths : new boolean[] {true, false}) {
          double[] expected = new double[layer.outputSize()], actual = new double[layer.outputSize()];
          layer.pathForward(p, 1, 2, inSums, expected, biasPaths, layer.newPathCache());
          layer.pathForward(p, 1, 2, inSums, actual, biasPaths, fast);
          assertRelative(expected, actual, actual.length, 1e-5, what + " forward");
        }
        float[] eq = new float[layer.parameterCount()], aq = new float[layer.parameterCount()];
        Arrays.fill(eq, 0.5f);
        Arrays.fill(aq, 0.5f);
        double[] eIn = new double[layer.inputSize()], aIn = new double[layer.inputSize()];
        layer.pathBackward(p, 1, 2, inSums, dOut, eIn, eq, 0, layer.newPathCache());
        layer.pathBackward(p, 1, 2, inSums, dOut, aIn, aq, 0, fast);
        assertRelative(eq, aq, 1e-5, what + " dq");
        assertRelative(eIn, aIn, aIn.length, 1e-5, what + " dIn");
      }
    }
  }

  /**
   * Where float's range ends (σ beyond 3.4e38 at the third step, or input sums beyond it), and at
   * powers other than 2, the fast caches give the double pass's results bit for bit.
   */
  @Test
  void outsideFloatsRangeAndAtOtherPowersTheDoublePassRuns() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      int steps = 4, in = 2, hidden = 7;
      Recurrent layer = new Recurrent(steps, in, hidden, Recurrent.Activation.RELU, Recurrent.Output.EVERY_STEP, 0);
      SplittableRandom r = new SplittableRandom(5);
      float[] huge = weights(layer.parameterCount(), 1, r);
      for (int i = layer.recurrentWeightOffset(); i < layer.biasOffset(); i++) huge[i] = (float) (1e15 * (1 + r.nextDouble()));
      float[] plain = weights(layer.parameterCount(), 0.5, r);
      double[] ones = new double[layer.inputSize()];
      Arrays.fill(ones, 1);
      double[] beyond = ones.clone();
      beyond[1] = 1e300;
      for (Object[] c : new Object[][] {{huge, ones, 2.0}, {plain, beyond, 2.0}, {plain, ones, 1.0}, {plain, ones, 3.0}}) {
        float[] p = (float[]) c[0];
        double[] inSums = (double[]) c[1];
        double power = (Double) c[2];
        String what = kernels.description() + " power " + power + " max input " + inSums[1];
        Layer.PathCache fast = layer.newPathCache(kernels, new Gemm(kernels, null));
        double[] expected = new double[layer.outputSize()], actual = new double[layer.outputSize()];
        layer.pathForward(p, 0, power, inSums, expected, true, layer.newPathCache());
        layer.pathForward(p, 0, power, inSums, actual, true, fast);
        assertArrayEquals(expected, actual, 0, what + " forward");
        float[] eq = new float[layer.parameterCount()], aq = new float[layer.parameterCount()];
        double[] dOut = new double[layer.outputSize()];
        Arrays.fill(dOut, 1);
        double[] eIn = new double[layer.inputSize()], aIn = new double[layer.inputSize()];
        layer.pathBackward(p, 0, power, inSums, dOut, eIn, eq, 0, layer.newPathCache());
        layer.pathBackward(p, 0, power, inSums, dOut, aIn, aq, 0, fast);
        assertArrayEquals(eq, aq, 0f, what + " dq");
        assertArrayEquals(eIn, aIn, 0, what + " dIn");
        if (p == huge) assertTrue(Double.isFinite(expected[expected.length - 1]) && expected[expected.length - 1] > 1e38, what);
      }
      StepLinear out = new StepLinear(steps, hidden, 3);
      float[] q = weights(out.parameterCount(), 10, r);
      for (double range : new double[] {1e37, 1e300}) {
        double[] inSums = positive(out.inputSize(), range, r);
        Layer.PathCache fast = out.newPathCache(kernels, new Gemm(kernels, null));
        double[] expected = new double[out.outputSize()], actual = new double[out.outputSize()];
        out.pathForward(q, 0, 2, inSums, expected, true, out.newPathCache());
        out.pathForward(q, 0, 2, inSums, actual, true, fast);
        assertArrayEquals(expected, actual, 0, kernels.description() + " read-out forward, inputs " + range);
        double[] dOut = positive(out.outputSize(), range, r);
        float[] eq = new float[out.parameterCount()], aq = new float[out.parameterCount()];
        double[] eIn = new double[out.inputSize()], aIn = new double[out.inputSize()];
        out.pathBackward(q, 0, 2, inSums, dOut, eIn, eq, 0, out.newPathCache());
        out.pathBackward(q, 0, 2, inSums, dOut, aIn, aq, 0, fast);
        assertArrayEquals(eq, aq, 0f, kernels.description() + " read-out dq, inputs " + range);
        assertArrayEquals(eIn, aIn, 0, kernels.description() + " read-out dIn, inputs " + range);
      }
    }
  }

  /** κ of whole recurrent models (stacked, both read-outs) through the fast {@link PathNormPass} and the double one. */
  @Test
  void kappaOfRecurrentModelsBothWays() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (RecurrentModels.Readout readout : RecurrentModels.Readout.values()) {
        for (int[] hidden : new int[][] {{1}, {17}, {5, 33}}) {
          Sequential m = RecurrentModels.build(9, 3, hidden, Recurrent.Activation.RELU, readout, 4, RecurrentInit.PYTORCH, 3);
          float[] expected = new float[m.parameterCount()], actual = new float[m.parameterCount()];
          new PathNormPass(m).kappa(m, expected);
          PathNormPass fast = new PathNormPass(m, kernels, new Gemm(kernels, null));
          fast.kappa(m, actual);
          String what = kernels.description() + " " + readout + " " + Arrays.toString(hidden);
          assertRelative(expected, actual, 1e-5, what);
          float[] again = new float[m.parameterCount()];
          fast.kappa(m, again);
          assertArrayEquals(actual, again, 0f, what + ": a second pass gives the same bits");
        }
      }
    }
  }
}
