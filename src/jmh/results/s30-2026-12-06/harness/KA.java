import jdk.incubator.vector.*;
public class KA {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16, NR = 32;
  static void direct(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc) {
    final int o0 = aOff, o1 = aOff + lda, o2 = aOff + 2 * lda, o3 = aOff + 3 * lda, o4 = aOff + 4 * lda, o5 = aOff + 5 * lda, o6 = aOff + 6 * lda, o7 = aOff + 7 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[o6 + k]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[o7 + k]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    c0a.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff); c0b.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
    c1a.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc); c1b.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
    c2a.add(FloatVector.fromArray(S, c, cOff + 2*ldc)).intoArray(c, cOff + 2*ldc); c2b.add(FloatVector.fromArray(S, c, cOff + 2*ldc + L)).intoArray(c, cOff + 2*ldc + L);
    c3a.add(FloatVector.fromArray(S, c, cOff + 3*ldc)).intoArray(c, cOff + 3*ldc); c3b.add(FloatVector.fromArray(S, c, cOff + 3*ldc + L)).intoArray(c, cOff + 3*ldc + L);
    c4a.add(FloatVector.fromArray(S, c, cOff + 4*ldc)).intoArray(c, cOff + 4*ldc); c4b.add(FloatVector.fromArray(S, c, cOff + 4*ldc + L)).intoArray(c, cOff + 4*ldc + L);
    c5a.add(FloatVector.fromArray(S, c, cOff + 5*ldc)).intoArray(c, cOff + 5*ldc); c5b.add(FloatVector.fromArray(S, c, cOff + 5*ldc + L)).intoArray(c, cOff + 5*ldc + L);
    c6a.add(FloatVector.fromArray(S, c, cOff + 6*ldc)).intoArray(c, cOff + 6*ldc); c6b.add(FloatVector.fromArray(S, c, cOff + 6*ldc + L)).intoArray(c, cOff + 6*ldc + L);
    c7a.add(FloatVector.fromArray(S, c, cOff + 7*ldc)).intoArray(c, cOff + 7*ldc); c7b.add(FloatVector.fromArray(S, c, cOff + 7*ldc + L)).intoArray(c, cOff + 7*ldc + L);
  }
  /** one row pointer p = aOff + k and constant-per-call row offsets; unrolled by 2 */
  static void direct2(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff, int ldc) {
    final int o0 = aOff, o1 = aOff + lda, o2 = aOff + 2 * lda, o3 = aOff + 3 * lda, o4 = aOff + 4 * lda, o5 = aOff + 5 * lda, o6 = aOff + 6 * lda, o7 = aOff + 7 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    int k = 0;
    for (; k + 1 < kc; k += 2) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[o6 + k]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[o7 + k]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
      FloatVector d0 = FloatVector.fromArray(S, bp, b + NR), d1 = FloatVector.fromArray(S, bp, b + NR + L);
      av = FloatVector.broadcast(S, a[o0 + k + 1]); c0a = av.fma(d0, c0a); c0b = av.fma(d1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k + 1]); c1a = av.fma(d0, c1a); c1b = av.fma(d1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k + 1]); c2a = av.fma(d0, c2a); c2b = av.fma(d1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k + 1]); c3a = av.fma(d0, c3a); c3b = av.fma(d1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k + 1]); c4a = av.fma(d0, c4a); c4b = av.fma(d1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k + 1]); c5a = av.fma(d0, c5a); c5b = av.fma(d1, c5b);
      av = FloatVector.broadcast(S, a[o6 + k + 1]); c6a = av.fma(d0, c6a); c6b = av.fma(d1, c6b);
      av = FloatVector.broadcast(S, a[o7 + k + 1]); c7a = av.fma(d0, c7a); c7b = av.fma(d1, c7b);
    }
    for (; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[o6 + k]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[o7 + k]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    c0a.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff); c0b.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
    c1a.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc); c1b.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
    c2a.add(FloatVector.fromArray(S, c, cOff + 2*ldc)).intoArray(c, cOff + 2*ldc); c2b.add(FloatVector.fromArray(S, c, cOff + 2*ldc + L)).intoArray(c, cOff + 2*ldc + L);
    c3a.add(FloatVector.fromArray(S, c, cOff + 3*ldc)).intoArray(c, cOff + 3*ldc); c3b.add(FloatVector.fromArray(S, c, cOff + 3*ldc + L)).intoArray(c, cOff + 3*ldc + L);
    c4a.add(FloatVector.fromArray(S, c, cOff + 4*ldc)).intoArray(c, cOff + 4*ldc); c4b.add(FloatVector.fromArray(S, c, cOff + 4*ldc + L)).intoArray(c, cOff + 4*ldc + L);
    c5a.add(FloatVector.fromArray(S, c, cOff + 5*ldc)).intoArray(c, cOff + 5*ldc); c5b.add(FloatVector.fromArray(S, c, cOff + 5*ldc + L)).intoArray(c, cOff + 5*ldc + L);
    c6a.add(FloatVector.fromArray(S, c, cOff + 6*ldc)).intoArray(c, cOff + 6*ldc); c6b.add(FloatVector.fromArray(S, c, cOff + 6*ldc + L)).intoArray(c, cOff + 6*ldc + L);
    c7a.add(FloatVector.fromArray(S, c, cOff + 7*ldc)).intoArray(c, cOff + 7*ldc); c7b.add(FloatVector.fromArray(S, c, cOff + 7*ldc + L)).intoArray(c, cOff + 7*ldc + L);
  }
  public static void main(String[] x) {
    int M = 256, K = 784, N = 64, kc = 196;
    float[] w = new float[M * K]; for (int i = 0; i < w.length; i++) w[i] = (i % 97) * 0.01f;
    float[] bp = new float[K * N + 64]; for (int i = 0; i < bp.length; i++) bp[i] = (i % 89) * 0.01f;
    float[] c = new float[M * N + 64];
    for (int rep = 0; rep < 10; rep++) {
      StringBuilder sb = new StringBuilder();
      for (int sh = 0; sh < 16; sh += 4) {
        long t0 = System.nanoTime(); long fl = 0;
        for (int it = 0; it < 300; it++)
          for (int pc = 0; pc < K; pc += kc)
            for (int jr = 0; jr < N; jr += NR)
              for (int ir = 0; ir < M; ir += 8) {
                direct(kc, w, ir * K + pc, K, bp, sh + pc * N + jr * kc, c, sh + ir * N + jr, N);
                fl += 2L * 8 * 32 * kc;
              }
        double s = (System.nanoTime() - t0) * 1e-9;
        sb.append(String.format(" sh%d %.1f", sh, fl / s / 1e9));
      }
      if (rep >= 3) System.out.println(sb);
    }
  }
}
