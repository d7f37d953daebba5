import jdk.incubator.vector.*;
import org.pathnorm.linalg.*;
import org.pathnorm.simd.*;
/** Prototype: C[M×N] = A·B with A row-major in place and B row-major in place (no packing), 6×16 tiles, loop: K blocks, N panels, M panels. */
public class DB {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256; static final int L = 8;
  static void kernel(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc) {
    final int o0 = aOff, o1 = aOff + lda, o2 = aOff + 2 * lda, o3 = aOff + 3 * lda, o4 = aOff + 4 * lda, o5 = aOff + 5 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int bb = bOff + k * ldb;
      FloatVector b0 = FloatVector.fromArray(S, b, bb), b1 = FloatVector.fromArray(S, b, bb + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    if (acc) {
      c0a.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff); c0b.add(FloatVector.fromArray(S, c, cOff + L)).intoArray(c, cOff + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc); c1b.add(FloatVector.fromArray(S, c, cOff + ldc + L)).intoArray(c, cOff + ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc); c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc); c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc); c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc); c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff); c0b.intoArray(c, cOff + L); c1a.intoArray(c, cOff + ldc); c1b.intoArray(c, cOff + ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc); c2b.intoArray(c, cOff + 2 * ldc + L); c3a.intoArray(c, cOff + 3 * ldc); c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc); c4b.intoArray(c, cOff + 4 * ldc + L); c5a.intoArray(c, cOff + 5 * ldc); c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }
  /** M multiple of 6 here (prototype: 60 rows + the rest ignored), N multiple of 16. */
  static void product(int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, int kc, int nc) {
    for (int pc = 0; pc < k; pc += kc) { int kb = Math.min(kc, k - pc);
      for (int jc = 0; jc < n; jc += nc) { int nb = Math.min(nc, n - jc);
        for (int j = jc; j < jc + nb; j += 16)
          for (int i = 0; i + 6 <= m; i += 6) kernel(kb, a, i * lda + pc, lda, b, pc * ldb + j, ldb, c, i * ldc + j, ldc, pc > 0);
      }
    }
  }
  public static void main(String[] x) {
    int M = 60, N = 4000, K = 4000; int kc = Integer.parseInt(x[0]), nc = Integer.parseInt(x[1]), windows = Integer.parseInt(x[2]);
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] a = new float[M * K], b = new float[K * N], c = new float[M * N], c2 = new float[M * N];
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
    double f = 2.0 * M * N * K;
    for (int w = 0; w < windows; w++) {
      long t0 = System.nanoTime(); for (int s = 0; s < 5; s++) g.ab(M, N, K, a, 0, K, b, 0, N, c, 0, N, false);
      long t1 = System.nanoTime(); for (int s = 0; s < 5; s++) product(M, N, K, a, K, b, N, c2, N, kc, nc);
      long t2 = System.nanoTime();
      if (w >= windows - 4) { double maxd = 0; for (int i = 0; i < c.length; i++) maxd = Math.max(maxd, Math.abs(c[i] - c2[i]));
        System.out.printf("gemm.ab %.2f ms (%.0f GF/s)  direct-B kc %d nc %d: %.2f ms (%.0f GF/s)  max|diff| %.2g%n", (t1 - t0) / 5e6, f * 5 / (t1 - t0), kc, nc, (t2 - t1) / 5e6, f * 5 / (t2 - t1), maxd); }
    }
  }
}
