package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One-sided Jacobi against matrices with known singular values. */
class JacobiSvdTest {
  @Test
  void diagonalAndPermutedScaledMatrices() {
    float[] w = {0, 3, 0,
                 -5, 0, 0};
    assertArrayEquals(new double[] {5, 3}, JacobiSvd.singularValues(w, 0, 2, 3), 1e-12);
    assertArrayEquals(new double[] {5, 3}, JacobiSvd.singularValues(transpose(w, 2, 3), 0, 3, 2), 1e-12);
  }

  @Test
  void orthogonalTimesDiagonalTimesOrthogonal() {
    // W = R(a)·diag(4, 1)·R(b) with 2×2 rotations: singular values 4 and 1
    double a = 0.3, b = -1.1;
    double[][] ra = {{Math.cos(a), -Math.sin(a)}, {Math.sin(a), Math.cos(a)}};
    double[][] rb = {{Math.cos(b), -Math.sin(b)}, {Math.sin(b), Math.cos(b)}};
    double[] d = {4, 1};
    float[] w = new float[4];
    for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) {
      double s = 0;
      for (int k = 0; k < 2; k++) s += ra[i][k] * d[k] * rb[k][j];
      w[i * 2 + j] = (float) s;
    }
    assertArrayEquals(new double[] {4, 1}, JacobiSvd.singularValues(w, 0, 2, 2), 1e-6);
  }

  @Test
  void squaresSumToTheFrobeniusNormAndTheProductToTheDeterminant() {
    int n = 40;
    float[] w = SpectralNormTest.gaussian(n * 57, 3);
    double[] s = JacobiSvd.singularValues(w, 0, n, 57);
    double fro = 0, ss = 0;
    for (float x : w) fro += (double) x * x;
    for (double x : s) ss += x * x;
    assertEquals(fro, ss, 1e-10 * fro);
    for (int i = 1; i < s.length; i++) assertEquals(true, s[i] <= s[i - 1]);
    // the 3×3 case: Π σ = |det|
    float[] m = {2, -1, 0, 1, 3, 1, 0, 2, -4};
    double[] t = JacobiSvd.singularValues(m, 0, 3, 3);
    double det = 2 * (3 * -4 - 1 * 2) - (-1) * (1 * -4 - 1 * 0);
    assertEquals(Math.abs(det), t[0] * t[1] * t[2], 1e-10 * Math.abs(det));
  }

  static float[] transpose(float[] w, int rows, int cols) {
    float[] t = new float[w.length];
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j];
    return t;
  }
}
