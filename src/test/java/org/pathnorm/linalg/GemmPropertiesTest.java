package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/** Random shapes and flags: the blocked GEMM agrees with the naive reference on both kernel paths. */
class GemmPropertiesTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(2);

  @AfterContainer
  static void shutdown() {
    POOL.shutdown();
  }

  @Property(tries = 150)
  void blockedGemmEqualsReference(
      @ForAll @IntRange(min = 1, max = 70) int m, @ForAll @IntRange(min = 1, max = 70) int n,
      @ForAll @IntRange(min = 0, max = 300) int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean accumulate,
      @ForAll boolean bias, @ForAll boolean relu, @ForAll long seed) {
    GemmTest.Problem p = new GemmTest.Problem(transA, transB, m, n, k, accumulate, bias, relu, seed);
    Kernels selected = KernelSelection.kernels();
    p.check(p.run(new Gemm(selected, POOL)), selected.name() + " " + p);
    Kernels scalar = KernelSelection.scalar();
    p.check(p.run(new Gemm(scalar, null)), "scalar " + p);
  }
}
