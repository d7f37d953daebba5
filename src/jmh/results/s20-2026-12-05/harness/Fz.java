import org.pathnorm.linalg.*;
import org.pathnorm.simd.*;
import jdk.incubator.vector.*;
/** args: windows H D [NC] (NC defaults to D, whole rows). A H x D layer at batch 64: weight gradient + SGD, separate vs fused per 6 x NC strip (emulated loop). */
public class Fz {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static void sgdRow(float[] w, float[] v, int wOff, float[] g, int gOff, int n, float lr, float mu, float wd) {
    int i = 0;
    for (; i <= n - 8; i += 8) {
      FloatVector wv = FloatVector.fromArray(S, w, wOff + i);
      FloatVector d = FloatVector.fromArray(S, g, gOff + i).add(wv.mul(wd));
      FloatVector vel = FloatVector.fromArray(S, v, wOff + i).mul(mu).sub(d.mul(lr));
      vel.intoArray(v, wOff + i);
      wv.add(vel).intoArray(w, wOff + i);
    }
    for (; i < n; i++) { float d = g[gOff + i] + w[wOff + i] * wd; float vel = v[wOff + i] * mu - d * lr; v[wOff + i] = vel; w[wOff + i] = w[wOff + i] + vel; }
  }
  public static void main(String[] x) {
    int B = 64; int windows = Integer.parseInt(x[0]); int H = Integer.parseInt(x[1]), D = Integer.parseInt(x[2]); int NC = x.length > 3 ? Integer.parseInt(x[3]) : D; int steps = Math.max(5, (int) (2e9 / (2.0 * B * H * D)));
    Kernels k = KernelSelection.kernels(); Gemm g = new Gemm(k, null); GemmKernel gk = k.gemmKernel();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] h = new float[B * D], w = new float[H * D], dz = new float[B * H], gw = new float[H * D], v = new float[H * D];
    float[] w2 = new float[H * D], v2 = new float[H * D], w3 = new float[H * D], v3 = new float[H * D];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.02);
    System.arraycopy(w, 0, w2, 0, w.length); System.arraycopy(w, 0, w3, 0, w.length);
    for (int i = 0; i < h.length; i++) h[i] = r.nextFloat();
    for (int i = 0; i < dz.length; i++) dz[i] = (float) (r.nextGaussian() * 1e-3);
    float[] bPack = new float[B * NC + 64], aPack = new float[8 * B + 64], strip = new float[6 * NC + 64];
    float lr = 1e-6f, mu = 0.9f;

    for (int win = 0; win < windows; win++) {
      long t0 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        g.atb(H, D, B, dz, 0, H, h, 0, D, gw, 0, D, false);
        k.sgdStep(w, gw, v, 0, w.length, lr, mu, 0f);
      }
      long t1 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        for (int jc = 0; jc < D; jc += NC) {
          int nc = Math.min(NC, D - jc);
          gk.packB(h, 0, D, false, 0, B, jc, nc, bPack);
          for (int ir = 0; ir < H; ir += 6) {
            gk.packARows(dz, 0, H, true, ir, 6, 0, B, aPack);
            int jr = 0;
            for (; jr + 16 <= nc; jr += 16) gk.microKernelDirectA(B, aPack, 0, B, bPack, jr * B, strip, jr, nc, false, null, 0, false);
            if (jr < nc) throw new IllegalStateException("nc not multiple of 16");
            for (int rr = 0; rr < 6; rr++) sgdRow(w2, v2, (ir + rr) * D + jc, strip, rr * nc, nc, lr, mu, 0f);
          }
        }
      }
      long t2 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        for (int jc = 0; jc < D; jc += NC) {
          int nc = Math.min(NC, D - jc);
          gk.packB(h, 0, D, false, 0, B, jc, nc, bPack);
          for (int ir = 0; ir < H; ir += 6) {
            gk.packARows(dz, 0, H, true, ir, 6, 0, B, aPack);
            for (int jr = 0; jr + 16 <= nc; jr += 16) gk.microKernelDirectA(B, aPack, 0, B, bPack, jr * B, gw, ir * D + jc + jr, D, false, null, 0, false);
          }
        }
        k.sgdStep(w3, gw, v3, 0, w3.length, lr, mu, 0f);
      }
      long t3 = System.nanoTime();
      System.out.printf("separate %.2f ms  fused %.2f ms  emulated-separate %.2f ms  sep/fused %.3f%n", (t1 - t0) / 1e6 / steps, (t2 - t1) / 1e6 / steps, (t3 - t2) / 1e6 / steps, (double) (t1 - t0) / (t2 - t1));
    }
    System.out.println("same bits: " + java.util.Arrays.equals(w, w2) + " " + java.util.Arrays.equals(v, v2) + " " + java.util.Arrays.equals(w, w3));
  }
}
