package org.pathnorm.simd;

/** Plain-Java GEMM micro-kernel: a 4 × 16 tile whose row updates C2 can auto-vectorise. */
final class ScalarGemmKernel implements GemmKernel {
  static final int MR = 4;
  static final int NR = 16;

  @Override public int mr() {
    return MR;
  }

  @Override public int nr() {
    return NR;
  }

  @Override public void packA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc, float[] dst) {
    Packing.packA(a, aOff, lda, transA, i0, rows, k0, kc, dst, MR);
  }

  @Override public void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int cols, float[] dst) {
    Packing.packB(b, bOff, ldb, transB, k0, kc, j0, cols, dst, 0, NR);
  }

  @Override public void microKernel(int kc, float[] ap, float[] bp, int bpOff, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    // a packed panel is the transposed form with k-rows MR apart
    microKernelTransposedA(kc, ap, 0, MR, bp, bpOff, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }

  @Override public void microKernelTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    for (int r = 0; r < MR; r++) row(kc, a, aOff + r, lda, bp, bpOff, c, cOff + r * ldc, accumulate, bias, biasOff, relu);
  }

  @Override public void microKernelDirectA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    for (int r = 0; r < MR; r++) row(kc, a, aOff + r * lda, 1, bp, bpOff, c, cOff + r * ldc, accumulate, bias, biasOff, relu);
  }

  /** One row of the tile: acc = Σ_k A(r,k)·B(k,:) in k order, then (C +) acc (+ bias) (ReLU). */
  private static void row(int kc, float[] a, int aOff, int aStride, float[] bp, int bpOff, float[] c, int o,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    float a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0;
    for (int k = 0; k < kc; k++) {
      float av = a[aOff + k * aStride];
      int b = bpOff + k * NR;
      a0 += av * bp[b]; a1 += av * bp[b + 1]; a2 += av * bp[b + 2]; a3 += av * bp[b + 3];
      a4 += av * bp[b + 4]; a5 += av * bp[b + 5]; a6 += av * bp[b + 6]; a7 += av * bp[b + 7];
      a8 += av * bp[b + 8]; a9 += av * bp[b + 9]; a10 += av * bp[b + 10]; a11 += av * bp[b + 11];
      a12 += av * bp[b + 12]; a13 += av * bp[b + 13]; a14 += av * bp[b + 14]; a15 += av * bp[b + 15];
    }
    store(c, o, 0, a0, accumulate, bias, biasOff, relu);
    store(c, o, 1, a1, accumulate, bias, biasOff, relu);
    store(c, o, 2, a2, accumulate, bias, biasOff, relu);
    store(c, o, 3, a3, accumulate, bias, biasOff, relu);
    store(c, o, 4, a4, accumulate, bias, biasOff, relu);
    store(c, o, 5, a5, accumulate, bias, biasOff, relu);
    store(c, o, 6, a6, accumulate, bias, biasOff, relu);
    store(c, o, 7, a7, accumulate, bias, biasOff, relu);
    store(c, o, 8, a8, accumulate, bias, biasOff, relu);
    store(c, o, 9, a9, accumulate, bias, biasOff, relu);
    store(c, o, 10, a10, accumulate, bias, biasOff, relu);
    store(c, o, 11, a11, accumulate, bias, biasOff, relu);
    store(c, o, 12, a12, accumulate, bias, biasOff, relu);
    store(c, o, 13, a13, accumulate, bias, biasOff, relu);
    store(c, o, 14, a14, accumulate, bias, biasOff, relu);
    store(c, o, 15, a15, accumulate, bias, biasOff, relu);
  }

  /** Columns of a panel of {@link #sparsePairPanel}: 16 sums in locals, 8 a row. */
  static final int SPARSE_P = 8;

  @Override public int sparsePanelWidth() {
    return SPARSE_P;
  }

  /** The listed k in turn, each row's sums as {@link #row} forms them (a product, then a sum). */
  @Override public void sparsePairPanel(int[] ks, int from, int to, float[] x, int x0, int x1, float[] w, int wOff,
      float[] c0, int c0Off, float[] c1, int c1Off, boolean accumulate) {
    float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    float b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
    for (int q = from; q < to; q++) {
      int k = ks[q];
      float u = x[x0 + k];
      float v = x[x1 + k];
      int p = wOff + k * SPARSE_P;
      a0 += u * w[p]; a1 += u * w[p + 1]; a2 += u * w[p + 2]; a3 += u * w[p + 3];
      a4 += u * w[p + 4]; a5 += u * w[p + 5]; a6 += u * w[p + 6]; a7 += u * w[p + 7];
      b0 += v * w[p]; b1 += v * w[p + 1]; b2 += v * w[p + 2]; b3 += v * w[p + 3];
      b4 += v * w[p + 4]; b5 += v * w[p + 5]; b6 += v * w[p + 6]; b7 += v * w[p + 7];
    }
    storeSum(c0, c0Off, 0, a0, accumulate);
    storeSum(c0, c0Off, 1, a1, accumulate);
    storeSum(c0, c0Off, 2, a2, accumulate);
    storeSum(c0, c0Off, 3, a3, accumulate);
    storeSum(c0, c0Off, 4, a4, accumulate);
    storeSum(c0, c0Off, 5, a5, accumulate);
    storeSum(c0, c0Off, 6, a6, accumulate);
    storeSum(c0, c0Off, 7, a7, accumulate);
    storeSum(c1, c1Off, 0, b0, accumulate);
    storeSum(c1, c1Off, 1, b1, accumulate);
    storeSum(c1, c1Off, 2, b2, accumulate);
    storeSum(c1, c1Off, 3, b3, accumulate);
    storeSum(c1, c1Off, 4, b4, accumulate);
    storeSum(c1, c1Off, 5, b5, accumulate);
    storeSum(c1, c1Off, 6, b6, accumulate);
    storeSum(c1, c1Off, 7, b7, accumulate);
  }

  private static void storeSum(float[] c, int rowOff, int j, float acc, boolean accumulate) {
    c[rowOff + j] = accumulate ? acc + c[rowOff + j] : acc;
  }

  private static void store(float[] c, int rowOff, int j, float acc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    float v = accumulate ? acc + c[rowOff + j] : acc;
    if (bias != null) v += bias[biasOff + j];
    c[rowOff + j] = relu ? Math.max(v, 0f) : v;
  }
}
