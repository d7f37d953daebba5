import org.pathnorm.linalg.*; import org.pathnorm.simd.*;
public class JR {
  public static void main(String[] a) {
    int m = 256, n = 784, k = 64; int threads = Integer.parseInt(a[0]);
    float[] d = new float[k * m], x = new float[k * n], g = new float[m * n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    Gemm gm = new Gemm(KernelSelection.kernels(), threads > 1 ? WorkerPools.create(threads) : null);
    double[][] t = new double[2][12];
    for (int rep = 0; rep < 16; rep++) {
      for (int mode = 0; mode < 2; mode++) {
        Gemm.JR_OUTER = mode == 1; int N = 2000; long t0 = System.nanoTime();
        for (int s = 0; s < N; s++) gm.atb(m, n, k, d, 0, m, x, 0, n, g, 0, n, false);
        if (rep >= 4) t[mode][rep - 4] = (System.nanoTime() - t0) / 1e3 / N;
      }
    }
    for (int mode = 0; mode < 2; mode++) { java.util.Arrays.sort(t[mode]); System.out.printf("%s median %.1f us (min %.1f)%n", mode == 1 ? "jr-outer" : "ir-outer", (t[mode][5] + t[mode][6]) / 2, t[mode][0]); }
  }
}
