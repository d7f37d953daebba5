import org.pathnorm.simd.*;
public class PKB {
  public static void main(String[] a) {
    GemmKernel g = KernelSelection.kernels().gemmKernel();
    int n = 64, k = 784, kc = 196; float[] x = new float[n * k], dst = new float[n * kc];
    for (int rep = 0; rep < 8; rep++) {
      int N = 20000; long t0 = System.nanoTime();
      for (int s = 0; s < N; s++) for (int pc = 0; pc < k; pc += kc) g.packB(x, 0, k, true, pc, kc, 0, n, dst);
      if (rep >= 4) System.out.printf("%.2f us%n", (System.nanoTime() - t0) / 1e3 / N);
    }
  }
}
