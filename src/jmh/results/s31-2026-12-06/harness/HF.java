import org.pathnorm.linalg.*;
import java.util.*;
public class HF {
  public static void main(String[] x) {
    int m = 64, n = 256, k = 784, iters = Integer.parseInt(x[0]);
    Random r = new Random(1);
    float[] a = new float[m*k], w = new float[n*k], c = new float[m*n], bias = new float[n];
    for (int i=0;i<a.length;i++) a[i]=r.nextFloat(); for (int i=0;i<w.length;i++) w[i]=r.nextFloat()-0.5f;
    Gemm g = new Gemm();
    PackedMatrix pw = new PackedMatrix(); RowPanels rp = new RowPanels();
    g.pack(pw, k, n, w, 0, k, true);
    float[] c2 = new float[m*n];
    for (int round = 0; round < 7; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) g.abt(m, n, k, a, 0, k, w, 0, k, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
      long t1 = System.nanoTime();
      for (int i = 0; i < iters; i++) { g.shapeRows(rp, m, k); Gemm.packRows(rp, 0, m, a, 0, k); g.ab(m, n, k, rp, 0, pw, c2, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0); }
      long t2 = System.nanoTime();
      for (int i = 0; i < iters; i++) g.pack(pw, k, n, w, 0, k, true);
      long t3 = System.nanoTime();
      for (int i = 0; i < iters; i++) { g.shapeRows(rp, m, k); Gemm.packRows(rp, 0, m, a, 0, k); }
      long t4 = System.nanoTime();
      System.out.printf("abt %.1f us  packed-fwd %.1f us  packW %.1f us  packX %.1f us  same=%b%n", (t1-t0)/1e3/iters, (t2-t1)/1e3/iters, (t3-t2)/1e3/iters, (t4-t3)/1e3/iters, Arrays.equals(c, c2));
    }
  }
}
