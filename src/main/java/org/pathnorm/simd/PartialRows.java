package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A tile's last row panel when it has only 1–4 of its MR rows (100 samples = 12 panels of 8 and one of 4; a
 * classifier's 10 weight-gradient rows = one panel of 8 and one of 2): those rows times a packed B panel of 2L columns,
 * where the GEMM computed a whole MR-row tile on a zero-padded copy before. Each element gets the micro-kernels' own
 * operations in their order (fused multiply-adds over k from 0, then + C if accumulating), so the same bits, for a
 * quarter (2 rows) or half (4 rows) of the 8-row tile's multiply-adds.
 *
 * <pre>
 *   A(r, k) = a[aOff + r·rowStride + k·kStride]   (row-major: lda, 1; transposed in place: 1, lda; packed: 1, MR)
 *   B(k, j) = bp[bpOff + k·2L + j],  C(r, j) = c[cOff + r·ldc + j],  r &lt; rows, j &lt; 2L
 * </pre>
 *
 * Rows past {@code rows} read the last real row again and are not written.
 */
final class PartialRows {
  private static final VectorSpecies<Float> S = PanamaKernels.SPECIES;
  private static final int L = S.length();
  private static final int NR = 2 * L;

  private PartialRows() {}

  /** rows ≤ 2. */
  static void two(int kc, int rows, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff, float[] c,
      int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff, o1 = aOff + Math.min(1, rows - 1) * rowStride;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = k * kStride;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + p]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
    }
    // no helper method taking vectors here (a call C2 does not inline would box them), and no vector assigned in a
    // branch (JDK 17's C2 keeps a merge of two vectors boxed): each store in its own branch, as in the tiles
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff);
      c0b.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
      if (rows < 2) return;
      c1a.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
    } else {
      c0a.intoArray(c, cOff);
      c0b.intoArray(c, cOff + L);
      if (rows < 2) return;
      c1a.intoArray(c, cOff + ldc);
      c1b.intoArray(c, cOff + ldc + L);
    }
  }

  /** 3 ≤ rows ≤ 4. */
  static void four(int kc, int rows, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff, float[] c,
      int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff, o1 = aOff + rowStride, o2 = aOff + 2 * rowStride, o3 = aOff + Math.min(3, rows - 1) * rowStride;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = k * kStride;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + p]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + p]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + p]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
    }
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff);
      c0b.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      if (rows < 4) return;
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
    } else {
      c0a.intoArray(c, cOff);
      c0b.intoArray(c, cOff + L);
      c1a.intoArray(c, cOff + ldc);
      c1b.intoArray(c, cOff + ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      if (rows < 4) return;
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
    }
  }
}
