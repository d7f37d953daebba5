package org.pathnorm.simd;
import jdk.incubator.vector.*;
final class T8A {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final VectorMask<Float> M1 = Transpose16.high(S, 1), M2 = Transpose16.high(S, 2), M4 = Transpose16.high(S, 4);
  static void block(float[] b, int src, int ldb, float[] dst, int dOff, int dstStride) {
    FloatVector t0a = FloatVector.fromArray(S, b, src + 0 * ldb + 0).blend(FloatVector.fromArray(S, b, src + 1 * ldb + -1), M1);
    FloatVector t0b = FloatVector.fromArray(S, b, src + 2 * ldb + -2).blend(FloatVector.fromArray(S, b, src + 3 * ldb + -3), M1);
    FloatVector t0c = FloatVector.fromArray(S, b, src + 4 * ldb + -4).blend(FloatVector.fromArray(S, b, src + 5 * ldb + -5), M1);
    FloatVector t0d = FloatVector.fromArray(S, b, src + 6 * ldb + -6).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -7), M1);
    t0a.blend(t0b, M2).blend(t0c.blend(t0d, M2), M4).intoArray(dst, dOff + 0 * dstStride);
    FloatVector t1a = FloatVector.fromArray(S, b, src + 0 * ldb + 1).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 0), M1);
    FloatVector t1b = FloatVector.fromArray(S, b, src + 2 * ldb + -1).blend(FloatVector.fromArray(S, b, src + 3 * ldb + -2), M1);
    FloatVector t1c = FloatVector.fromArray(S, b, src + 4 * ldb + -3).blend(FloatVector.fromArray(S, b, src + 5 * ldb + -4), M1);
    FloatVector t1d = FloatVector.fromArray(S, b, src + 6 * ldb + -5).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -6), M1);
    t1a.blend(t1b, M2).blend(t1c.blend(t1d, M2), M4).intoArray(dst, dOff + 1 * dstStride);
    FloatVector t2a = FloatVector.fromArray(S, b, src + 0 * ldb + 2).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 1), M1);
    FloatVector t2b = FloatVector.fromArray(S, b, src + 2 * ldb + 0).blend(FloatVector.fromArray(S, b, src + 3 * ldb + -1), M1);
    FloatVector t2c = FloatVector.fromArray(S, b, src + 4 * ldb + -2).blend(FloatVector.fromArray(S, b, src + 5 * ldb + -3), M1);
    FloatVector t2d = FloatVector.fromArray(S, b, src + 6 * ldb + -4).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -5), M1);
    t2a.blend(t2b, M2).blend(t2c.blend(t2d, M2), M4).intoArray(dst, dOff + 2 * dstStride);
    FloatVector t3a = FloatVector.fromArray(S, b, src + 0 * ldb + 3).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 2), M1);
    FloatVector t3b = FloatVector.fromArray(S, b, src + 2 * ldb + 1).blend(FloatVector.fromArray(S, b, src + 3 * ldb + 0), M1);
    FloatVector t3c = FloatVector.fromArray(S, b, src + 4 * ldb + -1).blend(FloatVector.fromArray(S, b, src + 5 * ldb + -2), M1);
    FloatVector t3d = FloatVector.fromArray(S, b, src + 6 * ldb + -3).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -4), M1);
    t3a.blend(t3b, M2).blend(t3c.blend(t3d, M2), M4).intoArray(dst, dOff + 3 * dstStride);
    FloatVector t4a = FloatVector.fromArray(S, b, src + 0 * ldb + 4).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 3), M1);
    FloatVector t4b = FloatVector.fromArray(S, b, src + 2 * ldb + 2).blend(FloatVector.fromArray(S, b, src + 3 * ldb + 1), M1);
    FloatVector t4c = FloatVector.fromArray(S, b, src + 4 * ldb + 0).blend(FloatVector.fromArray(S, b, src + 5 * ldb + -1), M1);
    FloatVector t4d = FloatVector.fromArray(S, b, src + 6 * ldb + -2).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -3), M1);
    t4a.blend(t4b, M2).blend(t4c.blend(t4d, M2), M4).intoArray(dst, dOff + 4 * dstStride);
    FloatVector t5a = FloatVector.fromArray(S, b, src + 0 * ldb + 5).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 4), M1);
    FloatVector t5b = FloatVector.fromArray(S, b, src + 2 * ldb + 3).blend(FloatVector.fromArray(S, b, src + 3 * ldb + 2), M1);
    FloatVector t5c = FloatVector.fromArray(S, b, src + 4 * ldb + 1).blend(FloatVector.fromArray(S, b, src + 5 * ldb + 0), M1);
    FloatVector t5d = FloatVector.fromArray(S, b, src + 6 * ldb + -1).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -2), M1);
    t5a.blend(t5b, M2).blend(t5c.blend(t5d, M2), M4).intoArray(dst, dOff + 5 * dstStride);
    FloatVector t6a = FloatVector.fromArray(S, b, src + 0 * ldb + 6).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 5), M1);
    FloatVector t6b = FloatVector.fromArray(S, b, src + 2 * ldb + 4).blend(FloatVector.fromArray(S, b, src + 3 * ldb + 3), M1);
    FloatVector t6c = FloatVector.fromArray(S, b, src + 4 * ldb + 2).blend(FloatVector.fromArray(S, b, src + 5 * ldb + 1), M1);
    FloatVector t6d = FloatVector.fromArray(S, b, src + 6 * ldb + 0).blend(FloatVector.fromArray(S, b, src + 7 * ldb + -1), M1);
    t6a.blend(t6b, M2).blend(t6c.blend(t6d, M2), M4).intoArray(dst, dOff + 6 * dstStride);
    FloatVector t7a = FloatVector.fromArray(S, b, src + 0 * ldb + 7).blend(FloatVector.fromArray(S, b, src + 1 * ldb + 6), M1);
    FloatVector t7b = FloatVector.fromArray(S, b, src + 2 * ldb + 5).blend(FloatVector.fromArray(S, b, src + 3 * ldb + 4), M1);
    FloatVector t7c = FloatVector.fromArray(S, b, src + 4 * ldb + 3).blend(FloatVector.fromArray(S, b, src + 5 * ldb + 2), M1);
    FloatVector t7d = FloatVector.fromArray(S, b, src + 6 * ldb + 1).blend(FloatVector.fromArray(S, b, src + 7 * ldb + 0), M1);
    t7a.blend(t7b, M2).blend(t7c.blend(t7d, M2), M4).intoArray(dst, dOff + 7 * dstStride);
  }
}
