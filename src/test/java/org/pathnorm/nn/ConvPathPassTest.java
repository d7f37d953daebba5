package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The single-precision path-norm pass of {@link Conv2d} (im2col + GEMM on |W|^p, from
 * {@link Layer#newPathCache(Kernels, Gemm)}) against the double-precision direct loops of the
 * reference pass, over awkward sizes, powers, with and without bias paths, on the Vector API and scalar
 * kernels; and the κ of whole conv nets through {@link PathNormPass} both ways.
 */
class ConvPathPassTest {

  /** in channels, H, W, out channels, k, stride, pad. */
  static final int[][] SHAPES = {
      {1, 1, 1, 1, 1, 1, 0}, {3, 7, 7, 4, 3, 1, 1}, {2, 15, 17, 5, 3, 2, 1}, {1, 17, 15, 3, 7, 1, 3}, {4, 31, 33, 2, 5, 3, 2},
      {5, 16, 16, 7, 1, 1, 0}, {3, 33, 31, 6, 1, 2, 0}, {2, 8, 9, 3, 2, 2, 1}, {17, 7, 7, 16, 3, 1, 0}, {1, 16, 16, 16, 3, 1, 1},
      {16, 16, 16, 33, 3, 1, 1}, {2, 1, 7, 3, 3, 1, 1}, {3, 33, 1, 2, 3, 2, 1}};

  private static void assertClose(double[] expected, double[] actual, int n, double tol, String what) {
    double scale = 0;
    for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[i]));
    for (int i = 0; i < n; i++) assertEquals(expected[i], actual[i], tol * scale + Double.MIN_NORMAL, what + " [" + i + "]");
  }

  @Test
  void singlePrecisionPassMatchesTheDoublePass() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int[] sh : SHAPES) {
        for (double range : new double[] {1, 1e30, 1e-30}) {
          int c = sh[0], h = sh[1], w = sh[2], o = sh[3], k = sh[4], s = sh[5], pad = sh[6];
          boolean bias = (c + o) % 2 == 1 || range != 1;
          Conv2d conv = new Conv2d(c, h, w, o, k, s, pad, bias, true);
          SplittableRandom r = new SplittableRandom(c * 131 + h * 7 + w + k);
          float[] p = ConvLayersTest.gaussian(conv.parameterCount() + 3, r);
          p[3 + conv.parameterCount() / 2] = 0f;
          double[] in = new double[conv.inputSize()];
          for (int i = 0; i < in.length; i++) in[i] = range * r.nextDouble() * (i % 5 == 0 ? 1e-3 : 1);
          double[] dOut = new double[conv.outputSize()];
          for (int i = 0; i < dOut.length; i++) dOut[i] = range * r.nextDouble();
          Layer.PathCache fast = conv.newPathCache(kernels, new Gemm(kernels, null));
          for (double power : new double[] {1, 2, 1.5}) {
            for (boolean biasPaths : new boolean[] {true, false}) {
              String what = kernels.description() + " " + conv + " range " + range + " p " + power + " bias paths " + biasPaths;
              double[] expected = new double[conv.outputSize()];
              double[] actual = new double[conv.outputSize()];
              java.util.Arrays.fill(actual, Double.NaN);
              conv.pathForward(p, 3, power, in, expected, biasPaths, conv.newPathCache());
              conv.pathForward(p, 3, power, in, actual, biasPaths, fast);
              assertClose(expected, actual, actual.length, 1e-5, what + " forward");
            }
            double[] eIn = new double[conv.inputSize()];
            double[] aIn = new double[conv.inputSize()];
            java.util.Arrays.fill(aIn, Double.NaN);
            float[] eq = new float[conv.parameterCount() + 2];
            float[] aq = new float[conv.parameterCount() + 2];
            java.util.Arrays.fill(eq, 0.5f);
            java.util.Arrays.fill(aq, 0.5f);
            conv.pathBackward(p, 3, power, in, dOut, eIn, eq, 2, conv.newPathCache());
            conv.pathBackward(p, 3, power, in, dOut, aIn, aq, 2, fast);
            String what = kernels.description() + " " + conv + " range " + range + " p " + power;
            assertClose(eIn, aIn, aIn.length, 1e-5, what + " dIn");
            assertEquals(0.5f, aq[0], what + " before the slice");
            double[] de = new double[eq.length], da = new double[aq.length];
            for (int i = 0; i < eq.length; i++) {
              de[i] = eq[i];
              da[i] = aq[i];
            }
            assertClose(de, da, de.length, 1e-5, what + " dq");
            // without dIn (the first layer): dq alone, the same
            java.util.Arrays.fill(aq, 0.5f);
            conv.pathBackward(p, 3, power, in, dOut, null, aq, 2, fast);
            for (int i = 0; i < aq.length; i++) da[i] = aq[i];
            assertClose(de, da, de.length, 1e-5, what + " dq without dIn");
          }
        }
      }
    }
  }

  @Test
  void kappaOfConvNetsMatchesTheDoublePass() {
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (String arch : new String[] {"3x17x15:c4k3p1-c5k3p1-mp2-c7k3p1s2-ap2-5", "1x16x16:c16k3p1-mp2-c33k1-mp2-3",
          "2x7x7:c3k5p2-c2k3-4"}) {
        Sequential m = ConvModelContractTest.model(arch, arch.length());
        float[] expected = new float[m.parameterCount()];
        float[] actual = new float[m.parameterCount()];
        new PathNormPass(m).kappa(m, expected);
        PathNormPass fast = new PathNormPass(m, kernels, new Gemm(kernels, null));
        fast.kappa(m, actual);
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 1e-5 * scale, kernels.description() + " " + arch + " kappa[" + i + "]");
        }
        // a second call on the same buffers gives the same κ
        float[] again = new float[m.parameterCount()];
        fast.kappa(m, again);
        org.junit.jupiter.api.Assertions.assertArrayEquals(actual, again);
        assertEquals(new PathNormPass(m).lpPower(m, 2, true), fast.lpPower(m, 2, true), 1e-5 * fast.lpPower(m, 2, true), arch + " phi");
      }
    }
  }
}
