package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 8 rows × 16 k-steps of a row-major A panel stored k-major, 8 values a k-step, in 512-bit registers: the
 * packing of the 8-row tile's A on 16-lane machines ({@link APanels#K_MAJOR_WIDE}). {@link Transpose8}'s three
 * butterfly stages (h = 4, 2, 1) act on both 8-lane halves of each row at once, which leaves row i holding
 * k-steps i and i + 8; a fourth stage (h = 8) pairs rows 2j and 2j + 1 into k-steps 2j, 2j + 1 and
 * 2j + 8, 2j + 9. 64 register operations for 128 values.
 *
 * <p>Why not {@link Transpose8} here: its 256-bit vectors are a second vector class at the Vector API's shared
 * call sites, whose type profiles then name two receivers; C2 compiled the 512-bit tile with those call sites
 * bimorphic, could not keep its accumulators in registers and boxed them (an allocation per FMA), and
 * 100-512-10 trained 12× slower in some runs (BENCHMARKS.md, "Issue 15, twenty-fourth session"). The kernels'
 * hot code on a 16-lane machine therefore uses the 512-bit species only. The values are moved, not computed,
 * so the bits are those of packing value by value.
 */
public final class T8 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

  private static final VectorMask<Float> HI0 = Transpose16.high(S, 4), LO0 = HI0.not();
  private static final VectorShuffle<Float> UP0 = Transpose16.shift(S, 4, true), DOWN0 = Transpose16.shift(S, 4, false);
  private static final VectorMask<Float> HI1 = Transpose16.high(S, 2), LO1 = HI1.not();
  private static final VectorShuffle<Float> UP1 = Transpose16.shift(S, 2, true), DOWN1 = Transpose16.shift(S, 2, false);
  private static final VectorMask<Float> HI2 = Transpose16.high(S, 1), LO2 = HI2.not();
  private static final VectorShuffle<Float> UP2 = Transpose16.shift(S, 1, true), DOWN2 = Transpose16.shift(S, 1, false);
  private static final VectorMask<Float> HI3 = Transpose16.high(S, 8), LO3 = HI3.not();
  private static final VectorShuffle<Float> UP3 = Transpose16.shift(S, 8, true), DOWN3 = Transpose16.shift(S, 8, false);

  private static final VectorMask<Float> LOW8 = VectorMask.fromLong(S, 0xFFL), HIGH8 = VectorMask.fromLong(S, 0xFF00L);
  private T8() {}

  /** dst[dOff + k·8 + r] = a[src + r·lda + k] for r &lt; 8, k &lt; 16. */
  public static void kMajor(float[] a, int src, int lda, float[] dst, int dOff) {
    FloatVector r0 = FloatVector.fromArray(S, a, src + 0 * lda);
    FloatVector r1 = FloatVector.fromArray(S, a, src + 1 * lda);
    FloatVector r2 = FloatVector.fromArray(S, a, src + 2 * lda);
    FloatVector r3 = FloatVector.fromArray(S, a, src + 3 * lda);
    FloatVector r4 = FloatVector.fromArray(S, a, src + 4 * lda);
    FloatVector r5 = FloatVector.fromArray(S, a, src + 5 * lda);
    FloatVector r6 = FloatVector.fromArray(S, a, src + 6 * lda);
    FloatVector r7 = FloatVector.fromArray(S, a, src + 7 * lda);
    FloatVector x;
    FloatVector y;
    // within each 8-lane half, as Transpose8: afterwards lane j of row i is A(j, i), lane 8 + j is A(j, i + 8)
    x = r0; y = r4; r0 = x.blend(y.rearrange(UP0), HI0); r4 = y.blend(x.rearrange(DOWN0), LO0);
    x = r1; y = r5; r1 = x.blend(y.rearrange(UP0), HI0); r5 = y.blend(x.rearrange(DOWN0), LO0);
    x = r2; y = r6; r2 = x.blend(y.rearrange(UP0), HI0); r6 = y.blend(x.rearrange(DOWN0), LO0);
    x = r3; y = r7; r3 = x.blend(y.rearrange(UP0), HI0); r7 = y.blend(x.rearrange(DOWN0), LO0);
    x = r0; y = r2; r0 = x.blend(y.rearrange(UP1), HI1); r2 = y.blend(x.rearrange(DOWN1), LO1);
    x = r1; y = r3; r1 = x.blend(y.rearrange(UP1), HI1); r3 = y.blend(x.rearrange(DOWN1), LO1);
    x = r4; y = r6; r4 = x.blend(y.rearrange(UP1), HI1); r6 = y.blend(x.rearrange(DOWN1), LO1);
    x = r5; y = r7; r5 = x.blend(y.rearrange(UP1), HI1); r7 = y.blend(x.rearrange(DOWN1), LO1);
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP2), HI2); r1 = y.blend(x.rearrange(DOWN2), LO2);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP2), HI2); r3 = y.blend(x.rearrange(DOWN2), LO2);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP2), HI2); r5 = y.blend(x.rearrange(DOWN2), LO2);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP2), HI2); r7 = y.blend(x.rearrange(DOWN2), LO2);
    // across the halves: k-steps 2j, 2j + 1 (low halves of rows 2j, 2j + 1) and 2j + 8, 2j + 9 (high halves)
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP3), HI3); r1 = y.blend(x.rearrange(DOWN3), LO3);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP3), HI3); r3 = y.blend(x.rearrange(DOWN3), LO3);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP3), HI3); r5 = y.blend(x.rearrange(DOWN3), LO3);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP3), HI3); r7 = y.blend(x.rearrange(DOWN3), LO3);
    r0.intoArray(dst, dOff + 0);
    r2.intoArray(dst, dOff + 16);
    r4.intoArray(dst, dOff + 32);
    r6.intoArray(dst, dOff + 48);
    r1.intoArray(dst, dOff + 64);
    r3.intoArray(dst, dOff + 80);
    r5.intoArray(dst, dOff + 96);
    r7.intoArray(dst, dOff + 112);
  }

  /**
   * dst[dOff + k·stride + r] = a[src + r·lda + k] for r &lt; 8, k &lt; 16, writing nothing else of dst: 8 rows of a
   * weight matrix stored as 8 lanes of a packed B panel (stride NR) at each of 16 k-steps. After the three stages
   * within the halves row i holds k-steps i and i + 8, each stored as one half under a mask.
   */
  public static void columns(float[] a, int src, int lda, float[] dst, int dOff, int stride) {
    FloatVector r0 = FloatVector.fromArray(S, a, src + 0 * lda);
    FloatVector r1 = FloatVector.fromArray(S, a, src + 1 * lda);
    FloatVector r2 = FloatVector.fromArray(S, a, src + 2 * lda);
    FloatVector r3 = FloatVector.fromArray(S, a, src + 3 * lda);
    FloatVector r4 = FloatVector.fromArray(S, a, src + 4 * lda);
    FloatVector r5 = FloatVector.fromArray(S, a, src + 5 * lda);
    FloatVector r6 = FloatVector.fromArray(S, a, src + 6 * lda);
    FloatVector r7 = FloatVector.fromArray(S, a, src + 7 * lda);
    FloatVector x;
    FloatVector y;
    // within each 8-lane half, as Transpose8: afterwards lane j of row i is A(j, i), lane 8 + j is A(j, i + 8)
    x = r0; y = r4; r0 = x.blend(y.rearrange(UP0), HI0); r4 = y.blend(x.rearrange(DOWN0), LO0);
    x = r1; y = r5; r1 = x.blend(y.rearrange(UP0), HI0); r5 = y.blend(x.rearrange(DOWN0), LO0);
    x = r2; y = r6; r2 = x.blend(y.rearrange(UP0), HI0); r6 = y.blend(x.rearrange(DOWN0), LO0);
    x = r3; y = r7; r3 = x.blend(y.rearrange(UP0), HI0); r7 = y.blend(x.rearrange(DOWN0), LO0);
    x = r0; y = r2; r0 = x.blend(y.rearrange(UP1), HI1); r2 = y.blend(x.rearrange(DOWN1), LO1);
    x = r1; y = r3; r1 = x.blend(y.rearrange(UP1), HI1); r3 = y.blend(x.rearrange(DOWN1), LO1);
    x = r4; y = r6; r4 = x.blend(y.rearrange(UP1), HI1); r6 = y.blend(x.rearrange(DOWN1), LO1);
    x = r5; y = r7; r5 = x.blend(y.rearrange(UP1), HI1); r7 = y.blend(x.rearrange(DOWN1), LO1);
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP2), HI2); r1 = y.blend(x.rearrange(DOWN2), LO2);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP2), HI2); r3 = y.blend(x.rearrange(DOWN2), LO2);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP2), HI2); r5 = y.blend(x.rearrange(DOWN2), LO2);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP2), HI2); r7 = y.blend(x.rearrange(DOWN2), LO2);
    int hi = 8 * stride - 8;
    r0.intoArray(dst, dOff, LOW8);
    r0.intoArray(dst, dOff + hi, HIGH8);
    r1.intoArray(dst, dOff + stride, LOW8);
    r1.intoArray(dst, dOff + stride + hi, HIGH8);
    r2.intoArray(dst, dOff + 2 * stride, LOW8);
    r2.intoArray(dst, dOff + 2 * stride + hi, HIGH8);
    r3.intoArray(dst, dOff + 3 * stride, LOW8);
    r3.intoArray(dst, dOff + 3 * stride + hi, HIGH8);
    r4.intoArray(dst, dOff + 4 * stride, LOW8);
    r4.intoArray(dst, dOff + 4 * stride + hi, HIGH8);
    r5.intoArray(dst, dOff + 5 * stride, LOW8);
    r5.intoArray(dst, dOff + 5 * stride + hi, HIGH8);
    r6.intoArray(dst, dOff + 6 * stride, LOW8);
    r6.intoArray(dst, dOff + 6 * stride + hi, HIGH8);
    r7.intoArray(dst, dOff + 7 * stride, LOW8);
    r7.intoArray(dst, dOff + 7 * stride + hi, HIGH8);
  }

public static void columnsFull(float[] a, int src, int lda, float[] dst, int dOff, int stride) {
    FloatVector r0 = FloatVector.fromArray(S, a, src + 0 * lda);
    FloatVector r1 = FloatVector.fromArray(S, a, src + 1 * lda);
    FloatVector r2 = FloatVector.fromArray(S, a, src + 2 * lda);
    FloatVector r3 = FloatVector.fromArray(S, a, src + 3 * lda);
    FloatVector r4 = FloatVector.fromArray(S, a, src + 4 * lda);
    FloatVector r5 = FloatVector.fromArray(S, a, src + 5 * lda);
    FloatVector r6 = FloatVector.fromArray(S, a, src + 6 * lda);
    FloatVector r7 = FloatVector.fromArray(S, a, src + 7 * lda);
    FloatVector x;
    FloatVector y;
    // within each 8-lane half, as Transpose8: afterwards lane j of row i is A(j, i), lane 8 + j is A(j, i + 8)
    x = r0; y = r4; r0 = x.blend(y.rearrange(UP0), HI0); r4 = y.blend(x.rearrange(DOWN0), LO0);
    x = r1; y = r5; r1 = x.blend(y.rearrange(UP0), HI0); r5 = y.blend(x.rearrange(DOWN0), LO0);
    x = r2; y = r6; r2 = x.blend(y.rearrange(UP0), HI0); r6 = y.blend(x.rearrange(DOWN0), LO0);
    x = r3; y = r7; r3 = x.blend(y.rearrange(UP0), HI0); r7 = y.blend(x.rearrange(DOWN0), LO0);
    x = r0; y = r2; r0 = x.blend(y.rearrange(UP1), HI1); r2 = y.blend(x.rearrange(DOWN1), LO1);
    x = r1; y = r3; r1 = x.blend(y.rearrange(UP1), HI1); r3 = y.blend(x.rearrange(DOWN1), LO1);
    x = r4; y = r6; r4 = x.blend(y.rearrange(UP1), HI1); r6 = y.blend(x.rearrange(DOWN1), LO1);
    x = r5; y = r7; r5 = x.blend(y.rearrange(UP1), HI1); r7 = y.blend(x.rearrange(DOWN1), LO1);
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP2), HI2); r1 = y.blend(x.rearrange(DOWN2), LO2);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP2), HI2); r3 = y.blend(x.rearrange(DOWN2), LO2);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP2), HI2); r5 = y.blend(x.rearrange(DOWN2), LO2);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP2), HI2); r7 = y.blend(x.rearrange(DOWN2), LO2);
    int hi = 8 * stride - 8;
    r0.intoArray(dst, dOff);
    r0.intoArray(dst, dOff + hi);
    r1.intoArray(dst, dOff + stride);
    r1.intoArray(dst, dOff + stride + hi);
    r2.intoArray(dst, dOff + 2 * stride);
    r2.intoArray(dst, dOff + 2 * stride + hi);
    r3.intoArray(dst, dOff + 3 * stride);
    r3.intoArray(dst, dOff + 3 * stride + hi);
    r4.intoArray(dst, dOff + 4 * stride);
    r4.intoArray(dst, dOff + 4 * stride + hi);
    r5.intoArray(dst, dOff + 5 * stride);
    r5.intoArray(dst, dOff + 5 * stride + hi);
    r6.intoArray(dst, dOff + 6 * stride);
    r6.intoArray(dst, dOff + 6 * stride + hi);
    r7.intoArray(dst, dOff + 7 * stride);
    r7.intoArray(dst, dOff + 7 * stride + hi);
  }
}
