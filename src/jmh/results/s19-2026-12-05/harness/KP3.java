import org.pathnorm.simd.*;
import java.util.*;
/** Alternating short windows in one JVM: B-stream (one A panel in L1, B panels from L2) vs A-stream (one B panel in L1, A panels from L2). */
public class KP3 {
  static GemmKernel g = KernelSelection.kernels().gemmKernel();
  static final int mr = 6, nr = 16;
  static double run(boolean aStream, int kc, int panels, float[] a, float[] b, float[] c, int calls) {
    long t0 = System.nanoTime(); int n = 0;
    while (n < calls) {
      if (aStream) for (int p = 0; p < panels; p++) { g.microKernelDirectA(kc, a, p * mr * kc, kc, b, 0, c, p * mr * nr, nr, true, null, 0, false); n++; }
      else for (int p = 0; p < panels; p++) { g.microKernelDirectA(kc, a, 0, kc, b, p * kc * nr, c, p * nr, nr * panels, true, null, 0, false); n++; }
    }
    return 2.0 * mr * nr * kc * n / (System.nanoTime() - t0);
  }
  public static void main(String[] x) {
    int kc = Integer.parseInt(x[0]), pa = Integer.parseInt(x[1]), pb = Integer.parseInt(x[2]), windows = Integer.parseInt(x[3]);
    Random r = new Random(1);
    float[] aA = new float[pa * mr * kc], bA = new float[kc * nr], cA = new float[mr * nr * pa];
    float[] aB = new float[mr * kc], bB = new float[pb * kc * nr], cB = new float[mr * nr * pb];
    for (float[] f : new float[][] {aA, bA, aB, bB}) for (int i = 0; i < f.length; i++) f[i] = r.nextFloat();
    int calls = 20_000_000 / (2 * mr * nr * kc) * 4; // ≈ 0.5 ms ... a few ms
    for (int w = 0; w < 200; w++) { run(true, kc, pa, aA, bA, cA, calls); run(false, kc, pb, aB, bB, cB, calls); }
    double[] ga = new double[windows], gb = new double[windows], ratio = new double[windows];
    for (int w = 0; w < windows; w++) {
      if (w % 2 == 0) { ga[w] = run(true, kc, pa, aA, bA, cA, calls); gb[w] = run(false, kc, pb, aB, bB, cB, calls); }
      else { gb[w] = run(false, kc, pb, aB, bB, cB, calls); ga[w] = run(true, kc, pa, aA, bA, cA, calls); }
      ratio[w] = ga[w] / gb[w];
    }
    Arrays.sort(ga); Arrays.sort(gb); Arrays.sort(ratio);
    System.out.printf("kc %d: A-stream (%d A panels, %d KiB) median %.1f p90 %.1f | B-stream (%d B panels, %d KiB) median %.1f p90 %.1f | ratio median %.3f%n",
        kc, pa, pa * mr * kc * 4 / 1024, ga[windows / 2], ga[windows * 9 / 10], pb, pb * kc * nr * 4 / 1024, gb[windows / 2], gb[windows * 9 / 10], ratio[windows / 2]);
  }
}
