import org.pathnorm.linalg.*;
import java.util.*;
public class HR {
  public static void main(String[] x) {
    int n = 256, k = 784, iters = Integer.parseInt(x[0]);
    Random r = new Random(1);
    float[] w = new float[n*k];
    for (int i=0;i<w.length;i++) w[i]=r.nextFloat()-0.5f;
    Gemm g = new Gemm();
    PackedMatrix pw = new PackedMatrix(), ref = new PackedMatrix();
    g.pack(pw, k, n, w, 0, k, true);
    System.out.println("fast=" + g.repacksStripsInRegisters());
    for (int round = 0; round < 7; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < iters; i++) for (int row = 0; row < n; row += 8) Gemm.repackTransposed(pw, w, 0, k, row, 8, 0, k);
      long t1 = System.nanoTime();
      for (int i = 0; i < iters; i++) g.pack(ref, k, n, w, 0, k, true);
      long t2 = System.nanoTime();
      System.out.printf("repack strips %.1f us  pack %.1f us%n", (t1-t0)/1e3/iters, (t2-t1)/1e3/iters);
    }
  }
}
