package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * An 8 × 8 block of floats transposed in 256-bit registers: {@link Transpose16}'s butterflies for the
 * kernels of AVX2 machines, whose vectors have 8 lanes ({@code dst[dOff + i·dstStride + j] = b[src + j·ldb + i]}
 * for i, j &lt; 8). Three stages of width h = 4, 2, 1, each one lane permutation and one blend per row:
 * 48 register operations for 64 values, where the gathers they replace make one 8-lane gather of stride
 * ldb per 8 values. Packing a transposed mini-batch of 64 × 784 values took 16.5 µs so against 27 µs
 * with the gathers on a Zen 3 (JDK 25; 20 against 29 µs on JDK 17; BENCHMARKS.md, "Issue 15, sixteenth
 * session"). The values are moved, not computed, so the bits are those of the gathers.
 *
 * <p>As in {@link Transpose16}, every row is a local {@code FloatVector} that is never null, so that C2
 * keeps the block in registers. Used only where the kernels' species has 8 lanes.
 */
final class Transpose8 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

  private static final VectorMask<Float> HI0 = Transpose16.high(S, 4), LO0 = HI0.not();
  private static final VectorShuffle<Float> UP0 = Transpose16.shift(S, 4, true), DOWN0 = Transpose16.shift(S, 4, false);
  private static final VectorMask<Float> HI1 = Transpose16.high(S, 2), LO1 = HI1.not();
  private static final VectorShuffle<Float> UP1 = Transpose16.shift(S, 2, true), DOWN1 = Transpose16.shift(S, 2, false);
  private static final VectorMask<Float> HI2 = Transpose16.high(S, 1), LO2 = HI2.not();
  private static final VectorShuffle<Float> UP2 = Transpose16.shift(S, 1, true), DOWN2 = Transpose16.shift(S, 1, false);

  private Transpose8() {}

  /**
   * dst[dOff + i·dstStride + j] = b[src + j·ldb + i] + bias[biasOff + j] (the bias if not null), then
   * max(·, 0) if {@code relu}, for i, j &lt; 8: the transposing epilogue of a GEMM computed as (B·Aᵀ)ᵀ,
   * with the reference's additions in its order, or the packing of an A panel. Row i is stored after
   * row i − 1, so with dstStride &lt; 8 each row's last lanes are overwritten by the next.
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
    FloatVector x;
    FloatVector y;
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
    }
    r0.intoArray(dst, dOff + 0 * dstStride);
    r1.intoArray(dst, dOff + 1 * dstStride);
    r2.intoArray(dst, dOff + 2 * dstStride);
    r3.intoArray(dst, dOff + 3 * dstStride);
    r4.intoArray(dst, dOff + 4 * dstStride);
    r5.intoArray(dst, dOff + 5 * dstStride);
    r6.intoArray(dst, dOff + 6 * dstStride);
    r7.intoArray(dst, dOff + 7 * dstStride);
  }
}
