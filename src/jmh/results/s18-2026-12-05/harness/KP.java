import org.pathnorm.simd.*;
public class KP { public static void main(String[] x) {
  GemmKernel g = KernelSelection.kernels().gemmKernel();
  int kc = Integer.parseInt(x[0]), lda = Integer.parseInt(x[1]), tiles = Integer.parseInt(x[2]);
  float[] a = new float[6 * lda + kc]; float[] b = new float[kc * 16 * tiles]; float[] c = new float[6 * 16 * tiles];
  java.util.Random r = new java.util.Random(1);
  for (int i = 0; i < a.length; i++) a[i] = r.nextFloat(); for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
  for (int rep = 0; rep < 15; rep++) {
    long t0 = System.nanoTime(); int n = 0;
    for (int it = 0; it < 20000 / tiles * 4; it++) for (int t = 0; t < tiles; t++) { g.microKernelDirectA(kc, a, 0, lda, b, t * kc * 16, c, t * 16, 16 * tiles, true, null, 0, false); n++; }
    long t1 = System.nanoTime();
    System.out.printf("%.1f GFLOP/s  ", 2.0 * 6 * 16 * kc * n / (t1 - t0));
  }
  System.out.println();
}}
