package org.pathnorm.linalg;
import org.pathnorm.simd.KernelSelection;
public class Team {
  public static void main(String[] a) throws Exception {
    int m = 64, n = Integer.parseInt(a[0]), k = 784; int iters = 20000;
    float[] x = new float[m * k]; float[] w = new float[n * k]; float[] c = new float[m * n]; float[] bias = new float[n];
    java.util.Random r = new java.util.Random(1); for (int i = 0; i < x.length; i++) x[i] = r.nextFloat(); for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
    Gemm g1 = new Gemm(KernelSelection.kernels(), null), g2 = new Gemm(KernelSelection.kernels(), WorkerPools.create(2));
    for (int round = 0; round < 8; round++) {
      Gemm g = round % 2 == 0 ? g1 : g2;
      for (int i = 0; i < 2000; i++) g.abt(m, n, k, x, 0, k, w, 0, k, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
      long s = System.nanoTime(); for (int i = 0; i < iters; i++) g.abt(m, n, k, x, 0, k, w, 0, k, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
      double us = (System.nanoTime() - s) / 1e3 / iters;
      System.out.printf("%d thread(s): %.1f us, %.1f GFLOP/s%n", g.threads(), us, 2.0 * m * n * k / us / 1e3);
    }
  }
}
