import org.pathnorm.linalg.Gemm;
public class SmallProducts {
  public static void main(String[] z) {
    Gemm g = new Gemm();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] X = rnd(100*100, r), W0 = rnd(512*100, r), b0 = rnd(512, r), Z1 = new float[100*512], W2 = rnd(10*512, r), b2 = rnd(10, r), Z2 = new float[100*10];
    float[] dZ2 = rnd(100*10, r), dX2 = new float[100*512], gW2 = new float[10*512], dZ1 = rnd(100*512, r), gW0 = new float[512*100];
    String[] names = {"fwd L1 abt 100x512x100 +bias relu", "fwd L2 abt 100x10x512 +bias", "dX2 ab 100x512x10", "dW2 atb 10x512x100", "dW0 atb 512x100x100", "dW0 as ab (A pre-transposed) 512x100x100", "ab 512x96x100 (no edge)"};
    Runnable[] ops = {
      () -> g.abt(100, 512, 100, X, 0, 100, W0, 0, 100, Z1, 0, 512, Gemm.Epilogue.BIAS_RELU, b0, 0),
      () -> g.abt(100, 10, 512, Z1, 0, 512, W2, 0, 512, Z2, 0, 10, Gemm.Epilogue.BIAS, b2, 0),
      () -> g.ab(100, 512, 10, dZ2, 0, 10, W2, 0, 512, dX2, 0, 512, false),
      () -> g.atb(10, 512, 100, dZ2, 0, 10, Z1, 0, 512, gW2, 0, 512, false),
      () -> g.atb(512, 100, 100, dZ1, 0, 512, X, 0, 100, gW0, 0, 100, false),
      () -> g.ab(512, 100, 100, dZ1, 0, 100, X, 0, 100, gW0, 0, 100, false),
      () -> g.ab(512, 96, 100, dZ1, 0, 100, X, 0, 100, gW0, 0, 100, false)};
    long[] macs = {100L*512*100, 100L*10*512, 100L*512*10, 10L*512*100, 512L*100*100, 512L*100*100, 512L*96*100};
    for (int round = 0; round < 6; round++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < ops.length; i++) {
        int n = 2000;
        long t = System.nanoTime();
        for (int q = 0; q < n; q++) ops[i].run();
        double us = (System.nanoTime() - t) / 1e3 / n;
        if (round >= 3) sb.append(String.format("%s: %.2f us (%.1f GFLOP/s)%n", names[i], us, 2.0 * macs[i] / us / 1e3));
      }
      System.out.print(sb);
    }
  }
  static float[] rnd(int n, java.util.SplittableRandom r) { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = (float) r.nextDouble(-1, 1); return x; }
}
