import org.pathnorm.linalg.*; import org.pathnorm.simd.*;
public class AtbT {
  public static void main(String[] a) {
    int b = 64, h = 256, d = 784;
    float[] dz = new float[b * h], x = new float[b * d], dw = new float[h * d], w = new float[h * d], out = new float[b * h], bias = new float[h];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < dz.length; i++) dz[i] = (float) r.nextGaussian();
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    Kernels k = KernelSelection.kernels();
    Gemm g1 = new Gemm(k, null), g2 = new Gemm(k, WorkerPools.create(2));
    for (int rep = 0; rep < 6; rep++) {
      int N = 3000; long t1 = 0, t2 = 0, f1 = 0, f2 = 0, t0;
      for (int s = 0; s < N; s++) {
        t0 = System.nanoTime(); g1.atb(h, d, b, dz, 0, h, x, 0, d, dw, 0, d, false); t1 += System.nanoTime() - t0;
        t0 = System.nanoTime(); g2.atb(h, d, b, dz, 0, h, x, 0, d, dw, 0, d, false); t2 += System.nanoTime() - t0;
        t0 = System.nanoTime(); g1.abt(b, h, d, x, 0, d, w, 0, d, out, 0, h, Gemm.Epilogue.BIAS_RELU, bias, 0); f1 += System.nanoTime() - t0;
        t0 = System.nanoTime(); g2.abt(b, h, d, x, 0, d, w, 0, d, out, 0, h, Gemm.Epilogue.BIAS_RELU, bias, 0); f2 += System.nanoTime() - t0;
      }
      System.out.printf("weight grad atb 256x784x64: 1T %.1f us 2T %.1f us (%.2fx) | forward abt 64x256x784: 1T %.1f us 2T %.1f us (%.2fx)%n", t1/N/1e3, t2/N/1e3, (double) t1 / t2, f1/N/1e3, f2/N/1e3, (double) f1 / f2);
    }
  }
}
