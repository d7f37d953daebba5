import org.pathnorm.simd.*;
public class Upd { public static void main(String[] x) {
  Kernels k = KernelSelection.kernels(); int n = 19_200_000;
  float[] w = new float[n], g = new float[n], v = new float[n];
  java.util.Random r = new java.util.Random(1); for (int i = 0; i < n; i++) { w[i] = r.nextFloat(); g[i] = r.nextFloat() * 1e-3f; }
  for (int rep = 0; rep < 12; rep++) { long t0 = System.nanoTime(); k.sgdStep(w, g, v, 0, n, 0.01f, 0.9f, 0f); long t1 = System.nanoTime();
    long t2 = System.nanoTime(); java.util.Arrays.fill(g, 1e-4f); long t3 = System.nanoTime();
    System.out.printf("sgdStep %.1f ms (%.1f GB/s)  fill G %.1f ms%n", (t1-t0)/1e6, 5.0*4*n/(t1-t0), (t3-t2)/1e6); }
}}
