import org.pathnorm.linalg.*;
import org.pathnorm.simd.*;
/** 784-4000-4000-10's middle layer at batch 64, 1 thread: forward H·Wᵀ, weight gradient dZᵀ·H, input gradient dZ·W, SGD over W. */
public class Ph4k { public static void main(String[] x) {
  int B = 64, D = 4000, H = 4000; int windows = Integer.parseInt(x[0]);
  Kernels k = KernelSelection.kernels(); Gemm g = new Gemm(k, null);
  java.util.SplittableRandom r = new java.util.SplittableRandom(1);
  float[] h = new float[B * D], w = new float[H * D], bias = new float[H], z = new float[B * H], dz = new float[B * H], gw = new float[H * D], v = new float[H * D], dx = new float[B * D];
  for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.02);
  for (int i = 0; i < h.length; i++) h[i] = r.nextFloat();
  for (int i = 0; i < dz.length; i++) dz[i] = (float) (r.nextGaussian() * 1e-3);
  long[] acc = new long[4]; int steps = 5;
  for (int win = 0; win < windows; win++) {
    java.util.Arrays.fill(acc, 0);
    for (int s = 0; s < steps; s++) {
      long t0 = System.nanoTime();
      g.abt(B, H, D, h, 0, D, w, 0, D, z, 0, H, Gemm.Epilogue.BIAS_RELU, bias, 0);
      long t1 = System.nanoTime();
      g.atb(H, D, B, dz, 0, H, h, 0, D, gw, 0, D, false);
      long t2 = System.nanoTime();
      g.ab(B, D, H, dz, 0, H, w, 0, D, dx, 0, D, false);
      long t3 = System.nanoTime();
      k.sgdStep(w, gw, v, 0, w.length, 1e-6f, 0.9f, 0f);
      long t4 = System.nanoTime();
      acc[0] += t1 - t0; acc[1] += t2 - t1; acc[2] += t3 - t2; acc[3] += t4 - t3;
    }
    double f = 2.0 * B * D * H;
    if (win >= windows - 4) System.out.printf("fwd %.2f ms (%.0f GF/s) dW %.2f (%.0f) dX %.2f (%.0f) upd %.2f total %.2f ms%n", acc[0] / 1e6 / steps, f * steps / acc[0], acc[1] / 1e6 / steps, f * steps / acc[1], acc[2] / 1e6 / steps, f * steps / acc[2], acc[3] / 1e6 / steps, (acc[0]+acc[1]+acc[2]+acc[3]) / 1e6 / steps);
  }
}}
