package org.pathnorm.simd;
import jdk.incubator.vector.*;
public class PackBench2 {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int L = 16, NR = 32;
  static void panelMajor(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst) {
    int full = cols / NR * NR;
    for (int j = 0, d = 0; j < full; j += NR) {
      int src = bOff + k0 * ldb + j0 + j;
      for (int k = 0; k < kc; k++, d += NR, src += ldb) {
        FloatVector.fromArray(S, b, src).intoArray(dst, d);
        FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
      }
    }
  }
  static void twoPanels(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst) {
    int full = cols / NR * NR; int j = 0;
    for (; j + 2 * NR <= full; j += 2 * NR) {
      int src = bOff + k0 * ldb + j0 + j; int d = j * kc, d2 = d + NR * kc;
      for (int k = 0; k < kc; k++, d += NR, d2 += NR, src += ldb) {
        FloatVector.fromArray(S, b, src).intoArray(dst, d);
        FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
        FloatVector.fromArray(S, b, src + 2 * L).intoArray(dst, d2);
        FloatVector.fromArray(S, b, src + 3 * L).intoArray(dst, d2 + L);
      }
    }
  }
  public static void main(String[] a) {
    int ldb = Integer.parseInt(a[0]), rows = Integer.parseInt(a[1]), kc = Integer.parseInt(a[2]), nc = 512;
    float[] b = new float[ldb * rows];
    for (int i = 0; i < b.length; i++) b[i] = i * 1e-7f;
    float[] dst = new float[kc * nc], dst2 = new float[kc * nc];
    PanamaGemmKernel g = new PanamaGemmKernel(8);
    int ncFull = ldb / nc * nc; double vals = (double) (rows / kc * kc) * ncFull;
    int reps = (int) Math.max(1, 2e8 / vals);
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) for (int pc = 0; pc + kc <= rows; pc += kc) for (int jc = 0; jc + nc <= ldb; jc += nc) g.packB(b, 0, ldb, false, pc, kc, jc, nc, dst);
      long t1 = System.nanoTime();
      for (int r = 0; r < reps; r++) for (int pc = 0; pc + kc <= rows; pc += kc) for (int jc = 0; jc + nc <= ldb; jc += nc) panelMajor(b, 0, ldb, pc, kc, jc, nc, dst2);
      long t2 = System.nanoTime();
      for (int r = 0; r < reps; r++) for (int pc = 0; pc + kc <= rows; pc += kc) for (int jc = 0; jc + nc <= ldb; jc += nc) twoPanels(b, 0, ldb, pc, kc, jc, nc, dst2);
      long t3 = System.nanoTime();
      if (rep > 5) System.out.printf("rowMajor %.3f  panelMajor %.3f  twoPanels %.3f ns/value  same=%b%n", (t1 - t0) / vals / reps, (t2 - t1) / vals / reps, (t3-t2)/vals/reps, java.util.Arrays.equals(dst, dst2));
    }
  }
}
