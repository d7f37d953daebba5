import org.pathnorm.linalg.*;
import org.pathnorm.simd.*;
import java.util.concurrent.atomic.*;
public class Pinned {
  static final AtomicInteger bar = new AtomicInteger();
  static void await(int gen) { bar.incrementAndGet(); while (bar.get() < gen * 2) Thread.onSpinWait(); }
  public static void main(String[] a) throws Exception {
    int windows = Integer.parseInt(a[0]); boolean colDw = a.length > 1;
    Kernels k = KernelSelection.kernels();
    int B = 64, D = 784, H = 256;
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] data = new float[60000 * D]; for (int i = 0; i < data.length; i++) data[i] = r.nextFloat();
    float[] x = new float[B * D], w = new float[H * D], bias = new float[H], z = new float[B * H], dz = new float[B * H], gw = new float[H * D], v = new float[H * D];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.03);
    for (int i = 0; i < dz.length; i++) dz[i] = (float) (r.nextGaussian() * 1e-3);
    int steps = 500, total = windows * steps;
    long[][] acc = new long[2][4];
    Runnable[] body = new Runnable[2];
    for (int t = 0; t < 2; t++) { int q = t, r0 = H * t / 2, r1 = H * (t + 1) / 2; Gemm gt = new Gemm(k, null);
      body[t] = () -> { int gen = 0;
        for (int s = 0; s < total; s++) {
          long t0 = System.nanoTime();
          if (q == 0) { int base = (int) ((long) s * 64 % 59000); System.arraycopy(data, base * D, x, 0, B * D); }
          await(++gen);
          long t1 = System.nanoTime();
          gt.abt(B, r1 - r0, D, x, 0, D, w, r0 * D, D, z, r0, H, Gemm.Epilogue.BIAS_RELU, bias, r0);
          await(++gen);
          long t2 = System.nanoTime();
          if (colDw) gt.atb(H, D / 2, B, dz, 0, H, x, q * D / 2, D, gw, q * D / 2, D, false);
          else gt.atb(r1 - r0, D, B, dz, r0, H, x, 0, D, gw, r0 * D, D, false);
          await(++gen);
          long t3 = System.nanoTime();
          k.sgdStep(w, gw, v, r0 * D, (r1 - r0) * D, 1e-6f, 0.9f, 0f);
          await(++gen);
          long t4 = System.nanoTime();
          if (s % steps == 0) java.util.Arrays.fill(acc[q], 0);
          acc[q][0] += t1 - t0; acc[q][1] += t2 - t1; acc[q][2] += t3 - t2; acc[q][3] += t4 - t3;
          if (q == 0 && s % steps == steps - 1 && s / steps >= windows - 3) { long[] c = acc[0];
            System.out.printf("gather %.3f fwd %.3f dW %.3f upd %.3f total %.3f ms%n", c[0] / 1e6 / steps, c[1] / 1e6 / steps, c[2] / 1e6 / steps, c[3] / 1e6 / steps, (c[0]+c[1]+c[2]+c[3]) / 1e6 / steps); }
        } }; }
    Thread h = new Thread(body[1]); h.start(); body[0].run(); h.join();
  }
}
