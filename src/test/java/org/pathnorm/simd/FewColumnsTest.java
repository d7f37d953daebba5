package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.testing.FoldedDot;

/**
 * {@link FewColumns}, the dot-product path for C = A·Bᵀ with few columns, bit for bit against a plain loop in the order
 * its comment gives (16 partial chains by κ mod 16, folded by halves), on any machine: the kernel names the 512-bit
 * species itself (without AVX-512 the JDK runs it in Java, slowly but with the same bits). Rows, columns and depths
 * around the vectors, the groups of 5 columns, the chunks of 8 rows and the K blocks (a depth of 4100 crosses them for
 * every width); offsets, leading dimensions wider than the rows, sub-ranges of rows and columns, C accumulated, bias,
 * ReLU, and nothing written outside the range. Also within float's rounding of the double-precision product.
 */
class FewColumnsTest {
  private static final int[] ROWS = {1, 2, 3, 7, 8, 9, 16, 17, 33};
  private static final int[] COLUMNS = {1, 2, 4, 5, 6, 7, 10, 11, 15, 16};
  private static final int[] DEPTHS = {1, 7, 15, 16, 17, 31, 33, 100, 257, 1000, 4100};

  @Test
  void givesTheBitsOfThePlainLoopInItsOrder() {
    SplittableRandom r = new SplittableRandom(5);
    for (int m : ROWS) {
      for (int n : COLUMNS) {
        for (int k : DEPTHS) {
          if ((long) m * k > 40_000 && m > 9) continue; // the deepest products on the few-row shapes only (test time)
          check(m, n, k, false, false, false, r);
        }
        check(m, n, 33, true, true, true, r);
        check(m, n, 100, true, false, true, r);
        check(m, n, 17, false, true, false, r);
      }
    }
  }

  @Test
  void aRangeOfRowsAndColumnsWritesOnlyThatRange() {
    SplittableRandom r = new SplittableRandom(6);
    int m = 21, n = 13, k = 70, lda = 75, ldb = 72, ldc = 17;
    float[] a = FoldedDot.uniform(3 + m * lda, r), b = FoldedDot.uniform(2 + n * ldb, r);
    float[] c = FoldedDot.uniform(4 + m * ldc, r), bias = FoldedDot.uniform(n + 1, r);
    float[] before = c.clone();
    float[] scratch = new float[FewColumns.scratchLength(n)];
    int i0 = 5, i1 = 18, j0 = 3, j1 = 11;
    FewColumns.product(k, i0, i1, j0, j1, a, 3, lda, b, 2, ldb, c, 4, ldc, true, bias, 1, true, scratch);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < ldc; j++) {
        int o = 4 + i * ldc + j;
        if (o >= c.length) continue;
        if (i >= i0 && i < i1 && j >= j0 && j < j1) {
          float v = FoldedDot.dot(k, a, 3 + i * lda, b, 2 + j * ldb) + before[o] + bias[1 + j];
          assertEquals(Float.floatToIntBits(Math.max(v, 0f)), Float.floatToIntBits(c[o]), "element " + i + "," + j);
        } else {
          assertEquals(Float.floatToIntBits(before[o]), Float.floatToIntBits(c[o]), "outside the range: " + i + "," + j);
        }
      }
    }
  }

  private static void check(int m, int n, int k, boolean accumulate, boolean withBias, boolean relu, SplittableRandom r) {
    int aOff = 1, lda = k + 3, bOff = 2, ldb = k + 1, cOff = 3, ldc = n + 2;
    float[] a = FoldedDot.uniform(aOff + m * lda, r);
    float[] b = FoldedDot.uniform(bOff + n * ldb, r);
    float[] c = FoldedDot.uniform(cOff + m * ldc, r);
    float[] bias = withBias ? FoldedDot.uniform(n + 2, r) : null;
    float[] want = c.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int o = cOff + i * ldc + j;
        float v = FoldedDot.dot(k, a, aOff + i * lda, b, bOff + j * ldb);
        if (accumulate) v += c[o];
        if (bias != null) v += bias[2 + j];
        want[o] = relu ? Math.max(v, 0f) : v;
      }
    }
    float[] scratch = new float[FewColumns.scratchLength(n)];
    FewColumns.product(k, 0, m, 0, n, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, 2, relu, scratch);
    String where = m + " x " + n + " x " + k + (accumulate ? " accumulated" : "") + (withBias ? " bias" : "") + (relu ? " relu" : "");
    for (int i = 0; i < c.length; i++) {
      assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(c[i]), where + ", element " + i);
    }
    if (!accumulate && !withBias && !relu) {
      // and the value: within float's rounding of the exact product
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double exact = 0, scale = 0;
          for (int kk = 0; kk < k; kk++) {
            double p = (double) a[aOff + i * lda + kk] * b[bOff + j * ldb + kk];
            exact += p;
            scale += Math.abs(p);
          }
          double err = Math.abs(c[cOff + i * ldc + j] - exact);
          assertTrue(err <= (k + 2) * 0x1p-23 * scale + 1e-30, where + ": element " + i + "," + j + " off by " + err);
        }
      }
    }
  }
}
