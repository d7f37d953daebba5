import jdk.incubator.vector.*;
/** packB of a row-major 4000 × 4000 B in kc × nc blocks: panel by panel (today) against row by row. */
public class PB {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256; static final int L = 8, NR = 16;
  static void panels(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst) {
    for (int j = 0; j < cols; j += NR) { int src = bOff + k0 * ldb + j0 + j; int d = j * kc;
      for (int k = 0; k < kc; k++) { FloatVector.fromArray(S, b, src + k * ldb).intoArray(dst, d + k * NR); FloatVector.fromArray(S, b, src + k * ldb + L).intoArray(dst, d + k * NR + L); } }
  }
  static void rows(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst) {
    for (int k = 0; k < kc; k++) { int src = bOff + (k0 + k) * ldb + j0; int d = k * NR;
      for (int j = 0; j < cols; j += NR, d += NR * kc) { FloatVector.fromArray(S, b, src + j).intoArray(dst, d); FloatVector.fromArray(S, b, src + j + L).intoArray(dst, d + L); } }
  }
  static void rowsG(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst, int G) {
    int k = 0;
    for (; k + G <= kc; k += G) { int src = bOff + (k0 + k) * ldb + j0;
      for (int j = 0, d = k * NR; j < cols; j += NR, d += NR * kc)
        for (int g = 0; g < G; g++) { FloatVector.fromArray(S, b, src + g * ldb + j).intoArray(dst, d + g * NR); FloatVector.fromArray(S, b, src + g * ldb + j + L).intoArray(dst, d + g * NR + L); } }
    for (; k < kc; k++) { int src = bOff + (k0 + k) * ldb + j0; int d = k * NR;
      for (int j = 0; j < cols; j += NR, d += NR * kc) { FloatVector.fromArray(S, b, src + j).intoArray(dst, d); FloatVector.fromArray(S, b, src + j + L).intoArray(dst, d + L); } }
  }
  public static void main(String[] x) {
    int kc = Integer.parseInt(x[0]), nc = Integer.parseInt(x[1]); int K = x.length > 2 ? Integer.parseInt(x[2]) : 4000, N = x.length > 3 ? Integer.parseInt(x[3]) : 4000; int reps = x.length > 4 ? Integer.parseInt(x[4]) : 1; int G = x.length > 5 ? Integer.parseInt(x[5]) : 1;
    float[] b = new float[K * N]; for (int i = 0; i < b.length; i++) b[i] = i;
    float[] d1 = new float[kc * nc], d2 = new float[kc * nc];
    int kStep = kc; 
    for (int w = 0; w < 16; w++) {
      long t0 = System.nanoTime(); double s1 = 0, s2 = 0;
      for (int rp = 0; rp < reps; rp++) for (int pc = 0; pc + kStep <= K; pc += kStep) for (int jc = 0; jc + nc <= N; jc += nc) { panels(b, 0, N, pc, kc, jc, nc, d1); s1 += d1[5]; }
      long t1 = System.nanoTime();
      for (int rp = 0; rp < reps; rp++) for (int pc = 0; pc + kStep <= K; pc += kStep) for (int jc = 0; jc + nc <= N; jc += nc) { rowsG(b, 0, N, pc, kc, jc, nc, d2, G); s2 += d2[5]; }
      long t2 = System.nanoTime();
      if (w >= 12) System.out.printf("kc %d nc %d: panel order %.2f ms, rows by %d %.2f ms, same %b%n", kc, nc, (t1 - t0) / 1e6, G, (t2 - t1) / 1e6, java.util.Arrays.equals(d1, d2) && s1 == s2);
    }
  }
}
