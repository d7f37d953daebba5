package org.pathnorm.testing;

import java.util.ArrayList;
import java.util.List;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * The kernel implementations a twin test runs over: the one selected at start-up (Panama in the
 * default Surefire run, scalar in the "scalar-test" run) and always the scalar one.
 */
public final class KernelsUnderTest {
  private KernelsUnderTest() {}

  /** Awkward sizes that hit every loop tail of 128/256/512-bit vectors and the GEMM tiles. */
  public static final int[] SIZES = {1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 1000};

  public static List<Kernels> all() {
    List<Kernels> list = new ArrayList<>();
    list.add(KernelSelection.kernels());
    if (!KernelSelection.kernels().name().equals("scalar")) list.add(KernelSelection.scalar());
    return list;
  }
}
