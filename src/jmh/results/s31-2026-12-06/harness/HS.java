import org.pathnorm.linalg.*;
import java.util.*;
public class HS {
  public static void main(String[] x) {
    int m = 64, n = 256, k = 784, iters = Integer.parseInt(x[0]);
    Random r = new Random(1);
    float[] a = new float[m*k], w = new float[n*k], c = new float[m*n], bias = new float[n], zb = new float[m], t = new float[n*m];
    for (int i=0;i<a.length;i++) a[i]=r.nextFloat(); for (int i=0;i<w.length;i++) w[i]=r.nextFloat()-0.5f;
    Gemm g = new Gemm();
    PackedMatrix px = new PackedMatrix(); RowPanels wp = new RowPanels();
    g.shapeRows(wp, n, k); Gemm.packRows(wp, 0, n, w, 0, k);
    for (int round = 0; round < 7; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) g.abt(m, n, k, a, 0, k, w, 0, k, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
      long t1 = System.nanoTime();
      for (int i = 0; i < iters; i++) { g.pack(px, k, m, a, 0, k, true); g.ab(n, m, k, wp, 0, px, t, 0, m, Gemm.Epilogue.BIAS, zb, 0); }
      long t2 = System.nanoTime();
      for (int i = 0; i < iters; i++) { g.shapeRows(wp, n, k); Gemm.packRows(wp, 0, n, w, 0, k); }
      long t3 = System.nanoTime();
      for (int i = 0; i < iters; i++) g.pack(px, k, m, a, 0, k, true);
      long t4 = System.nanoTime();
      boolean same = true;
      for (int i = 0; i < m && same; i++) for (int j = 0; j < n; j++) if (Float.floatToIntBits(Math.max(t[j*m+i] + bias[j], 0f)) != Float.floatToIntBits(c[i*n+j])) { same = false; break; }
      System.out.printf("abt %.1f us  Wpanels-fwd %.1f us (packXt %.1f)  packRows(W) %.1f us  same=%b%n", (t1-t0)/1e3/iters, (t2-t1)/1e3/iters, (t4-t3)/1e3/iters, (t3-t2)/1e3/iters, same);
    }
  }
}
