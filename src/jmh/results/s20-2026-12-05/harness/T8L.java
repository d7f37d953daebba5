package org.pathnorm.simd;
import jdk.incubator.vector.*;
final class T8L {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final VectorMask<Float> HI0 = Transpose16.high(S, 4);
  private static final VectorMask<Float> HI1 = Transpose16.high(S, 2), LO1 = HI1.not();
  private static final VectorShuffle<Float> UP1 = Transpose16.shift(S, 2, true), DOWN1 = Transpose16.shift(S, 2, false);
  private static final VectorMask<Float> HI2 = Transpose16.high(S, 1), LO2 = HI2.not();
  private static final VectorShuffle<Float> UP2 = Transpose16.shift(S, 1, true), DOWN2 = Transpose16.shift(S, 1, false);
  static void block(float[] b, int src, int ldb, float[] dst, int dOff, int dstStride) {
    int s4 = src + 4 * ldb;
    FloatVector r0 = FloatVector.fromArray(S, b, src).blend(FloatVector.fromArray(S, b, s4 - 4), HI0);
    FloatVector r4 = FloatVector.fromArray(S, b, src + 4).blend(FloatVector.fromArray(S, b, s4), HI0);
    FloatVector r1 = FloatVector.fromArray(S, b, src + ldb).blend(FloatVector.fromArray(S, b, s4 + ldb - 4), HI0);
    FloatVector r5 = FloatVector.fromArray(S, b, src + ldb + 4).blend(FloatVector.fromArray(S, b, s4 + ldb), HI0);
    FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb).blend(FloatVector.fromArray(S, b, s4 + 2 * ldb - 4), HI0);
    FloatVector r6 = FloatVector.fromArray(S, b, src + 2 * ldb + 4).blend(FloatVector.fromArray(S, b, s4 + 2 * ldb), HI0);
    FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb).blend(FloatVector.fromArray(S, b, s4 + 3 * ldb - 4), HI0);
    FloatVector r7 = FloatVector.fromArray(S, b, src + 3 * ldb + 4).blend(FloatVector.fromArray(S, b, s4 + 3 * ldb), HI0);
    FloatVector x, y;
    x = r0; y = r2; r0 = x.blend(y.rearrange(UP1), HI1); r2 = y.blend(x.rearrange(DOWN1), LO1);
    x = r1; y = r3; r1 = x.blend(y.rearrange(UP1), HI1); r3 = y.blend(x.rearrange(DOWN1), LO1);
    x = r4; y = r6; r4 = x.blend(y.rearrange(UP1), HI1); r6 = y.blend(x.rearrange(DOWN1), LO1);
    x = r5; y = r7; r5 = x.blend(y.rearrange(UP1), HI1); r7 = y.blend(x.rearrange(DOWN1), LO1);
    x = r0; y = r1; r0 = x.blend(y.rearrange(UP2), HI2); r1 = y.blend(x.rearrange(DOWN2), LO2);
    x = r2; y = r3; r2 = x.blend(y.rearrange(UP2), HI2); r3 = y.blend(x.rearrange(DOWN2), LO2);
    x = r4; y = r5; r4 = x.blend(y.rearrange(UP2), HI2); r5 = y.blend(x.rearrange(DOWN2), LO2);
    x = r6; y = r7; r6 = x.blend(y.rearrange(UP2), HI2); r7 = y.blend(x.rearrange(DOWN2), LO2);
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
