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
  /** Ulps of float between e^x as computed and Math.exp(x) rounded to float. */
  private static long ulps(float x) {
    float got = NonPositiveExp.of(x);
    float want = (float) Math.exp(x);
    return Math.abs((long) Float.floatToRawIntBits(got) - Float.floatToRawIntBits(want));
  }

  @Test
  void withinTwoUlpsOfMathExpOverTheWholeRange() {
    long worst = 0;
    // the floats of [-1, -0] at a stride of 211 (from -0, bits 0x80000000, up to -1, bits 0xbf800000), and random
    // ones down to the smallest normal result
    for (int bits = Integer.MIN_VALUE; bits <= Float.floatToRawIntBits(-1f); bits += 211) {
      worst = Math.max(worst, ulps(Float.intBitsToFloat(bits)));
    }
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 2_000_000; i++) {
      float x = (float) (r.nextDouble() * NonPositiveExp.MIN_ARG);
      long u = ulps(x);
      assertTrue(u <= 2, "x = " + x + ": " + u + " ulps from Math.exp");
      worst = Math.max(worst, u);
    }
    for (float x : new float[] {0f, -0f, -1e-30f, -1e-7f, -0.34657359f, -0.6931472f, -1f, -10f, -50f, -87f,
        NonPositiveExp.MIN_ARG, Math.nextUp(NonPositiveExp.MIN_ARG)}) {
      assertTrue(ulps(x) <= 2, "x = " + x + ": " + ulps(x) + " ulps");
    }
    assertTrue(worst <= 2, "worst " + worst + " ulps");
  }

  @Test
  void edgesOfTheRange() {
    assertEquals(1f, NonPositiveExp.of(0f));
    assertEquals(1f, NonPositiveExp.of(-0f));
    assertEquals(1f, NonPositiveExp.of(3f), "x > 0 is taken as 0");
    assertEquals(0f, NonPositiveExp.of(Math.nextDown(NonPositiveExp.MIN_ARG)));
    assertEquals(0f, NonPositiveExp.of(-1000f));
    assertEquals(0f, NonPositiveExp.of(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(NonPositiveExp.of(Float.NaN)));
    assertTrue(NonPositiveExp.of(NonPositiveExp.MIN_ARG) >= Float.MIN_NORMAL * 0.99f);
  }

  static Stream<Arguments> cases() {
    return KernelsUnderTest.all().stream().flatMap(k -> Arrays.stream(KernelsUnderTest.SIZES).boxed().map(n -> Arguments.of(k, n)));
  }

  /** Every lane, loop tails included, gives the scalar function's bits, and nothing outside the range is written. */
  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void kernelsGiveTheScalarBits(Kernels k, int n) {
    SplittableRandom r = new SplittableRandom(n);
    float[] special = {0f, -0f, 2f, Float.NaN, Float.NEGATIVE_INFINITY, -1000f, NonPositiveExp.MIN_ARG,
        Math.nextDown(NonPositiveExp.MIN_ARG), -1e-20f};
    int off = 3;
    float[] x = new float[n + 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(6) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextDouble() * -90);
    }
    float[] got = x.clone();
    k.expNonPositive(got, off, n);
    for (int i = 0; i < x.length; i++) {
      boolean inside = i >= off && i < off + n;
      float want = inside ? NonPositiveExp.of(x[i]) : x[i];
      assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]), k.name() + " at " + i + " (x = " + x[i] + ")");
    }
  }
}
