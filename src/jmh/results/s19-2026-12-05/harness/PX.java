import org.pathnorm.simd.*;
/** The per-thread B packing of a 784-256-10 step: Xᵀ (transposed, 784 × 64 in K blocks of 196) for the forward, X (64 × 784, one K block) for the weight gradient. */
public class PX { public static void main(String[] a) {
  GemmKernel g = KernelSelection.kernels().gemmKernel();
  float[] x = new float[64 * 784]; java.util.Random r = new java.util.Random(1); for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
  float[] dst = new float[784 * 64 + 1024];
  for (int w = 0; w < 12; w++) {
    long t0 = System.nanoTime();
    for (int it = 0; it < 2000; it++) for (int pc = 0; pc < 784; pc += 196) g.packB(x, 0, 784, true, pc, 196, 0, 64, dst);
    long t1 = System.nanoTime();
    for (int it = 0; it < 2000; it++) { g.packB(x, 0, 784, false, 0, 64, 0, 496, dst); g.packB(x, 0, 784, false, 0, 64, 496, 288, dst); }
    long t2 = System.nanoTime();
    if (w >= 9) System.out.printf("forward's Xᵀ pack %.2f us, weight gradient's X pack %.2f us%n", (t1 - t0) / 2000e3, (t2 - t1) / 2000e3);
  }
}}
