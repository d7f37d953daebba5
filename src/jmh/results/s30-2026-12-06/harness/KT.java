import jdk.incubator.vector.*;
public class KT {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16, NR = 32;
  static void kp(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
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
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
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
      c6a.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c6b.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
      c7a.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
      c7b.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
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
      c6a.intoArray(c, cOff + 6 * ldc);
      c6b.intoArray(c, cOff + 6 * ldc + L);
      c7a.intoArray(c, cOff + 7 * ldc);
      c7b.intoArray(c, cOff + 7 * ldc + L);
    }
  }

  static void kpi(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
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
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
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
      c6a.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c6b.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
      c7a.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
      c7b.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
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
      c6a.intoArray(c, cOff + 6 * ldc);
      c6b.intoArray(c, cOff + 6 * ldc + L);
      c7a.intoArray(c, cOff + 7 * ldc);
      c7b.intoArray(c, cOff + 7 * ldc + L);
    }
  }


  public static void main(String[] x) {
    int M = 512, K = 100, N = 100, kc = 100;
    float[] a = new float[K * M]; for (int i = 0; i < a.length; i++) a[i] = (i % 97) * 0.01f;
    float[] bp = new float[K * 128]; for (int i = 0; i < bp.length; i++) bp[i] = (i % 89) * 0.01f;
    float[] c = new float[M * 128];
    for (int rep = 0; rep < 12; rep++) {
      StringBuilder sb = new StringBuilder();
      for (int v = 0; v < 2; v++) {
        long t0 = System.nanoTime(); long fl = 0;
        for (int it = 0; it < 3000; it++)
          for (int jr = 0; jr < 96; jr += NR)
            for (int ir = 0; ir < M; ir += 8) {
              if (v == 0) kp(kc, a, ir, M, bp, jr * kc, c, ir * 128 + jr, 128, false);
              else kpi(kc, a, ir, M, bp, jr * kc, c, ir * 128 + jr, 128, false);
              fl += 2L * 8 * 32 * kc;
            }
        double s = (System.nanoTime() - t0) * 1e-9;
        sb.append(String.format(" %s %.1f", v == 0 ? "mul" : "inc", fl / s / 1e9));
      }
      if (rep >= 3) System.out.println(sb);
    }
  }
}
