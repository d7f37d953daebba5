package org.pathnorm.simd;
public class PackBench {
  public static void main(String[] a) {
    int n = 64, k = 784; // X: n rows (samples) x k; op(B) = X^T (k x n)
    float[] x = new float[n * k];
    for (int i = 0; i < x.length; i++) x[i] = i * 0.001f;
    GemmKernel g = KernelSelection.kernels().gemmKernel();
    int kc = 196, nr = g.nr();
    float[] dst = new float[(n + nr - 1) / nr * nr * kc];
    float[] dst2 = new float[dst.length];
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime(); int it = 0;
      while (System.nanoTime() - t0 < 300_000_000L) { for (int pc = 0; pc < k; pc += kc) g.packB(x, 0, k, true, pc, kc, 0, n, dst); it++; }
      double tv = (System.nanoTime() - t0) / 1e3 / it;
      t0 = System.nanoTime(); it = 0;
      while (System.nanoTime() - t0 < 300_000_000L) { for (int pc = 0; pc < k; pc += kc) Packing.packB(x, 0, k, true, pc, kc, 0, n, dst2, 0, nr); it++; }
      double ts = (System.nanoTime() - t0) / 1e3 / it;
      System.out.printf("vector %.1f us  scalar %.1f us  same %b%n", tv, ts, java.util.Arrays.equals(dst, dst2));
    }
  }
}
