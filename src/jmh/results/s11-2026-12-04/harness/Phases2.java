import org.pathnorm.linalg.*;
import org.pathnorm.simd.*;
import java.util.concurrent.*;
public class Phases2 {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]), windows = Integer.parseInt(a[1]); boolean aligned = a.length > 2;
    Kernels k = KernelSelection.kernels();
    ForkJoinPool pool = threads > 1 ? WorkerPools.create(threads) : null;
    Gemm g = new Gemm(k, pool);
    int B = 64, D = 784, H = 256;
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] data = new float[60000 * D]; for (int i = 0; i < data.length; i++) data[i] = r.nextFloat();
    float[] x = new float[B * D], w = new float[H * D], bias = new float[H], z = new float[B * H], dz = new float[B * H], gw = new float[H * D], v = new float[H * D];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.03);
    for (int i = 0; i < dz.length; i++) dz[i] = (float) (r.nextGaussian() * 1e-3);
    TaskGroup tg = new TaskGroup();
    int T = Math.max(1, threads);
    RecursiveAction[] upd = new RecursiveAction[T], fwd = new RecursiveAction[T], dw = new RecursiveAction[T];
    int n = w.length;
    for (int t = 0; t < T; t++) { int from = n * t / T, to = n * (t + 1) / T; int r0 = H * t / T, r1 = H * (t + 1) / T;
      Gemm gt = new Gemm(k, null);
      upd[t] = new RecursiveAction() { protected void compute() { k.sgdStep(w, gw, v, from, to - from, 1e-6f, 0.9f, 0f); } };
      fwd[t] = new RecursiveAction() { protected void compute() { gt.abt(B, r1 - r0, D, x, 0, D, w, r0 * D, D, z, r0, H, Gemm.Epilogue.BIAS_RELU, bias, r0); } };
      dw[t] = new RecursiveAction() { protected void compute() { gt.atb(r1 - r0, D, B, dz, r0, H, x, 0, D, gw, r0 * D, D, false); } };
    }
    int steps = 500; long[] acc = new long[4];
    for (int win = 0; win < windows; win++) {
      java.util.Arrays.fill(acc, 0);
      for (int s = 0; s < steps; s++) {
        long t0 = System.nanoTime();
        int base = (int) ((long) (win * steps + s) * 64 % 59000);
        System.arraycopy(data, base * D, x, 0, B * D);
        long t1 = System.nanoTime();
        if (aligned) tg.invokeOn(pool, fwd, T); else g.abt(B, H, D, x, 0, D, w, 0, D, z, 0, H, Gemm.Epilogue.BIAS_RELU, bias, 0);
        long t2 = System.nanoTime();
        if (aligned) tg.invokeOn(pool, dw, T); else g.atb(H, D, B, dz, 0, H, x, 0, D, gw, 0, D, false);
        long t3 = System.nanoTime();
        tg.invokeOn(pool, upd, T);
        long t4 = System.nanoTime();
        acc[0] += t1 - t0; acc[1] += t2 - t1; acc[2] += t3 - t2; acc[3] += t4 - t3;
      }
      if (win >= windows - 3) System.out.printf("gather %.3f fwd %.3f dW %.3f upd %.3f total %.3f ms%n", acc[0] / 1e6 / steps, acc[1] / 1e6 / steps, acc[2] / 1e6 / steps, acc[3] / 1e6 / steps, (acc[0]+acc[1]+acc[2]+acc[3]) / 1e6 / steps);
    }
    if (pool != null) pool.shutdown();
  }
}
