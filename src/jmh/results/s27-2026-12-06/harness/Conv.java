import org.pathnorm.simd.*;
public class Conv {
  public static void main(String[] a) {
    Kernels k = KernelSelection.kernels();
    int n = 64 * 784;
    byte[] src = new byte[n]; new java.util.Random(1).nextBytes(src);
    float[] dst = new float[n];
    float sink = 0;
    for (int r = 0; r < 5; r++) {
      long t = System.nanoTime();
      int reps = 20000;
      for (int i = 0; i < reps; i++) { k.unitBytesToFloats(src, 0, dst, 0, n); sink += dst[i % n]; }
      double us = (System.nanoTime() - t) / 1e3 / reps;
      System.out.printf("%s: %.2f us per 64x784 (%.2f elements/ns)%n", k.description(), us, n / us / 1e3);
    }
    long t = System.nanoTime();
    for (int i = 0; i < 20000; i++) { System.arraycopy(dst, 0, dst, n / 2, n / 2); }
    System.out.printf("arraycopy of half: %.2f us%n", (System.nanoTime() - t) / 1e3 / 20000);
    System.out.println(sink);
  }
}
