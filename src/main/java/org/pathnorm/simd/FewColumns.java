package org.pathnorm.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A·Bᵀ for a C of few columns (a classifier's 10 outputs: z = h·Wᵀ with W stored n × k, PyTorch's layout) as dot
 * products along K in 512-bit registers (docs/architecture.md, "Products with few columns"). A tile of the GEMM spends
 * one broadcast load of A per multiply-add there (only one vector of B is shared by its rows), and 10 of its 16 lanes
 * are used: ≈ 33 GFLOP/s for 100 × 10 × 512 on the 111-GFLOP/s machines. Along K, a vector of A is shared by 5 columns
 * and a vector of B by 2 rows (7 loads for 10 fused multiply-adds), at ≈ 80 GFLOP/s.
 *
 * <p>The sum order (docs/architecture.md gives it too): element (i, j) keeps 16 partial sums, s_l = the chain of fused
 * multiply-adds A(i, κ)·B(j, κ) over κ ≡ l (mod 16) in increasing κ, and adds them by folding halves:
 * s_l + s_{l+8} (l &lt; 8), then + the lanes 4 on, 2 on, 1 on. That is not the micro-kernels' single chain, so the bits
 * differ from a tile's; they do not depend on how rows or columns are split over threads or blocked, since every
 * element gets the same operations. {@code FewColumnsTest} checks them against a plain loop in that order.
 *
 * <pre>
 *   A(i, κ) = a[aOff + i·lda + κ], B(j, κ) = b[bOff + j·ldb + κ], C(i, j) = c[cOff + i·ldc + j]
 *   scratch: {@link #scratchLength}(n) floats: 16 partial sums per element of a chunk of rows, then 16 results
 * </pre>
 *
 * <p>The rows go in chunks of {@link #CHUNK_ROWS}; within a chunk K in blocks whose B (n rows) stays within 32 KiB, the
 * partial sums parked in the scratch between blocks (a float stored and loaded back is the same float, so the chains
 * go on unchanged). At the end of a chunk its partial sums are folded 16 elements at a time by a butterfly
 * across 16 vectors (one lane permutation pair, one blend pair and one add per pair of vectors and stage), which leaves
 * element e's sum in lane e.
 */
final class FewColumns {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int LANES = 16;
  /** Rows whose partial sums the scratch holds at once. */
  static final int CHUNK_ROWS = 8;
  /** Columns of B read per pass over a pair of rows of A. */
  private static final int GROUP = 5;
  /** Floats of B's K block (32 KiB): 100-512-10's 10 × 512 in one block; blocks of 16 KiB made it 1.2× slower. */
  private static final int B_BLOCK_FLOATS = 8192;

  private static final VectorMask<Float> H8 = Transpose16.high(S, 8), H4 = Transpose16.high(S, 4);
  private static final VectorMask<Float> H2 = Transpose16.high(S, 2), H1 = Transpose16.high(S, 1);
  private static final VectorShuffle<Float> U8 = Transpose16.shift(S, 8, true), D8 = Transpose16.shift(S, 8, false);
  private static final VectorShuffle<Float> U4 = Transpose16.shift(S, 4, true), D4 = Transpose16.shift(S, 4, false);
  private static final VectorShuffle<Float> U2 = Transpose16.shift(S, 2, true), D2 = Transpose16.shift(S, 2, false);
  private static final VectorShuffle<Float> U1 = Transpose16.shift(S, 1, true), D1 = Transpose16.shift(S, 1, false);

  private FewColumns() {}

  /** Floats of scratch {@link #product} needs for n columns: the chunk's partial sums, rounded up to 16 elements, and 16 results. */
  static int scratchLength(int n) {
    return ((CHUNK_ROWS * n + LANES - 1) / LANES * LANES + 1) * LANES;
  }

  /**
   * C(i, j) ← Σ_κ A(i, κ)·B(j, κ) in the order of the class comment, (+ C(i, j) if {@code accumulate}), + bias[j] (if not
   * null), then max(·, 0) if {@code relu}, for rows i0 ≤ i &lt; i1 and columns j0 ≤ j &lt; j1 (bias indexed by j from
   * {@code biasOff}).
   */
  static void product(int k, int i0, int i1, int j0, int j1, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu, float[] scratch) {
    int n = j1 - j0;
    if (n <= 0 || i1 <= i0) return;
    int kBlock = Math.max(LANES, B_BLOCK_FLOATS / n / LANES * LANES);
    for (int r0 = i0; r0 < i1; r0 += CHUNK_ROWS) {
      int rows = Math.min(CHUNK_ROWS, i1 - r0);
      Arrays.fill(scratch, 0, rows * n * LANES, 0f);
      for (int pc = 0; pc < k; pc += kBlock) {
        int pe = Math.min(k, pc + kBlock);
        int full = pc + (pe - pc) / LANES * LANES;
        for (int ii = 0; ii < rows; ii += 2) {
          int rowA = aOff + (r0 + ii) * lda;
          boolean second = ii + 1 < rows;
          int rowB = second ? rowA + lda : rowA;
          for (int g = 0; g < n; g += GROUP) {
            int count = Math.min(GROUP, n - g);
            int bRow = bOff + (j0 + g) * ldb;
            int slot = (ii * n + g) * LANES;
            pairTimesGroup(pc, full, a, rowA, rowB, second, b, bRow, ldb, count, scratch, slot, n * LANES);
            if (full < pe) pairTail(full, pe - full, a, rowA, rowB, second, b, bRow, ldb, count, scratch, slot, n * LANES);
          }
        }
      }
      foldAndStore(rows, n, scratch, r0, j0, c, cOff, ldc, accumulate, bias, biasOff, relu);
    }
  }

  /**
   * The partial sums of rows rowA and rowB (rowB = rowA when !second) against {@code count} ≤ 5 columns of B from
   * {@code bRow} over κ ∈ [pc, pe), pe − pc a multiple of 16: taken from the scratch (0 before the first block) and
   * parked there again (row A's at {@code slot}, 16 floats a column, row B's {@code rowStride} on; only the real
   * rows and columns are written). Columns past {@code count} read the last real one again.
   */
  private static void pairTimesGroup(int pc, int pe, float[] a, int rowA, int rowB, boolean second, float[] b, int bRow,
      int ldb, int count, float[] scratch, int slot, int rowStride) {
    final int w0 = bRow, w1 = bRow + Math.min(1, count - 1) * ldb, w2 = bRow + Math.min(2, count - 1) * ldb;
    final int w3 = bRow + Math.min(3, count - 1) * ldb, w4 = bRow + Math.min(4, count - 1) * ldb;
    final int s0 = slot, s1 = slot + Math.min(1, count - 1) * LANES, s2 = slot + Math.min(2, count - 1) * LANES;
    final int s3 = slot + Math.min(3, count - 1) * LANES, s4 = slot + Math.min(4, count - 1) * LANES;
    final int t = second ? rowStride : 0;
    // always from the scratch (zeroed before a chunk's first K block): a vector that is either zero or loaded is a
    // merge of two vectors, which JDK 17's C2 could keep only boxed (its stores then failed to intrinsify)
    FloatVector p0 = FloatVector.fromArray(S, scratch, s0), p1 = FloatVector.fromArray(S, scratch, s1);
    FloatVector p2 = FloatVector.fromArray(S, scratch, s2), p3 = FloatVector.fromArray(S, scratch, s3);
    FloatVector p4 = FloatVector.fromArray(S, scratch, s4), q0 = FloatVector.fromArray(S, scratch, s0 + t);
    FloatVector q1 = FloatVector.fromArray(S, scratch, s1 + t), q2 = FloatVector.fromArray(S, scratch, s2 + t);
    FloatVector q3 = FloatVector.fromArray(S, scratch, s3 + t), q4 = FloatVector.fromArray(S, scratch, s4 + t);
    for (int kk = pc; kk < pe; kk += LANES) {
      FloatVector x0 = FloatVector.fromArray(S, a, rowA + kk), x1 = FloatVector.fromArray(S, a, rowB + kk), w;
      w = FloatVector.fromArray(S, b, w0 + kk); p0 = x0.fma(w, p0); q0 = x1.fma(w, q0);
      w = FloatVector.fromArray(S, b, w1 + kk); p1 = x0.fma(w, p1); q1 = x1.fma(w, q1);
      w = FloatVector.fromArray(S, b, w2 + kk); p2 = x0.fma(w, p2); q2 = x1.fma(w, q2);
      w = FloatVector.fromArray(S, b, w3 + kk); p3 = x0.fma(w, p3); q3 = x1.fma(w, q3);
      w = FloatVector.fromArray(S, b, w4 + kk); p4 = x0.fma(w, p4); q4 = x1.fma(w, q4);
    }
    // the duplicated columns go first into the slot of the last real column, which its own value then overwrites
    p4.intoArray(scratch, s4);
    p3.intoArray(scratch, s3);
    p2.intoArray(scratch, s2);
    p1.intoArray(scratch, s1);
    p0.intoArray(scratch, s0);
    if (second) {
      q4.intoArray(scratch, s4 + t);
      q3.intoArray(scratch, s3 + t);
      q2.intoArray(scratch, s2 + t);
      q1.intoArray(scratch, s1 + t);
      q0.intoArray(scratch, s0 + t);
    }
  }

  /**
   * The last partial vector of K, κ ∈ [kk, kk + rem), rem &lt; 16, for the partial sums that {@link #pairTimesGroup}
   * parked (same arguments): lanes past K load 0 in both operands, and adding 0·0 = +0 leaves a partial sum as it was
   * (none is ever −0: a chain starts at +0, and a sum that rounds to zero is +0). A method of its own, so that the
   * main loop's method stays small enough for C1 to compile before C2 does.
   */
  private static void pairTail(int kk, int rem, float[] a, int rowA, int rowB, boolean second, float[] b, int bRow,
      int ldb, int count, float[] scratch, int slot, int rowStride) {
    VectorMask<Float> m = S.indexInRange(0, rem);
    FloatVector x0 = FloatVector.fromArray(S, a, rowA + kk, m), x1 = FloatVector.fromArray(S, a, rowB + kk, m);
    int t = second ? rowStride : 0;
    for (int col = 0; col < count; col++) {
      int s = slot + col * LANES;
      FloatVector w = FloatVector.fromArray(S, b, bRow + col * ldb + kk, m);
      x0.fma(w, FloatVector.fromArray(S, scratch, s)).intoArray(scratch, s);
      if (second) x1.fma(w, FloatVector.fromArray(S, scratch, s + t)).intoArray(scratch, s + t);
    }
  }

  /** Folds the chunk's rows × n partial sums 16 elements at a time and writes them to C with the epilogue. */
  private static void foldAndStore(int rows, int n, float[] scratch, int r0, int j0, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    int total = rows * n;
    int results = (CHUNK_ROWS * n + LANES - 1) / LANES * LANES * LANES;
    int ii = 0;
    int jj = 0;
    for (int e = 0; e < total; e += LANES) {
      fold16(scratch, e * LANES, scratch, results);
      int count = Math.min(LANES, total - e);
      for (int q = 0; q < count; q++) {
        int o = cOff + (r0 + ii) * ldc + j0 + jj;
        float v = scratch[results + q];
        if (accumulate) v += c[o];
        if (bias != null) v += bias[biasOff + j0 + jj];
        c[o] = relu ? Math.max(v, 0f) : v;
        if (++jj == n) {
          jj = 0;
          ii++;
        }
      }
    }
  }

  /**
   * out[dOff + e] = the folded sum of the 16 partial sums at src[o + 16·e], e &lt; 16. Void and writing to an array, so
   * that no vector crosses a call that C2 might not inline (it would be boxed).
   */
  private static void fold16(float[] src, int o, float[] out, int dOff) {
    FloatVector v0 = FloatVector.fromArray(S, src, o), v1 = FloatVector.fromArray(S, src, o + 16);
    FloatVector v2 = FloatVector.fromArray(S, src, o + 32), v3 = FloatVector.fromArray(S, src, o + 48);
    FloatVector v4 = FloatVector.fromArray(S, src, o + 64), v5 = FloatVector.fromArray(S, src, o + 80);
    FloatVector v6 = FloatVector.fromArray(S, src, o + 96), v7 = FloatVector.fromArray(S, src, o + 112);
    FloatVector v8 = FloatVector.fromArray(S, src, o + 128), v9 = FloatVector.fromArray(S, src, o + 144);
    FloatVector v10 = FloatVector.fromArray(S, src, o + 160), v11 = FloatVector.fromArray(S, src, o + 176);
    FloatVector v12 = FloatVector.fromArray(S, src, o + 192), v13 = FloatVector.fromArray(S, src, o + 208);
    FloatVector v14 = FloatVector.fromArray(S, src, o + 224), v15 = FloatVector.fromArray(S, src, o + 240);
    // stage h: vectors x and y (y h·… on) become one whose lanes with bit h clear hold x's lanes l + its lanes l + h,
    // and whose others hold y's (lane l + y's lane l − h): each vector's sum folded by half, two vectors per vector
    FloatVector c0 = v0.blend(v8, H8).add(v0.rearrange(D8).blend(v8.rearrange(U8), H8));
    FloatVector c1 = v1.blend(v9, H8).add(v1.rearrange(D8).blend(v9.rearrange(U8), H8));
    FloatVector c2 = v2.blend(v10, H8).add(v2.rearrange(D8).blend(v10.rearrange(U8), H8));
    FloatVector c3 = v3.blend(v11, H8).add(v3.rearrange(D8).blend(v11.rearrange(U8), H8));
    FloatVector c4 = v4.blend(v12, H8).add(v4.rearrange(D8).blend(v12.rearrange(U8), H8));
    FloatVector c5 = v5.blend(v13, H8).add(v5.rearrange(D8).blend(v13.rearrange(U8), H8));
    FloatVector c6 = v6.blend(v14, H8).add(v6.rearrange(D8).blend(v14.rearrange(U8), H8));
    FloatVector c7 = v7.blend(v15, H8).add(v7.rearrange(D8).blend(v15.rearrange(U8), H8));
    FloatVector d0 = c0.blend(c4, H4).add(c0.rearrange(D4).blend(c4.rearrange(U4), H4));
    FloatVector d1 = c1.blend(c5, H4).add(c1.rearrange(D4).blend(c5.rearrange(U4), H4));
    FloatVector d2 = c2.blend(c6, H4).add(c2.rearrange(D4).blend(c6.rearrange(U4), H4));
    FloatVector d3 = c3.blend(c7, H4).add(c3.rearrange(D4).blend(c7.rearrange(U4), H4));
    FloatVector e0 = d0.blend(d2, H2).add(d0.rearrange(D2).blend(d2.rearrange(U2), H2));
    FloatVector e1 = d1.blend(d3, H2).add(d1.rearrange(D2).blend(d3.rearrange(U2), H2));
    e0.blend(e1, H1).add(e0.rearrange(D1).blend(e1.rearrange(U1), H1)).intoArray(out, dOff);
  }
}
