package org.pathnorm.simd;
import jdk.incubator.vector.*;
public class InPlaceB {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16, NR = 32;
  static void k8(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, int bs, float[] c, int cOff, int ldc) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * bs; int p = aOff + k * lda;
      FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L), av;
      av = FloatVector.broadcast(S, a[p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + L); c1a.intoArray(c, cOff + ldc); c1b.intoArray(c, cOff + ldc + L);
    c2a.intoArray(c, cOff + 2*ldc); c2b.intoArray(c, cOff + 2*ldc + L); c3a.intoArray(c, cOff + 3*ldc); c3b.intoArray(c, cOff + 3*ldc + L);
    c4a.intoArray(c, cOff + 4*ldc); c4b.intoArray(c, cOff + 4*ldc + L); c5a.intoArray(c, cOff + 5*ldc); c5b.intoArray(c, cOff + 5*ldc + L);
    c6a.intoArray(c, cOff + 6*ldc); c6b.intoArray(c, cOff + 6*ldc + L); c7a.intoArray(c, cOff + 7*ldc); c7b.intoArray(c, cOff + 7*ldc + L);
  }
  public static void main(String[] args) {
    int M = Integer.parseInt(args[0]), N = Integer.parseInt(args[1]), K = Integer.parseInt(args[2]);
    float[] a = new float[K * M], b = new float[K * N], c = new float[M * N], c2 = new float[M * N];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
    PanamaGemmKernel g = new PanamaGemmKernel(8);
    float[] bp = new float[K * 512];
    int Nf = N / NR * NR, NC = 512;
    double fl = 2.0 * M * Nf * K; int reps = (int) Math.max(1, 3e9 / fl);
    // an evictor: touch 4 MB between products, as a training step does
    float[] ev = new float[1 << 20];
    for (int rep = 0; rep < 12; rep++) {
      long tp = 0, ti = 0;
      for (int q = 0; q < reps; q++) {
        for (int i = 0; i < ev.length; i += 16) ev[i] += 1;
        long t0 = System.nanoTime();
        for (int jc = 0; jc < Nf; jc += NC) { int nc = Math.min(NC, Nf - jc);
          g.packB(b, 0, N, false, 0, K, jc, nc, bp);
          for (int ir = 0; ir < M; ir += 8) for (int jr = 0; jr < nc; jr += NR) k8(K, a, ir, M, bp, jr * K, NR, c, ir * N + jc + jr, N); }
        long t1 = System.nanoTime();
        for (int i = 0; i < ev.length; i += 16) ev[i] += 1;
        long t2 = System.nanoTime();
        for (int jc = 0; jc < Nf; jc += NC) { int nc = Math.min(NC, Nf - jc);
          for (int ir = 0; ir < M; ir += 8) for (int jr = 0; jr < nc; jr += NR) k8(K, a, ir, M, b, jc + jr, N, c2, ir * N + jc + jr, N); }
        long t3 = System.nanoTime();
        tp += t1 - t0; ti += t3 - t2;
      }
      if (rep > 6) System.out.printf("packed %.1f GFLOP/s, in place %.1f GFLOP/s same=%b%n", fl * reps / tp, fl * reps / ti, java.util.Arrays.equals(c, c2));
    }
  }
}
