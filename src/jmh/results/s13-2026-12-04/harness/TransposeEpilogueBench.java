import org.pathnorm.simd.*;
public class TEB {
  public static void main(String[] a) {
    GemmKernel g = KernelSelection.kernels().gemmKernel();
    int m = 64, n = 256; float[] t = new float[n * m], c = new float[m * n], bias = new float[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
    for (int rep = 0; rep < 8; rep++) {
      int N = 20000; long t0 = System.nanoTime();
      for (int s = 0; s < N; s++) g.transposeEpilogue(m, 0, m, 0, n, t, c, 0, n, false, bias, 0, true);
      if (rep >= 4) System.out.printf("%.2f us%n", (System.nanoTime() - t0) / 1e3 / N);
    }
  }
}
