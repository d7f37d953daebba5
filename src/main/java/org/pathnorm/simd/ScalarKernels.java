package org.pathnorm.simd;

/**
 * Plain-Java {@link Kernels}: always available, used where {@code jdk.incubator.vector} is not
 * readable (e.g. {@code java -jar pathnorm.jar} without {@code --add-modules}). Simple counted loops,
 * which C2 auto-vectorises where it can.
 */
final class ScalarKernels implements Kernels {
  private final String reason;
  private final GemmKernel gemm = new ScalarGemmKernel();

  /** @param reason why the scalar path is in use; shown by {@code pathnorm --version} */
  public ScalarKernels(String reason) {
    this.reason = reason;
  }

  @Override public String description() {
    return reason == null || reason.isEmpty() ? "scalar" : "scalar (" + reason + ")";
  }

  @Override public String name() {
    return "scalar";
  }

  @Override public int vectorBits() {
    return 32;
  }

  @Override public GemmKernel gemmKernel() {
    return gemm;
  }

  @Override public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
  }

  @Override public void scale(float alpha, float[] x, int xOff, int n) {
    for (int i = 0; i < n; i++) x[xOff + i] *= alpha;
  }

  @Override public void mul(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) y[yOff + i] *= x[xOff + i];
  }

  @Override public void addRowVector(float[] v, int vOff, float[] m, int mOff, int rows, int cols, int ld) {
    for (int r = 0; r < rows; r++) axpy(1f, v, vOff, m, mOff + r * ld, cols);
  }

  @Override public void addColumnSums(float[] m, int mOff, int rows, int cols, int ld, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int row = mOff + r * ld;
      for (int c = 0; c < cols; c++) out[outOff + c] += m[row + c];
    }
  }

  @Override public void expNonPositive(double[] x, int off, int n) {
    for (int i = 0; i < n; i++) x[off + i] = NonPositiveExp.of(x[off + i]);
  }

  @Override public void unitBytesToFloats(byte[] src, int srcOff, float[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) dst[dstOff + i] = (src[srcOff + i] & 0xff) / 255f;
  }

  @Override public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
  }

  @Override public void reluBackward(float[] activation, int aOff, float[] grad, int gOff, int n) {
    for (int i = 0; i < n; i++) if (!(activation[aOff + i] > 0f)) grad[gOff + i] = 0f;
  }

  @Override public void square(float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      y[yOff + i] = v * v;
    }
  }

  @Override public double sum(float[] x, int xOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[xOff + i];
    return s;
  }

  @Override public double sumSquares(float[] x, int xOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = x[xOff + i];
      s += v * v;
    }
    return s;
  }

  @Override public float max(float[] x, int xOff, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) m = Math.max(m, x[xOff + i]);
    return m;
  }

  @Override public void sgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum,
      float weightDecay) {
    sgdRange(w, g, 0, v, off, off + n, lr, momentum, weightDecay);
  }

  @Override public void sgdStep(float[] w, int wOff, float[] g, int gOff, float[] v, int n, float lr, float momentum,
      float weightDecay) {
    sgdRange(w, g, gOff - wOff, v, wOff, wOff + n, lr, momentum, weightDecay);
  }

  @Override public void adagradStep(float[] w, float[] g, float[] accumulator, int off, int n, float lr, float eps) {
    adagradRange(w, g, accumulator, off, off + n, lr, eps);
  }

  @Override public void adamStep(float[] w, float[] g, float[] m, float[] v, int off, int n, float lr, float beta1,
      float beta2, float eps, float correction1, float correction2) {
    adamRange(w, g, m, v, off, off + n, lr, beta1, beta2, eps, correction1, correction2);
  }

  @Override public float dotSquared(float[] w, int wOff, float[] x, int xOff, int n) {
    float s = 0f;
    for (int i = 0; i < n; i++) s += w[wOff + i] * w[wOff + i] * x[xOff + i];
    return s;
  }

  @Override public void axpySquared(float a, float[] w, int wOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) y[yOff + i] += a * (w[wOff + i] * w[wOff + i]);
  }

  @Override public void addSquaredMatVec(int rows, int n, float[] w, int wOff, int ld, float[] x, int xOff, float[] y, int yOff) {
    for (int r = 0; r < rows; r++) y[yOff + r] += dotSquared(w, wOff + r * ld, x, xOff, n);
  }

  @Override public void addSquaredMatTVec(int rows, int n, float[] c, int cOff, float[] w, int wOff, int ld, float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      float a = c[cOff + r];
      int row = wOff + r * ld;
      for (int i = 0; i < n; i++) y[yOff + i] = Math.fma(w[row + i] * w[row + i], a, y[yOff + i]);
    }
  }

  @Override public void pathSgdStep(float[] w, float[] g, float[] v, int off, int n, float lr, float momentum, float s,
      float[] r, int rOff) {
    pathSgdRange(w, g, 0, v, off, off + n, lr, momentum, s, r, rOff - off);
  }

  @Override public void pathSgdRowsSquared(int rows, float[] w, float[] g, int gs, float[] v, int off, int ld, int n, float lr,
      float momentum, float[] s, float[] a, int j0, float[] r, int rOff, float[] y, int yOff, float[] x, int xOff,
      float[] sums) {
    for (int q = 0; q < rows; q++) {
      int row = off + q * ld;
      pathSgdRange(w, g, gs, v, row, row + n, lr, momentum, s[j0 + q], r, rOff - row);
      if (y != null) axpySquared(a[j0 + q], w, row, y, yOff, n);
      if (x != null) sums[q] = dotSquared(w, row, x, xOff, n);
    }
  }

  /** Path-SGD on [from, to) with κ_i⁻¹ = s·r[i + shift] and the gradient of w[i] at g[i + gs]; also the Vector API version's tail. */
  static void pathSgdRange(float[] w, float[] g, int gs, float[] v, int from, int to, float lr, float momentum, float s,
      float[] r, int shift) {
    for (int i = from; i < to; i++) {
      float d = g[i + gs] * (s * r[i + shift]);
      if (v == null) {
        w[i] -= lr * d;
      } else {
        v[i] = momentum * v[i] - lr * d;
        w[i] += v[i];
      }
    }
  }

  /**
   * {@link GemmKernel#transposeEpilogue} on the block [i0, i1) × [j0, j1) of C, in 16 × 16 tiles so that
   * both the reads of T and the writes of C stay within a few cache lines; also the tail of the Vector
   * API version.
   */
  static void transposeEpilogueBlock(int ldt, int i0, int i1, int j0, int j1, float[] t, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    for (int it = i0; it < i1; it += 16) {
      int iEnd = Math.min(i1, it + 16);
      for (int jt = j0; jt < j1; jt += 16) {
        int jEnd = Math.min(j1, jt + 16);
        for (int i = it; i < iEnd; i++) {
          int row = cOff + i * ldc;
          for (int j = jt; j < jEnd; j++) {
            float v = accumulate ? t[j * ldt + i] + c[row + j] : t[j * ldt + i];
            if (bias != null) v += bias[biasOff + j];
            c[row + j] = relu ? Math.max(v, 0f) : v;
          }
        }
      }
    }
  }

  /** The SGD update on [from, to); also the tail of the Vector API version (same operation order). */
  /** SGD on w[from, to) (and v) with the gradient of w[i] at g[i + gShift]. */
  static void sgdRange(float[] w, float[] g, int gShift, float[] v, int from, int to, float lr, float momentum,
      float weightDecay) {
    for (int i = from; i < to; i++) {
      float d = g[i + gShift] + weightDecay * w[i];
      if (v == null) {
        w[i] -= lr * d;
      } else {
        v[i] = momentum * v[i] - lr * d;
        w[i] += v[i];
      }
    }
  }

  static void adagradRange(float[] w, float[] g, float[] accumulator, int from, int to, float lr, float eps) {
    for (int i = from; i < to; i++) {
      accumulator[i] += g[i] * g[i];
      w[i] -= lr * g[i] / ((float) Math.sqrt(accumulator[i]) + eps);
    }
  }

  static void adamRange(float[] w, float[] g, float[] m, float[] v, int from, int to, float lr, float beta1,
      float beta2, float eps, float correction1, float correction2) {
    for (int i = from; i < to; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i]);
      w[i] -= lr * (m[i] / correction1) / ((float) Math.sqrt(v[i] / correction2) + eps);
    }
  }

  @Override public int argmax(float[] x, int xOff, int n) {
    return argmaxScalar(x, xOff, n);
  }

  static int argmaxScalar(float[] x, int xOff, int n) {
    int best = n == 0 ? -1 : 0;
    for (int i = 0; i < n; i++) {
      float v = x[xOff + i];
      if (Float.isNaN(v)) return i;
      if (v > x[xOff + best]) best = i;
    }
    return best;
  }

  @Override public void gramRows(float[] w, int wOff, int ld, int rows, float[] v, int vOff, float[] z, int zOff, int n,
      float[] y, int yOff) {
    for (int r = 0; r < rows; r++) {
      int row = wOff + r * ld;
      float s = 0f;
      for (int i = 0; i < n; i++) s += w[row + i] * v[vOff + i];
      y[yOff + r] = s;
      for (int i = 0; i < n; i++) z[zOff + i] += s * w[row + i];
    }
  }

  @Override public void smallGemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean relu) {
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * ldc;
      int aRow = aOff + i * lda;
      for (int kk = 0; kk < k; kk++) {
        float av = a[aRow + kk];
        int bRow = bOff + kk * ldb;
        for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
      if (relu) for (int j = 0; j < n; j++) c[cRow + j] = Math.max(c[cRow + j], 0f);
    }
  }

  @Override public void smallGemmTn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
      int cOff, int ldc, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int cRow = cOff + i * ldc;
      if (!accumulate) java.util.Arrays.fill(c, cRow, cRow + n, 0f);
      for (int kk = 0; kk < k; kk++) {
        float av = a[aOff + kk * lda + i];
        int bRow = bOff + kk * ldb;
        for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
    }
  }

  @Override public void addRows(int count, double[] coef, int cOff, int cStride, double[] x, int xOff, int xStride, double[] y,
      int yOff, int n) {
    for (int r = 0; r < count; r++) {
      double a = coef[cOff + r * cStride];
      int o = xOff + r * xStride;
      for (int i = 0; i < n; i++) y[yOff + i] += a * x[o + i];
    }
  }

  @Override public void addSquaredRows(int count, double[] coef, int cOff, int cStride, float[] w, int wOff, int wStride, double[] y,
      int yOff, int n) {
    for (int r = 0; r < count; r++) {
      double a = coef[cOff + r * cStride];
      int o = wOff + r * wStride;
      for (int i = 0; i < n; i++) {
        double v = w[o + i];
        y[yOff + i] += a * (v * v);
      }
    }
  }
}
