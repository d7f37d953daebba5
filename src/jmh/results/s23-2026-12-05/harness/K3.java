package org.pathnorm.simd;
import java.util.*;
public class K3 {
  static GemmKernel g = KernelSelection.kernels().gemmKernel();
  static int mr = g.mr(), nr = g.nr();
  static void run(boolean jrOuter, boolean direct, int kc, int nc, int mc, int lda, float[] ap, float[] bp, float[] c) {
    if (jrOuter) {
      for (int jr = 0; jr < nc; jr += nr) for (int ir = 0; ir < mc; ir += mr) tile(direct, kc, lda, ir, jr, nc, ap, bp, c);
    } else {
      for (int ir = 0; ir < mc; ir += mr) for (int jr = 0; jr < nc; jr += nr) tile(direct, kc, lda, ir, jr, nc, ap, bp, c);
    }
  }
  static void tile(boolean direct, int kc, int lda, int ir, int jr, int nc, float[] ap, float[] bp, float[] c) {
    if (direct) g.microKernelDirectA(kc, ap, ir * lda, lda, bp, jr * kc, c, ir * nc + jr, nc, true, null, 0, false);
    else g.microKernelTransposedA(kc, ap, ir * kc, mr, bp, jr * kc, c, ir * nc + jr, nc, true, null, 0, false);
  }
  public static void main(String[] z) {
    int kc = Integer.parseInt(z[0]), nc = Integer.parseInt(z[1]), mc = Integer.parseInt(z[2]), lda = Integer.parseInt(z[3]);
    float[] ap = new float[mc * lda], bp = new float[nc * kc], c = new float[mc * nc];
    Random r = new Random(1);
    for (int i = 0; i < ap.length; i++) ap[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat() * 1e-3f;
    String[] names = {"ir-packed", "jr-packed", "ir-direct", "jr-direct"};
    List<List<Double>> res = new ArrayList<>(); for (int m = 0; m < 4; m++) res.add(new ArrayList<>());
    for (int round = 0; round < 14; round++) {
      for (int m = 0; m < 4; m++) {
        long flops = 0; long t = System.nanoTime();
        while (flops < 1_500_000_000L) { run((m & 1) == 1, m >= 2, kc, nc, mc, lda, ap, bp, c); flops += 2L * mc * nc * kc; }
        if (round > 3) res.get(m).add(flops / ((System.nanoTime() - t) / 1e9) / 1e9);
      }
    }
    StringBuilder sb = new StringBuilder("kc=" + kc + " nc=" + nc + " mc=" + mc + " lda=" + lda + ":");
    for (int m = 0; m < 4; m++) { List<Double> l = res.get(m); Collections.sort(l); sb.append(String.format(" %s %.0f (%.0f-%.0f)", names[m], l.get(l.size()/2), l.get(0), l.get(l.size()-1))); }
    System.out.println(sb);
  }
}
