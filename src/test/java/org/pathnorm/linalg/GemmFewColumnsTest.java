package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.GemmKernel;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.FoldedDot;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * C = A·Bᵀ with few columns (a classifier's forward product) through the GEMM on every kernel set: where the kernel
 * has the dot-product path ({@link GemmKernel#productFewColumns}) the bits of its order (16 chains by κ mod 16, folded
 * by halves); on 1 and 3 threads the same bits; and the packed forms an evaluation uses, B packed once ({@link
 * Gemm#pack}) and A in row panels ({@link RowPanels}), the same bits as the plain product, on both sides of the width.
 */
class GemmFewColumnsTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);

  @Test
  void plainPackedAndRowPanelProductsAgreeBitForBit() {
    SplittableRandom r = new SplittableRandom(8);
    for (Kernels kern : KernelsUnderTest.all()) {
      GemmKernel kernel = kern.gemmKernel();
      for (int m : new int[] {1, 7, 17, 64, 100, 257}) {
        for (int n : new int[] {1, 3, 10, 15, 16, 17}) {
          for (int k : new int[] {1, 15, 100, 784}) {
            check(kern, kernel, m, n, k, r);
          }
        }
      }
    }
  }

  private static void check(Kernels kern, GemmKernel kernel, int m, int n, int k, SplittableRandom r) {
    String where = kern.name() + " " + m + " x " + n + " x " + k;
    float[] a = FoldedDot.uniform(m * k, r), b = FoldedDot.uniform(n * k, r), bias = FoldedDot.uniform(n, r);
    Gemm one = new Gemm(kern, null);
    Gemm three = new Gemm(kern, POOL);
    float[] want = new float[m * n];
    one.abt(m, n, k, a, 0, k, b, 0, k, want, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
    if (n <= kernel.fewColumnsWidth()) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float v = FoldedDot.dot(k, a, i * k, b, j * k) + bias[j];
          assertEquals(Float.floatToIntBits(Math.max(v, 0f)), Float.floatToIntBits(want[i * n + j]), where + " element " + i + "," + j);
        }
      }
    }
    float[] got = new float[m * n];
    three.abt(m, n, k, a, 0, k, b, 0, k, got, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
    same(want, got, where + ", 3 threads");

    PackedMatrix packed = three.pack(new PackedMatrix(), k, n, b, 0, k, true);
    got = new float[m * n];
    three.ab(m, n, k, a, 0, k, packed, got, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
    same(want, got, where + ", B packed");

    RowPanels panels = three.shapeRows(new RowPanels(), m, k);
    Gemm.packRows(panels, 0, m, a, 0, k);
    got = new float[m * n];
    three.ab(m, n, k, panels, 0, packed, got, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
    same(want, got, where + ", A in row panels");
  }

  private static void same(float[] want, float[] got, String where) {
    for (int i = 0; i < want.length; i++) {
      assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), where + " element " + i);
    }
  }
}
