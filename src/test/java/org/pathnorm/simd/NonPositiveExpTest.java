package org.pathnorm.simd;

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

/** The softmax's exponentials (docs/algorithms.md §1.3): accuracy against Math.exp, and the same bits on every kernel set. */
class NonPositiveExpTest {
  /** Ulps of double between e^x as computed and Math.exp(x). */
  private static long ulps(double x) {
    return Math.abs(Double.doubleToRawLongBits(NonPositiveExp.of(x)) - Double.doubleToRawLongBits(Math.exp(x)));
  }

  @Test
  void withinTwoUlpsOfMathExpOverTheWholeRange() {
    SplittableRandom r = new SplittableRandom(5);
    long worst = 0;
    for (int i = 0; i < 3_000_000; i++) {
      // uniform over the range, and over [-1, 0] and [-30, 0] where a softmax's values mostly are
      double span = i % 3 == 0 ? -NonPositiveExp.MIN_ARG : i % 3 == 1 ? 1 : 30;
      double x = -r.nextDouble() * span;
      long u = ulps(x);
      assertTrue(u <= 2, "x = " + x + ": " + u + " ulps from Math.exp");
      worst = Math.max(worst, u);
    }
    // float arguments, as the loss passes them: o_j − max in float
    for (int i = 0; i < 1_000_000; i++) {
      double x = (float) (-r.nextDouble() * 100);
      assertTrue(ulps(x) <= 2, "x = " + x + ": " + ulps(x) + " ulps");
    }
    for (double x : new double[] {0, -0.0, -1e-300, -1e-16, -0.34657359027997264, -0.6931471805599453, -1, -10, -700,
        NonPositiveExp.MIN_ARG, Math.nextUp(NonPositiveExp.MIN_ARG)}) {
      assertTrue(ulps(x) <= 2, "x = " + x + ": " + ulps(x) + " ulps");
    }
    assertTrue(worst <= 2, "worst " + worst + " ulps");
  }

  @Test
  void edgesOfTheRange() {
    assertEquals(1.0, NonPositiveExp.of(0));
    assertEquals(1.0, NonPositiveExp.of(-0.0));
    assertEquals(1.0, NonPositiveExp.of(3), "x > 0 is taken as 0");
    assertEquals(0.0, NonPositiveExp.of(Math.nextDown(NonPositiveExp.MIN_ARG)));
    assertEquals(0.0, NonPositiveExp.of(-1000));
    assertEquals(0.0, NonPositiveExp.of(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(NonPositiveExp.of(Double.NaN)));
    assertTrue(NonPositiveExp.of(NonPositiveExp.MIN_ARG) >= Double.MIN_NORMAL * 0.99);
  }

  static Stream<Arguments> cases() {
    return KernelsUnderTest.all().stream().flatMap(k -> Arrays.stream(KernelsUnderTest.SIZES).boxed().map(n -> Arguments.of(k, n)));
  }

  /** Every lane, loop tails included, gives the scalar function's bits, and nothing outside the range is written. */
  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void kernelsGiveTheScalarBits(Kernels k, int n) {
    SplittableRandom r = new SplittableRandom(n);
    double[] special = {0, -0.0, 2, Double.NaN, Double.NEGATIVE_INFINITY, -1000, NonPositiveExp.MIN_ARG,
        Math.nextDown(NonPositiveExp.MIN_ARG), -1e-20};
    int off = 3;
    double[] x = new double[n + 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : -r.nextDouble() * 720;
    }
    double[] got = x.clone();
    k.expNonPositive(got, off, n);
    for (int i = 0; i < x.length; i++) {
      boolean inside = i >= off && i < off + n;
      double want = inside ? NonPositiveExp.of(x[i]) : x[i];
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[i]), k.name() + " at " + i + " (x = " + x[i] + ")");
    }
  }
}
