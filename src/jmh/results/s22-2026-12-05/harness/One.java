import org.pathnorm.linalg.Gemm;
public class One {
  public static void main(String[] z) {
    Gemm g = new Gemm();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] Z1 = SmallProducts.rnd(100*512, r), W2 = SmallProducts.rnd(10*512, r), b2 = SmallProducts.rnd(10, r), Z2 = new float[100*10];
    float[] dZ2 = SmallProducts.rnd(100*10, r), dX2 = new float[100*512], gW2 = new float[10*512];
    int which = Integer.parseInt(z[0]);
    Runnable op = which == 0 ? () -> g.abt(100, 10, 512, Z1, 0, 512, W2, 0, 512, Z2, 0, 10, Gemm.Epilogue.BIAS, b2, 0)
      : which == 3 ? () -> g.abt(64, 10, 256, Z1, 0, 256, W2, 0, 256, Z2, 0, 10, Gemm.Epilogue.BIAS, b2, 0)
      : which == 1 ? () -> g.ab(100, 512, 10, dZ2, 0, 10, W2, 0, 512, dX2, 0, 512, false)
      : () -> g.atb(10, 512, 100, dZ2, 0, 10, Z1, 0, 512, gW2, 0, 512, false);
    for (int round = 0; round < 10; round++) {
      int n = 20000; long t = System.nanoTime();
      for (int q = 0; q < n; q++) op.run();
      if (round > 4) System.out.printf("%.2f us%n", (System.nanoTime() - t) / 1e3 / n);
    }
  }
}
