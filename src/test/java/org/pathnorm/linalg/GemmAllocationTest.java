package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.testing.ThreadAllocation;

/**
 * A steady-state GEMM call allocates nothing: packing buffers are kept by the instance. Measured
 * exactly with the thread's allocation counter on the scalar path (no JIT dependence: it never
 * allocates, interpreted or compiled). The Vector API path allocates vector boxes until C2 has
 * compiled it; its steady state is measured with JMH's GC profiler (BENCHMARKS.md).
 */
class GemmAllocationTest {

  @Test
  void steadyStateCallsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();

    Gemm gemm = new Gemm(KernelSelection.scalar(), null);
    int m = 37, n = 70, k = 300;
    float[] a = new float[m * k], b = new float[n * k], c = new float[m * n + 64], bias = new float[n];
    for (int i = 0; i < a.length; i++) a[i] = i % 7 - 3;
    for (int i = 0; i < b.length; i++) b[i] = i % 5 - 2;
    // every shape once (including the transposed-output path), so all buffers exist
    gemm.product(false, true, m, n, k, a, 0, k, b, 0, k, c, 0, n, false, bias, 0, true);
    gemm.product(false, false, m, n, 30, a, 0, k, b, 0, n, c, 0, n, true, null, 0, false);
    gemm.product(true, false, m, n, 30, a, 0, m, b, 0, n, c, 0, n, false, null, 0, false);

    long before = counter.bytes();
    for (int rep = 0; rep < 5; rep++) {
      gemm.product(false, true, m, n, k, a, 0, k, b, 0, k, c, 0, n, false, bias, 0, true);
      gemm.product(false, false, m, n, 30, a, 0, k, b, 0, n, c, 0, n, true, null, 0, false);
      gemm.product(true, false, m, n, 30, a, 0, m, b, 0, n, c, 0, n, false, null, 0, false);
    }
    long allocated = counter.bytes() - before;
    assertEquals(0, allocated, "bytes allocated by 15 steady-state GEMM calls");
  }
}
