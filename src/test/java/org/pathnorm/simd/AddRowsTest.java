package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Kernels#addRows} (the recurrent path-norm pass) against the plain double loop on both kernel
 * paths over awkward row counts and widths (tails of the 4-vector blocks, of one vector, of 256 bits and
 * of scalar lanes), with strides and offsets: the result must be the same bits, not merely close, since
 * κ must not depend on which kernels run. Elements outside y's window must be left alone.
 */
class AddRowsTest {
  private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 65, 100};

  @Test
  void matchesThePlainLoopBitForBit() {
    SplittableRandom r = new SplittableRandom(5);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int count : SIZES) {
        for (int n : SIZES) check(kernels, count, n, n + r.nextInt(4), r);
      }
    }
  }

  /**
   * Above 256 KiB of x the vector kernels run over blocks of rows (the recurrent pass at H ≥ ≈ 180); row
   * counts that are not multiples of the block, and widths with every kind of tail.
   */
  @Test
  void largeMatricesInBlocksOfRowsMatchThePlainLoopBitForBit() {
    SplittableRandom r = new SplittableRandom(6);
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int count : new int[] {7, 8, 9, 17, 33, 50, 257}) {
        for (int n : new int[] {1, 7, 17, 33, 100, 1024, 1031}) check(kernels, count, n, Math.max(n, 40_000 / count) + r.nextInt(4), r);
      }
    }
  }

  /**
   * {@link Kernels#addSquaredRows} (float rows squared on the fly) against {@link Kernels#addRows} over the
   * same rows squared into a double array, and against the plain loop: the same bits, over awkward row
   * counts and widths, small (y in registers) and large enough for the blocks of rows, with strides, and with the
   * last row ending at the array's end.
   */
  @Test
  void squaredFloatRowsMatchAddRowsOverTheSquaresBitForBit() {
    SplittableRandom r = new SplittableRandom(7);
    int[] sizes = {0, 1, 7, 15, 16, 17, 31, 33, 100, 257, 1024};
    for (Kernels kernels : KernelsUnderTest.all()) {
      for (int count : sizes) {
        for (int n : sizes) {
          checkSquared(kernels, count, n, n + r.nextInt(4), false, r);
          checkSquared(kernels, count, n, n + r.nextInt(4), true, r);
        }
      }
      for (int count : new int[] {7, 9, 17, 50}) {
        for (int n : new int[] {1, 7, 33, 1031}) checkSquared(kernels, count, n, Math.max(n, 80_000 / count) + r.nextInt(4), false, r);
      }
    }
  }

  /** tight: the last row ends at the array's end, so a kernel reading past a row's n values must stop short there. */
  private static void checkSquared(Kernels kernels, int count, int n, int wStride, boolean tight, SplittableRandom r) {
    int cStride = 1 + r.nextInt(3);
    int cOff = r.nextInt(3), wOff = r.nextInt(3), yOff = r.nextInt(3);
    double[] coef = random(cOff + Math.max(count, 1) * cStride, r);
    float[] w = new float[wOff + (Math.max(count, 1) - (tight ? 1 : 0)) * wStride + n];
    double[] squares = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextDouble() * 2 - 1);
      squares[i] = Math.abs((double) w[i]) * Math.abs((double) w[i]);
    }
    double[] y = random(yOff + n + 2, r);
    double[] viaAddRows = y.clone();
    double[] want = y.clone();
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < n; i++) want[yOff + i] += coef[cOff + k * cStride] * squares[wOff + k * wStride + i];
    }
    kernels.addRows(count, coef, cOff, cStride, squares, wOff, wStride, viaAddRows, yOff, n);
    kernels.addSquaredRows(count, coef, cOff, cStride, w, wOff, wStride, y, yOff, n);
    for (int i = 0; i < y.length; i++) {
      String where = kernels.name() + " count=" + count + " n=" + n + " wStride=" + wStride + " at " + i + ": ";
      assertEquals(Double.doubleToLongBits(viaAddRows[i]), Double.doubleToLongBits(y[i]), where + viaAddRows[i] + " vs " + y[i]);
      assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(y[i]), where + want[i] + " vs " + y[i]);
    }
  }

  /** One call with random strides, offsets and values against the plain loop; y outside its window untouched. */
  private static void check(Kernels kernels, int count, int n, int xStride, SplittableRandom r) {
    int cStride = 1 + r.nextInt(3);
    int cOff = r.nextInt(3), xOff = r.nextInt(3), yOff = r.nextInt(3);
    double[] coef = random(cOff + Math.max(count, 1) * cStride, r);
    double[] x = random(xOff + Math.max(count, 1) * xStride + n, r);
    double[] y = random(yOff + n + 2, r);
    double[] want = y.clone();
    for (int k = 0; k < count; k++) {
      for (int i = 0; i < n; i++) want[yOff + i] += coef[cOff + k * cStride] * x[xOff + k * xStride + i];
    }
    kernels.addRows(count, coef, cOff, cStride, x, xOff, xStride, y, yOff, n);
    for (int i = 0; i < y.length; i++) {
      assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(y[i]),
          kernels.name() + " count=" + count + " n=" + n + " xStride=" + xStride + " at " + i + ": " + want[i] + " vs " + y[i]);
    }
  }

  private static double[] random(int n, SplittableRandom r) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = r.nextDouble() * 2 - 1;
    return x;
  }
}
