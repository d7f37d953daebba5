package org.pathnorm.simd;
import jdk.incubator.vector.*;
public class KProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256; static final int L = 8, NR = 16;
  private static void kernelPacked6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = aOff + k * lda;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }
  private static void kernelDirect6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff + 0 * lda;
    final int o1 = aOff + 1 * lda;
    final int o2 = aOff + 2 * lda;
    final int o3 = aOff + 3 * lda;
    final int o4 = aOff + 4 * lda;
    final int o5 = aOff + 5 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }  private static void kmajOff6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff + 0;
    final int o1 = aOff + 1;
    final int o2 = aOff + 2;
    final int o3 = aOff + 3;
    final int o4 = aOff + 4;
    final int o5 = aOff + 5;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k * lda]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k * lda]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k * lda]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k * lda]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k * lda]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k * lda]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }
  private static void packedConst6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = aOff + k * 6;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }
  private static void packedInd6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0, p = aOff; k < kc; k++, p += lda) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }
  public static void main(String[] x) {
    int kc = 256; String which = x[0]; int lda = Integer.parseInt(x[1]);
    float[] a = new float[lda * kc + 64]; float[] bp = new float[kc * NR * 8]; float[] c = new float[6 * 128];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat();
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime(); int iters = 200000;
      for (int it = 0; it < iters; it++) { int t = it & 1;
        switch (which) {
          case "packed" -> kernelPacked6(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);
          case "direct" -> kernelDirect6(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);
          case "const" -> packedConst6(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);
          case "off" -> kmajOff6(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);
          case "ind" -> packedInd6(kc, a, 0, lda, bp, t * kc * NR, c, t * NR, 128, true);
        } }
      long e = System.nanoTime() - t0;
      System.out.printf("%s lda=%d: %.1f GFLOP/s%n", which, lda, 2.0 * 6 * 16 * kc * iters / e);
    }
  }
}