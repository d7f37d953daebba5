package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 16 × 16 block of floats transposed in 512-bit registers, for packing a transposed operand of the
 * GEMM (a mini-batch xᵀ in the forward pass computed as (W·xᵀ)ᵀ) and for writing such a product back
 * transposed with its bias and ReLU: {@code dst[dOff + i·dstStride + j] = b[src + j·ldb + i]} for
 * i, j &lt; 16.
 *
 * <p>Sixteen rows are loaded as vectors and exchanged in four butterfly stages of width h = 8, 4, 2, 1.
 * At each, for every row r whose bit h is clear, row r keeps its lanes with bit h clear and takes, in the
 * others, lane i − h of row r + h; row r + h keeps its lanes with bit h set and takes, in the others,
 * lane i + h of row r. That is one lane permutation and one masked blend per row and stage: 128
 * register operations for 256 values. The gathers this replaces (one 16-lane gather of stride ldb per
 * 16 values) took ≈ 2.4× as long on the 2-vCPU Zen 5 of BENCHMARKS.md ("Issue 15, thirteenth
 * session"): 64 × 784 values in 6.6–7.7 µs against 15.8–18.9 µs on JDK 25, 9.6–10.4 against 16.1–17.7
 * on JDK 17. The values are moved, not computed, so the bits are those of the gathers.
 *
 * <p>Every row is a local {@code FloatVector} and none is ever null, so C2 keeps the block in
 * registers: with an array of vectors the transpose was 8–10× slower than the gathers, and a bias
 * vector that could be null made whole training steps 7–25% slower (both boxed the vectors).
 *
 * <p>Used only where the kernels' species has 16 lanes; {@link Transpose8} does the same for 8.
 */
final class Transpose16 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

  private static final VectorMask<Float> HI0 = high(S, 8), LO0 = HI0.not();
  private static final VectorShuffle<Float> UP0 = shift(S, 8, true), DOWN0 = shift(S, 8, false);
  private static final VectorMask<Float> HI1 = high(S, 4), LO1 = HI1.not();
  private static final VectorShuffle<Float> UP1 = shift(S, 4, true), DOWN1 = shift(S, 4, false);
  private static final VectorMask<Float> HI2 = high(S, 2), LO2 = HI2.not();
  private static final VectorShuffle<Float> UP2 = shift(S, 2, true), DOWN2 = shift(S, 2, false);
  private static final VectorMask<Float> HI3 = high(S, 1), LO3 = HI3.not();
  private static final VectorShuffle<Float> UP3 = shift(S, 1, true), DOWN3 = shift(S, 1, false);

  private Transpose16() {}

  /** Lanes of species s with bit h of their index set: the upper block of each pair of h-lane blocks. */
  static VectorMask<Float> high(VectorSpecies<Float> s, int h) {
    long bits = 0;
    for (int i = 0; i < s.length(); i++) if ((i & h) != 0) bits |= 1L << i;
    return VectorMask.fromLong(s, bits);
  }

  /** Lane i takes lane i − h (up: lanes with bit h set) or lane i + h (down: lanes with bit h clear). */
  static VectorShuffle<Float> shift(VectorSpecies<Float> s, int h, boolean up) {
    int[] from = new int[s.length()];
    for (int i = 0; i < from.length; i++) from[i] = up ? ((i & h) != 0 ? i - h : i) : ((i & h) == 0 ? i + h : i);
    return VectorShuffle.fromValues(s, from);
  }

  /**
   * dst[dOff + i·dstStride + j] = b[src + j·ldb + i] + bias[biasOff + j] (the bias if not null), then
   * max(·, 0) if {@code relu}, for i, j &lt; 16: the transposing epilogue of a GEMM computed as (B·Aᵀ)ᵀ,
   * with the reference's additions in its order.
   */
  static void block(float[] b, int src, int ldb, float[] dst, int dOff, int dstStride, float[] bias, int biasOff,
      boolean relu) {
    FloatVector r0 = FloatVector.fromArray(S, b, src + 0 * ldb);
    FloatVector r1 = FloatVector.fromArray(S, b, src + 1 * ldb);
    FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
    FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
    FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
    FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
    FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
    FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
    FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
    FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
    FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
    FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
    FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
    FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
    FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
    FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
    FloatVector x;
    FloatVector y;
    x = r0; y = r8; r0 = x.blend(y.rearrange(UP0), HI0); r8 = y.blend(x.rearrange(DOWN0), LO0);
    x = r1; y = r9; r1 = x.blend(y.rearrange(UP0), HI0); r9 = y.blend(x.rearrange(DOWN0), LO0);
    x = r2; y = r10; r2 = x.blend(y.rearrange(UP0), HI0); r10 = y.blend(x.rearrange(DOWN0), LO0);
    x = r3; y = r11; r3 = x.blend(y.rearrange(UP0), HI0); r11 = y.blend(x.rearrange(DOWN0), LO0);
    x = r4; y = r12; r4 = x.blend(y.rearrange(UP0), HI0); r12 = y.blend(x.rearrange(DOWN0), LO0);
    x = r5; y = r13; r5 = x.blend(y.rearrange(UP0), HI0); r13 = y.blend(x.rearrange(DOWN0), LO0);
    x = r6; y = r14; r6 = x.blend(y.rearrange(UP0), HI0); r14 = y.blend(x.rearrange(DOWN0), LO0);
    x = r7; y = r15; r7 = x.blend(y.rearrange(UP0), HI0); r15 = y.blend(x.rearrange(DOWN0), LO0);
    x = r0; y = r4; r0 = x.blend(y.rearrange(UP1), HI1); r4 = y.blend(x.rearrange(DOWN1), LO1);
    x = r1; y = r5; r1 = x.blend(y.rearrange(UP1), HI1); r5 = y.blend(x.rearrange(DOWN1), LO1);
    x = r2; y = r6; r2 = x.blend(y.rearrange(UP1), HI1); r6 = y.blend(x.rearrange(DOWN1), LO1);
    x = r3; y = r7; r3 = x.blend(y.rearrange(UP1), HI1); r7 = y.blend(x.rearrange(DOWN1), LO1);
    x = r8; y = r12; r8 = x.blend(y.rearrange(UP1), HI1); r12 = y.blend(x.rearrange(DOWN1), LO1);
    x = r9; y = r13; r9 = x.blend(y.rearrange(UP1), HI1); r13 = y.blend(x.rearrange(DOWN1), LO1);
    x = r10; y = r14; r10 = x.blend(y.rearrange(UP1), HI1); r14 = y.blend(x.rearrange(DOWN1), LO1);
    x = r11; y = r15; r11 = x.blend(y.rearrange(UP1), HI1); r15 = y.blend(x.rearrange(DOWN1), LO1);
    x = r0; y = r2; r0 = x.blend(y.rearrange(UP2), HI2); r2 = y.blend(x.rearrange(DOWN2), LO2);
    x = r1; y = r3; r1 = x.blend(y.rearrange(UP2), HI2); r3 = y.blend(x.rearrange(DOWN2), LO2);
    x = r4; y = r6; r4 = x.blend(y.rearrange(UP2), HI2); r6 = y.blend(x.rearrange(DOWN2), LO2);
    x = r5; y = r7; r5 = x.blend(y.rearrange(UP2), HI2); r7 = y.blend(x.rearrange(DOWN2), LO2);
    x = r8; y = r10; r8 = x.blend(y.rearrange(UP2), HI2); r10 = y.blend(x.rearrange(DOWN2), LO2);
    x = r9; y = r11; r9 = x.blend(y.rearrange(UP2), HI2); r11 = y.blend(x.rearrange(DOWN2), LO2);
    x = r12; y = r14; r12 = x.blend(y.rearrange(UP2), HI2); r14 = y.blend(x.rearrange(DOWN2), LO2);
    x = r13; y = r15; r13 = x.blend(y.rearrange(UP2), HI2); r15 = y.blend(x.rearrange(DOWN2), LO2);
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP3), HI3); r1 = y.blend(x.rearrange(DOWN3), LO3);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP3), HI3); r3 = y.blend(x.rearrange(DOWN3), LO3);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP3), HI3); r5 = y.blend(x.rearrange(DOWN3), LO3);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP3), HI3); r7 = y.blend(x.rearrange(DOWN3), LO3);
    x = r8; y = r9; r8 = x.blend(y.rearrange(UP3), HI3); r9 = y.blend(x.rearrange(DOWN3), LO3);
    x = r10; y = r11; r10 = x.blend(y.rearrange(UP3), HI3); r11 = y.blend(x.rearrange(DOWN3), LO3);
    x = r12; y = r13; r12 = x.blend(y.rearrange(UP3), HI3); r13 = y.blend(x.rearrange(DOWN3), LO3);
    x = r14; y = r15; r14 = x.blend(y.rearrange(UP3), HI3); r15 = y.blend(x.rearrange(DOWN3), LO3);
    // separate branches: a vector that may be null would be boxed (an allocation per call)
    if (bias != null) {
      FloatVector add = FloatVector.fromArray(S, bias, biasOff);
      r0 = r0.add(add);
      r1 = r1.add(add);
      r2 = r2.add(add);
      r3 = r3.add(add);
      r4 = r4.add(add);
      r5 = r5.add(add);
      r6 = r6.add(add);
      r7 = r7.add(add);
      r8 = r8.add(add);
      r9 = r9.add(add);
      r10 = r10.add(add);
      r11 = r11.add(add);
      r12 = r12.add(add);
      r13 = r13.add(add);
      r14 = r14.add(add);
      r15 = r15.add(add);
    }
    if (relu) {
      r0 = r0.lanewise(VectorOperators.MAX, 0f);
      r1 = r1.lanewise(VectorOperators.MAX, 0f);
      r2 = r2.lanewise(VectorOperators.MAX, 0f);
      r3 = r3.lanewise(VectorOperators.MAX, 0f);
      r4 = r4.lanewise(VectorOperators.MAX, 0f);
      r5 = r5.lanewise(VectorOperators.MAX, 0f);
      r6 = r6.lanewise(VectorOperators.MAX, 0f);
      r7 = r7.lanewise(VectorOperators.MAX, 0f);
      r8 = r8.lanewise(VectorOperators.MAX, 0f);
      r9 = r9.lanewise(VectorOperators.MAX, 0f);
      r10 = r10.lanewise(VectorOperators.MAX, 0f);
      r11 = r11.lanewise(VectorOperators.MAX, 0f);
      r12 = r12.lanewise(VectorOperators.MAX, 0f);
      r13 = r13.lanewise(VectorOperators.MAX, 0f);
      r14 = r14.lanewise(VectorOperators.MAX, 0f);
      r15 = r15.lanewise(VectorOperators.MAX, 0f);
    }
    r0.intoArray(dst, dOff + 0 * dstStride);
    r1.intoArray(dst, dOff + 1 * dstStride);
    r2.intoArray(dst, dOff + 2 * dstStride);
    r3.intoArray(dst, dOff + 3 * dstStride);
    r4.intoArray(dst, dOff + 4 * dstStride);
    r5.intoArray(dst, dOff + 5 * dstStride);
    r6.intoArray(dst, dOff + 6 * dstStride);
    r7.intoArray(dst, dOff + 7 * dstStride);
    r8.intoArray(dst, dOff + 8 * dstStride);
    r9.intoArray(dst, dOff + 9 * dstStride);
    r10.intoArray(dst, dOff + 10 * dstStride);
    r11.intoArray(dst, dOff + 11 * dstStride);
    r12.intoArray(dst, dOff + 12 * dstStride);
    r13.intoArray(dst, dOff + 13 * dstStride);
    r14.intoArray(dst, dOff + 14 * dstStride);
    r15.intoArray(dst, dOff + 15 * dstStride);
  }
}
