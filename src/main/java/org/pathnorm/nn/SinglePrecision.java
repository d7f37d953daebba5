package org.pathnorm.nn;

/**
 * The range checks of the single-precision path-norm passes that Path-SGD runs every step
 * ({@link Layer#newPathCache(org.pathnorm.simd.Kernels, org.pathnorm.linalg.Gemm)}): path sums are
 * products of squared weights and can leave float's range where double holds them, so a fast pass
 * narrows its double inputs with {@link #narrow}, checks what it computed with {@link #finite}, and
 * hands over to the double pass when either fails, before it has written anything.
 */
final class SinglePrecision {
  private SinglePrecision() {}

  /** to[toOff + i] = (float) from[fromOff + i] for i &lt; n; false if any of them is not a finite float. */
  static boolean narrow(double[] from, int fromOff, int n, float[] to, int toOff) {
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      float v = (float) from[fromOff + i];
      to[toOff + i] = v;
      finite &= Float.isFinite(v);
    }
    return finite;
  }

  /** Whether x[off … off + n) are all finite. */
  static boolean finite(float[] x, int off, int n) {
    boolean finite = true;
    for (int i = off; i < off + n; i++) finite &= Float.isFinite(x[i]);
    return finite;
  }
}
