package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.testing.KernelsUnderTest;

/** Every kernel against a plain double-precision loop, over awkward sizes and offsets, on both paths. */
class KernelsTest {
  private static final int OFF_X = 3;
  private static final int OFF_Y = 5;

  static Stream<Arguments> cases() {
    return KernelsUnderTest.all().stream().flatMap(k ->
        Arrays.stream(KernelsUnderTest.SIZES).boxed().map(n -> Arguments.of(k, n)));
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n + 11];
    for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 4 - 2);
    return x;
  }

  /** Relative comparison for reductions: |got − want| ≤ tol·scale. */
  private static void close(double want, double got, double scale, double tol, String what) {
    assertTrue(Math.abs(got - want) <= tol * Math.max(scale, 1e-30),
        what + ": want " + want + " got " + got);
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void axpyScaleMul(Kernels k, int n) {
    float[] x = random(n, 1), y = random(n, 2);
    float[] yy = y.clone();
    k.axpy(0.75f, x, OFF_X, yy, OFF_Y, n);
    for (int i = 0; i < yy.length; i++) {
      boolean inside = i >= OFF_Y && i < OFF_Y + n;
      float expect = inside ? (float) (y[i] + 0.75 * x[i - OFF_Y + OFF_X]) : y[i];
      assertEquals(expect, yy[i], 2e-6f * (1 + Math.abs(expect)), "axpy at " + i);
    }

    float[] xs = x.clone();
    k.scale(-1.5f, xs, OFF_X, n);
    for (int i = 0; i < xs.length; i++) {
      boolean inside = i >= OFF_X && i < OFF_X + n;
      assertEquals(inside ? -1.5f * x[i] : x[i], xs[i], 0f, "scale at " + i);
    }

    float[] ym = y.clone();
    k.mul(x, OFF_X, ym, OFF_Y, n);
    for (int i = 0; i < ym.length; i++) {
      boolean inside = i >= OFF_Y && i < OFF_Y + n;
      assertEquals(inside ? x[i - OFF_Y + OFF_X] * y[i] : y[i], ym[i], 0f, "mul at " + i);
    }
  }

  /**
   * SGD's update, with and without a velocity, the gradient laid out like the weights or elsewhere (a row
   * handed over by the GEMM): the float operations of docs/algorithms.md §3.1 in their order, bit for bit.
   */
  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void sgdStepIsTheScalarUpdateBitForBit(Kernels k, int n) {
    float lr = 0.05f, mu = 0.9f, wd = 1e-3f;
    for (boolean momentum : new boolean[] {false, true}) {
      float[] w = random(n, 11), g = random(n + 20, 12), v = momentum ? random(n, 13) : null;
      float[] wSame = w.clone(), vSame = v == null ? null : v.clone();
      float[] wWant = w.clone(), vWant = v == null ? null : v.clone();
      int gOff = 17;
      for (int i = OFF_X; i < OFF_X + n; i++) {
        float d = g[i - OFF_X + gOff] + wd * wWant[i];
        if (v == null) {
          wWant[i] -= lr * d;
        } else {
          vWant[i] = mu * vWant[i] - lr * d;
          wWant[i] += vWant[i];
        }
      }
      k.sgdStep(w, OFF_X, g, gOff, v, n, lr, mu, wd);
      assertArrayEquals(wWant, w, "weights, momentum " + momentum);
      if (v != null) assertArrayEquals(vWant, v, "velocity");
      // the gradient at the weights' own offset: the same call with gOff = OFF_X
      float[] gSame = new float[g.length];
      System.arraycopy(g, gOff, gSame, OFF_X, n);
      k.sgdStep(wSame, gSame, vSame, OFF_X, n, lr, mu, wd);
      assertArrayEquals(wWant, wSame, "weights, gradient laid out like them");
      if (v != null) assertArrayEquals(vWant, vSame, "velocity, gradient laid out like the weights");
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void reluAndItsMask(Kernels k, int n) {
    float[] x = random(n, 3);
    x[OFF_X] = -0.0f;
    if (n > 2) x[OFF_X + 2] = Float.NaN;
    float[] y = new float[x.length];
    k.relu(x, OFF_X, y, 1, n);
    for (int i = 0; i < n; i++) {
      assertEquals(Math.max(x[OFF_X + i], 0f), y[1 + i], 0f, "relu at " + i);
    }
    float[] g = random(n, 4);
    float[] g0 = g.clone();
    k.reluBackward(y, 1, g, OFF_Y, n);
    for (int i = 0; i < g.length; i++) {
      boolean inside = i >= OFF_Y && i < OFF_Y + n;
      float expect = inside ? (y[1 + i - OFF_Y] > 0f ? g0[i] : 0f) : g0[i];
      assertEquals(expect, g[i], 0f, "reluBackward at " + i);
    }
    if (n > 2) assertTrue(Float.isNaN(y[1 + 2]), "ReLU must propagate NaN so that divergence is detected");
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void squaresAndSums(Kernels k, int n) {
    float[] x = random(n, 5);
    float[] y = new float[x.length];
    k.square(x, OFF_X, y, 0, n);
    for (int i = 0; i < n; i++) assertEquals(x[OFF_X + i] * x[OFF_X + i], y[i], 0f);
    double sum = 0, abs = 0, sq = 0;
    for (int i = 0; i < n; i++) {
      double v = x[OFF_X + i];
      sum += v;
      abs += Math.abs(v);
      sq += v * v;
    }
    close(sum, k.sum(x, OFF_X, n), abs, 1e-6, "sum");
    close(sq, k.sumSquares(x, OFF_X, n), sq, 1e-6, "sumSquares");
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void maxima(Kernels k, int n) {
    float[] x = random(n, 6);
    int at = n / 2;
    x[OFF_X + at] = 7f;
    if (n > 3) x[OFF_X + n - 1] = 7f; // a later tie: the first index wins
    if (n > 4) x[OFF_X + 1] = -9f;
    assertEquals(7f, k.max(x, OFF_X, n), 0f);
    assertEquals(at, k.argmax(x, OFF_X, n));
    if (n > 5) {
      x[OFF_X + 5] = Float.NaN;
      assertTrue(Float.isNaN(k.max(x, OFF_X, n)), "max must propagate NaN");
      assertEquals(5, k.argmax(x, OFF_X, n));
    }
  }

  @ParameterizedTest(name = "{0} cols={1}")
  @MethodSource("cases")
  void rowVectorsAndColumnSums(Kernels k, int cols) {
    int rows = 5;
    int ld = cols + 3;
    float[] m = random(rows * ld, 7);
    float[] v = random(cols, 8);
    float[] m2 = m.clone();
    k.addRowVector(v, 2, m2, 1, rows, cols, ld);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < ld; c++) {
        int idx = 1 + r * ld + c;
        if (idx >= m.length) continue;
        float expect = c < cols ? m[idx] + v[2 + c] : m[idx];
        assertEquals(expect, m2[idx], 0f, "addRowVector r=" + r + " c=" + c);
      }
    }
    float[] out = random(cols, 9);
    float[] out0 = out.clone();
    k.addColumnSums(m, 1, rows, cols, ld, out, 4);
    for (int c = 0; c < cols; c++) {
      float expect = out0[4 + c];
      for (int r = 0; r < rows; r++) expect += m[1 + r * ld + c];
      assertEquals(expect, out[4 + c], 0f, "addColumnSums c=" + c);
    }
    assertArrayEquals(Arrays.copyOf(out0, 4), Arrays.copyOf(out, 4), "addColumnSums wrote before its offset");
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void pathSgdKernels(Kernels k, int n) {
    float[] w = random(n, 11), x = random(n, 12), g = random(n, 13);
    double want = 0, scale = 0;
    for (int i = 0; i < n; i++) {
      double t = (double) w[OFF_X + i] * w[OFF_X + i] * x[OFF_Y + i];
      want += t;
      scale += Math.abs(t);
    }
    close(want, k.dotSquared(w, OFF_X, x, OFF_Y, n), scale, n * 2.4e-7, "dotSquared");
    float[] y = x.clone();
    k.axpySquared(-0.5f, w, OFF_X, y, OFF_Y, n);
    for (int i = 0; i < y.length; i++) {
      boolean inside = i >= OFF_Y && i < OFF_Y + n;
      float expect = inside ? x[i] + -0.5f * (w[i - OFF_Y + OFF_X] * w[i - OFF_Y + OFF_X]) : x[i];
      assertEquals(expect, y[i], 0f, "axpySquared at " + i);
    }
    // the fused update against its plain definition, bit for bit, with and without a velocity
    float[] r = new float[n + 11];
    for (int i = 0; i < r.length; i++) r[i] = 1f / (1 + Math.abs(x[i]));
    for (boolean momentum : new boolean[] {false, true}) {
      float[] wk = w.clone(), wr = w.clone();
      float[] vk = momentum ? random(n, 14) : null;
      float[] vr = momentum ? vk.clone() : null;
      k.pathSgdStep(wk, g, vk, OFF_X, n, 0.1f, 0.9f, 0.25f, r, 2);
      for (int i = 0; i < n; i++) {
        int p = OFF_X + i;
        float d = g[p] * (0.25f * r[2 + i]);
        if (vr == null) {
          wr[p] -= 0.1f * d;
        } else {
          vr[p] = 0.9f * vr[p] - 0.1f * d;
          wr[p] += vr[p];
        }
      }
      assertArrayEquals(wr, wk, 0f, "pathSgdStep, momentum " + momentum);
      if (momentum) assertArrayEquals(vr, vk, 0f, "pathSgdStep velocity");
    }
  }

  /**
   * The update of 1–4 rows fused with the squared sums: the same bits as pathSgdStep, axpySquared and
   * dotSquared row after row, with and without a velocity, y and x, and with the gradient at a shift.
   */
  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void pathSgdRowsSquaredIsTheCallsRowAfterRow(Kernels k, int n) {
    int ld = n + 3;
    float[] w = random(4 * ld, 21), g = random(4 * ld, 23), x = random(n, 22), y = random(n, 24);
    float[] r = new float[n + 11], s = {0.25f, 0.5f, 2f, 0.125f, 4f, 1f}, a = {-0.75f, 1.5f, 0.5f, 3f, -2f, 0.25f};
    for (int i = 0; i < r.length; i++) r[i] = 1f / (1 + Math.abs(x[i]));
    for (int rows = 1; rows <= 4; rows++) {
      for (boolean momentum : new boolean[] {false, true}) {
        for (int sums = 0; sums < 4; sums++) {
          boolean withY = (sums & 1) != 0, withX = (sums & 2) != 0;
          float[] wf = w.clone(), wp = w.clone(), yf = y.clone(), yp = y.clone();
          float[] vf = momentum ? random(4 * ld, 25) : null;
          float[] vp = momentum ? vf.clone() : null;
          float[] vs = momentum ? vf.clone() : null;
          float[] got = {-1f, -1f, -1f, -1f};
          k.pathSgdRowsSquared(rows, wf, g, vf, OFF_X, ld, n, 0.1f, 0.9f, s, a, 2, r, 2, withY ? yf : null, OFF_Y,
              withX ? x : null, 1, got);
          String what = rows + " rows, momentum " + momentum + ", y " + withY + ", x " + withX;
          // the same with the gradient in an array of its own, 9 places further on (as a GEMM's strip hands it over)
          float[] moved = new float[g.length + 9];
          System.arraycopy(g, 0, moved, 9, g.length);
          float[] ws = w.clone(), ys = y.clone(), gotShifted = {-1f, -1f, -1f, -1f};
          k.pathSgdRowsSquared(rows, ws, moved, 9, vs, OFF_X, ld, n, 0.1f, 0.9f, s, a, 2, r, 2, withY ? ys : null, OFF_Y,
              withX ? x : null, 1, gotShifted);
          assertArrayEquals(wf, ws, 0f, "weights with the gradient shifted, " + what);
          assertArrayEquals(got, gotShifted, 0f, "row sums with the gradient shifted, " + what);
          assertArrayEquals(yf, ys, 0f, "column sums with the gradient shifted, " + what);
          if (momentum) assertArrayEquals(vf, vs, 0f, "velocity with the gradient shifted, " + what);
          for (int q = 0; q < rows; q++) {
            int row = OFF_X + q * ld;
            k.pathSgdStep(wp, g, vp, row, n, 0.1f, 0.9f, s[2 + q], r, 2);
            if (withY) k.axpySquared(a[2 + q], wp, row, yp, OFF_Y, n);
            float want = withX ? k.dotSquared(wp, row, x, 1, n) : -1f;
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[q]), "row sum " + q + ", " + what);
          }
          for (int q = rows; q < 4; q++) assertEquals(-1f, got[q], "sums written past the rows, " + what);
          assertArrayEquals(wp, wf, 0f, "weights, " + what);
          if (momentum) assertArrayEquals(vp, vf, 0f, "velocity, " + what);
          assertArrayEquals(yp, yf, 0f, "column sums, " + what);
        }
      }
    }
  }

  @Test
  void emptyInputs() {
    for (Kernels k : KernelsUnderTest.all()) {
      float[] x = new float[0];
      assertEquals(0.0, k.sum(x, 0, 0));
      assertEquals(Float.NEGATIVE_INFINITY, k.max(x, 0, 0));
      assertEquals(-1, k.argmax(x, 0, 0));
    }
  }
  /** Bytes to v / 255: every one of the 256 values, bit for bit as the float division rounds it. */
  @Test
  void everyByteBecomesItsDivisionBy255() {
    byte[] all = new byte[256 + 37];
    for (int i = 0; i < all.length; i++) all[i] = (byte) i;
    for (Kernels k : KernelsUnderTest.all()) {
      for (int off = 0; off < 37; off += 5) {
        float[] got = new float[256];
        k.unitBytesToFloats(all, off, got, 0, 256);
        for (int i = 0; i < 256; i++) {
          int v = (off + i) & 0xff;
          assertEquals(Float.floatToRawIntBits(v / 255f), Float.floatToRawIntBits(got[i]), k.name() + ": byte " + v + " at offset " + off);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void unitBytesToFloatsWritesExactlyItsRange(Kernels k, int n) {
    SplittableRandom r = new SplittableRandom(n);
    byte[] src = new byte[n + 11];
    r.nextBytes(src);
    float[] dst = random(n, 4);
    float[] before = dst.clone();
    k.unitBytesToFloats(src, OFF_X, dst, OFF_Y, n);
    for (int i = 0; i < dst.length; i++) {
      boolean inside = i >= OFF_Y && i < OFF_Y + n;
      float want = inside ? (src[i - OFF_Y + OFF_X] & 0xff) / 255f : before[i];
      assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(dst[i]), "at " + i);
    }
  }
}
