package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link Kernels#gramRows} against a double-precision loop over awkward sizes and row counts, on both paths. */
class GramRowsKernelTest {
  static Stream<Arguments> cases() {
    return KernelsUnderTest.all().stream().flatMap(k -> Arrays.stream(KernelsUnderTest.SIZES).boxed()
        .flatMap(n -> IntStream.of(1, 2, 3, 5).mapToObj(rows -> Arguments.of(k, n, rows))));
  }

  @ParameterizedTest(name = "{0} n={1} rows={2}")
  @MethodSource("cases")
  void dotsThenAccumulate(Kernels k, int n, int rows) {
    SplittableRandom r = new SplittableRandom(n * 7L + rows);
    int wOff = 3, ld = n + 2, vOff = 5, zOff = 2, yOff = 1;
    float[] w = new float[wOff + rows * ld + 4], v = new float[n + 9], z = new float[n + 9], y = new float[rows + 3];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 4 - 2);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextDouble() * 4 - 2);
      z[i] = (float) (r.nextDouble() * 4 - 2);
    }
    float[] z0 = z.clone();
    k.gramRows(w, wOff, ld, rows, v, vOff, z, zOff, n, y, yOff);
    double[] want = new double[z.length];
    for (int i = 0; i < z.length; i++) want[i] = z0[i];
    double scaleZ = 1;
    for (int row = 0; row < rows; row++) {
      double dot = 0, scale = 0;
      for (int i = 0; i < n; i++) {
        dot += (double) w[wOff + row * ld + i] * v[vOff + i];
        scale += Math.abs((double) w[wOff + row * ld + i] * v[vOff + i]);
      }
      assertTrue(Math.abs(y[yOff + row] - dot) <= n * 1.2e-7 * scale + 1e-30, "y[" + row + "]: want " + dot + " got " + y[yOff + row]);
      for (int i = 0; i < n; i++) want[zOff + i] += (double) y[yOff + row] * w[wOff + row * ld + i];
      scaleZ += 2 * Math.abs(y[yOff + row]);
    }
    assertEquals(0f, y[0]);
    for (int i = 0; i < z.length; i++) {
      boolean inside = i >= zOff && i < zOff + n;
      assertEquals(want[i], z[i], inside ? 3e-7 * rows * scaleZ : 0, "z at " + i);
    }
  }
}
