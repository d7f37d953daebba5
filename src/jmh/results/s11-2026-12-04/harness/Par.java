package org.pathnorm.linalg;
import org.pathnorm.simd.KernelSelection;
public class Par {
  public static void main(String[] a) throws Exception {
    int m = 64, n = Integer.parseInt(a[0]), k = 784; int iters = 20000;
    float[] x = new float[m * k]; float[][] w = {new float[n * k], new float[n * k]}; float[][] c = {new float[m * n], new float[m * n]}; float[] bias = new float[n];
    java.util.Random r = new java.util.Random(1); for (int i = 0; i < x.length; i++) x[i] = r.nextFloat(); for (float[] ww : w) for (int i = 0; i < ww.length; i++) ww[i] = r.nextFloat();
    Gemm[] g = {new Gemm(KernelSelection.kernels(), null), new Gemm(KernelSelection.kernels(), null)};
    for (int round = 0; round < 6; round++) {
      double[] res = new double[2];
      int threads = round % 2 == 0 ? 1 : 2;
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) { int q = t; ts[t] = new Thread(() -> { for (int i = 0; i < 2000; i++) g[q].abt(m, n, k, x, 0, k, w[q], 0, k, c[q], 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
        long s = System.nanoTime(); for (int i = 0; i < iters; i++) g[q].abt(m, n, k, x, 0, k, w[q], 0, k, c[q], 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0); res[q] = 2.0 * m * n * k * iters / (System.nanoTime() - s); }); }
      for (Thread t : ts) t.start(); for (Thread t : ts) t.join();
      System.out.printf("%d thread(s): %.1f %.1f GFLOP/s%n", threads, res[0], res[1]);
    }
  }
}
