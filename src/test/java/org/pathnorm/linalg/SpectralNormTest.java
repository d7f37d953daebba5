package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * Lanczos and power iteration against the Jacobi SVD (docs/algorithms.md §5.5 item 22), over awkward shapes and both
 * kernel paths; the reported a-posteriori error must cover the true error; the fused Gram product
 * against a plain double loop; thread-count bit-identity.
 */
class SpectralNormTest {
  static float[] gaussian(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
    return x;
  }

  static Stream<Arguments> shapes() {
    int[][] s = {{1, 1}, {1, 7}, {7, 1}, {15, 16}, {17, 31}, {33, 33}, {64, 17}, {130, 65}, {200, 127}};
    return KernelsUnderTest.all().stream().flatMap(k -> Stream.of(s).map(x -> Arguments.of(k, x[0], x[1])));
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("shapes")
  void lanczosAndPowerMatchTheSvdWithinTheirReportedError(Kernels k, int rows, int cols) {
    float[] w = gaussian(rows * cols + 3, rows * 31L + cols);
    double exact = JacobiSvd.singularValues(w, 3, rows, cols)[0];
    for (SpectralNorm.Result res : new SpectralNorm.Result[] {
        SpectralNorm.lanczos(k, null, w, 3, rows, cols, 1e-6, 500),
        SpectralNorm.power(k, null, w, 3, rows, cols, 1e-6, 100_000)}) {
      assertTrue(res.converged(), res.toString());
      double rel = Math.abs(res.value() - exact) / exact;
      // the bound covers the error up to the float rounding of the products
      assertTrue(rel <= res.relativeError() + 2e-6, res + " vs exact " + exact + " (rel " + rel + ")");
      assertTrue(rel <= 3e-6, res + " vs exact " + exact);
    }
  }

  @Test
  void lanczosNeedsFarFewerPassesThanPowerIterationOnAGaussianMatrix() {
    Kernels k = KernelSelection.kernels();
    float[] w = gaussian(300 * 300, 5);
    SpectralNorm.Result l = SpectralNorm.lanczos(k, null, w, 0, 300, 300, 1e-4, 1000);
    SpectralNorm.Result p = SpectralNorm.power(k, null, w, 0, 300, 300, 1e-4, 100_000);
    assertTrue(l.converged() && p.converged());
    assertTrue(3 * l.iterations() < p.iterations(), l + " vs " + p);
  }

  @Test
  void gramProductMatchesAPlainLoopAndIsIdenticalForAnyThreadCount() {
    int rows = 1000, cols = 33;
    float[] w = gaussian(rows * cols, 9);
    double[] x = new double[cols];
    for (int i = 0; i < cols; i++) x[i] = (float) Math.sin(i + 1);
    double[] want = new double[cols];
    for (int j = 0; j < rows; j++) {
      double y = 0;
      for (int i = 0; i < cols; i++) y += (double) w[j * cols + i] * x[i];
      for (int i = 0; i < cols; i++) want[i] += y * w[j * cols + i];
    }
    double[] one = new double[cols], four = new double[cols];
    new GramOperator(KernelSelection.kernels(), null, w, 0, rows, cols).apply(x, one);
    ForkJoinPool pool = new ForkJoinPool(4);
    try {
      new GramOperator(KernelSelection.kernels(), pool, w, 0, rows, cols).apply(x, four);
      SpectralNorm.Result a = SpectralNorm.lanczos(KernelSelection.kernels(), null, w, 0, rows, cols, 1e-6, 100);
      SpectralNorm.Result b = SpectralNorm.lanczos(KernelSelection.kernels(), pool, w, 0, rows, cols, 1e-6, 100);
      assertEquals(a, b);
    } finally {
      pool.shutdown();
    }
    assertArrayEquals(one, four, 0.0);
    for (int i = 0; i < cols; i++) assertEquals(want[i], one[i], 1e-4 * (1 + Math.abs(want[i])));
  }

  @Test
  void zeroAndRankOneMatrices() {
    Kernels k = KernelSelection.kernels();
    assertEquals(0.0, SpectralNorm.lanczos(k, null, new float[12], 0, 3, 4, 1e-6, 50).value());
    float[] u = {1, 2, 2}, v = {3, 0, 4, 0};
    float[] w = new float[12];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) w[i * 4 + j] = u[i] * v[j];
    SpectralNorm.Result r = SpectralNorm.lanczos(k, null, w, 0, 3, 4, 1e-9, 50);
    assertEquals(15.0, r.value(), 1e-5);   // ‖u‖·‖v‖ = 3·5
  }
}
