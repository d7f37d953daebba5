package org.pathnorm.linalg;

/**
 * The naive triple loop, accumulated in double: the reference that every fast GEMM path is tested
 * against. Same contract as {@link Gemm#multiply}; never use it where speed matters.
 */
public final class ReferenceGemm {
  private ReferenceGemm() {}

  /** C ← (accumulate ? C : 0) + op(A)·op(B) + 1·biasᵀ, then ReLU if {@code relu}; see {@link Gemm#multiply}. */
  public static void multiply(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += (double) av * bv;
        }
        int o = cOff + i * ldc + j;
        if (accumulate) s += c[o];
        if (bias != null) s += bias[biasOff + j];
        float v = (float) s;
        c[o] = relu ? Math.max(v, 0f) : v;
      }
    }
  }
}
