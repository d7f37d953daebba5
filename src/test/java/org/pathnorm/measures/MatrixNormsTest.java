package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.JacobiSvd;

/** Group and Schatten norms against direct double loops and their identities (docs/algorithms.md §5.5 items 22–23). */
class MatrixNormsTest {
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final float[] W = {1, -2, 3,
                                    0, 4, -1};

  @Test
  void handComputedGroupNorms() {
    assertEquals(Math.sqrt(1 + 4 + 9 + 16 + 1), MatrixNorms.groupNorm(W, null, 0, 2, 3, 2, 2), 1e-12);   // Frobenius
    assertEquals(6, MatrixNorms.groupNorm(W, null, 0, 2, 3, 1, INF), 1e-12);                              // max row ℓ1
    assertEquals(11, MatrixNorms.groupNorm(W, null, 0, 2, 3, 1, 1), 1e-12);                               // entrywise ℓ1
    assertEquals(Math.sqrt(14) + Math.sqrt(17), MatrixNorms.groupNorm(W, null, 0, 2, 3, 2, 1), 1e-12);     // ℓ_{2,1}
    assertEquals(4, MatrixNorms.groupNorm(W, null, 0, 2, 3, INF, INF), 1e-12);
    double r1 = Math.cbrt(1 + 8 + 27), r2 = Math.cbrt(64 + 1);
    assertEquals(Math.pow(Math.pow(r1, 1.5) + Math.pow(r2, 1.5), 1 / 1.5), MatrixNorms.groupNorm(W, null, 0, 2, 3, 3, 1.5), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> MatrixNorms.groupNorm(W, null, 0, 2, 3, 0.5, 2));
  }

  @Test
  void entrywiseAndDistanceFromInit() {
    float[] w0 = {1, -1, 3, 1, 4, -1};
    // W − W⁰ = [0, −1, 0; −1, 0, 0]
    assertEquals(Math.sqrt(2), MatrixNorms.groupNorm(W, w0, 0, 2, 3, 2, 2), 1e-12);
    assertEquals(1, MatrixNorms.groupNorm(W, w0, 0, 2, 3, 1, INF), 1e-12);
    for (double p : new double[] {1, 1.5, 2, 3}) {
      double s = 0;
      for (float x : W) s += Math.pow(Math.abs(x), p);
      assertEquals(Math.pow(s, 1 / p), MatrixNorms.groupNorm(W, null, 0, 2, 3, p, p), 1e-12, "p=" + p);
    }
  }

  @Test
  void schattenNormsFromTheSvd() {
    double[] sv = JacobiSvd.singularValues(W, 0, 2, 3);
    assertEquals(MatrixNorms.groupNorm(W, null, 0, 2, 3, 2, 2), MatrixNorms.schatten(sv, 2), 1e-12);   // op_norm(2) = Frobenius
    assertEquals(sv[0] + sv[1], MatrixNorms.schatten(sv, 1), 1e-12);                                   // trace norm
    assertEquals(sv[0], MatrixNorms.schatten(sv, INF), 0);
    assertArrayEquals(new double[] {sv[0], sv[1]}, sv, 0);
  }
}
