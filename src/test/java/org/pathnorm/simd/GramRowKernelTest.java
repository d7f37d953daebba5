package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link Kernels#gramRow} against a double-precision loop over awkward sizes, on both paths. */
class GramRowKernelTest {
  static Stream<Arguments> cases() {
    return KernelsUnderTest.all().stream().flatMap(k ->
        Arrays.stream(KernelsUnderTest.SIZES).boxed().map(n -> Arguments.of(k, n)));
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("cases")
  void dotThenAccumulate(Kernels k, int n) {
    SplittableRandom r = new SplittableRandom(n);
    int wOff = 3, vOff = 5, zOff = 2;
    float[] w = new float[n + 9], v = new float[n + 9], z = new float[n + 9];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextDouble() * 4 - 2);
      v[i] = (float) (r.nextDouble() * 4 - 2);
      z[i] = (float) (r.nextDouble() * 4 - 2);
    }
    float[] z0 = z.clone();
    double want = 0, scale = 0;
    for (int i = 0; i < n; i++) {
      want += (double) w[wOff + i] * v[vOff + i];
      scale += Math.abs((double) w[wOff + i] * v[vOff + i]);
    }
    float y = k.gramRow(w, wOff, v, vOff, z, zOff, n);
    assertTrue(Math.abs(y - want) <= n * 1.2e-7 * scale + 1e-30, "dot: want " + want + " got " + y);
    for (int i = 0; i < z.length; i++) {
      boolean inside = i >= zOff && i < zOff + n;
      double expect = inside ? z0[i] + (double) y * w[i - zOff + wOff] : z0[i];
      assertEquals(expect, z[i], inside ? 3e-6 * (1 + Math.abs(expect)) : 0, "z at " + i);
    }
  }
}
