import org.pathnorm.linalg.*; import org.pathnorm.simd.*;
public class PackShare {
  public static void main(String[] a) {
    int m = 64, n = 256, k = 784;
    float[] x = new float[m * k], w = new float[n * k], c = new float[m * n], t = new float[n * m], bias = new float[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    Kernels kern = KernelSelection.kernels();
    Gemm g2 = new Gemm(kern, WorkerPools.create(2)), g1 = new Gemm(kern, null);
    PackedMatrix pm = new PackedMatrix();
    for (int rep = 0; rep < 8; rep++) {
      int N = 4000; long t0, ta = 0, tp = 0, tb = 0, tb1 = 0;
      for (int s = 0; s < N; s++) {
        t0 = System.nanoTime(); g2.abt(m, n, k, x, 0, k, w, 0, k, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0); ta += System.nanoTime() - t0;
        t0 = System.nanoTime(); g1.pack(pm, k, m, x, 0, k, true); tp += System.nanoTime() - t0;
        t0 = System.nanoTime(); g1.ab(n, m, k, w, 0, k, pm, t, 0, m, false, false); tb1 += System.nanoTime() - t0;
      }
      // packed with g2 needs a pack by g2 (same kernel object)
      g2.pack(pm, k, m, x, 0, k, true);
      for (int s = 0; s < N; s++) { t0 = System.nanoTime(); g2.ab(n, m, k, w, 0, k, pm, t, 0, m, false, false); tb += System.nanoTime() - t0; }
      System.out.printf("2T abt (swapped, packs+epilogue) %.1f us | 1T pack Xt %.1f us | 1T ab on packed %.1f us | 2T ab on packed %.1f us%n", ta / N / 1e3, tp / N / 1e3, tb1 / N / 1e3, tb / N / 1e3);
    }
  }
}
