import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.*;
public class Warm {
  public static void run(int reps) {
    Kernels k = KernelSelection.kernels();
    Gemm g = new Gemm(k, null);
    float[] a = new float[64 * 784], b = new float[256 * 784], c = new float[64 * 256], bias = new float[256];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
    for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    float[] w = new float[8192], gr = new float[8192], v = new float[8192];
    for (int i = 0; i < reps; i++) {
      g.abt(64, 32, 256, a, 0, 256, b, 0, 256, c, 0, 32, Gemm.Epilogue.BIAS_RELU, bias, 0);
      g.abt(64, 10, 256, a, 0, 256, b, 0, 256, c, 0, 10, Gemm.Epilogue.BIAS, bias, 0);
      g.atb(32, 64, 64, a, 0, 32, b, 0, 64, c, 0, 64, false);
      g.atb(10, 64, 64, a, 0, 10, b, 0, 64, c, 0, 64, false);
      g.ab(64, 64, 10, a, 0, 10, b, 0, 64, c, 0, 64, false);
      k.sgdStep(w, gr, v, 0, 8192, 0.01f, 0.9f, 0f);
      k.reluBackward(c, 0, a, 0, 4096);
      k.addColumnSums(c, 0, 64, 32, 32, bias, 0);
    }
  }
}
