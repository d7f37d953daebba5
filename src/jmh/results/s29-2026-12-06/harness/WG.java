package org.pathnorm.simd;

public class WG {
  static float[] rnd(int n, long s) { float[] x = new float[n]; java.util.Random r = new java.util.Random(s); for (int i = 0; i < n; i++) x[i] = r.nextFloat() - 0.5f; return x; }
  public static void main(String[] args) {
    GemmKernel g = KernelSelection.kernels().gemmKernel();
    int M = 256, N = 784, K = 64, NC = 512;
    float[] G = rnd(K * M, 1);          // A^T stored K x M
    float[] Gp = rnd(K * M, 1);         // A packed k-major panels of 8: panel ir: K x 8
    for (int ir = 0; ir < M; ir += 8) for (int k = 0; k < K; k++) for (int r = 0; r < 8; r++) Gp[ir * K + k * 8 + r] = G[k * M + ir + r];
    float[] bp = rnd(K * 1024, 2);      // packed B block, panels of 32: K x 32 each
    float[] C = new float[M * N];
    String[] names = {"A packed, row outer, NC=64", "A packed, row outer, NC=96", "A packed, row outer, NC=128", "A packed, row outer, NC=192", "A strided, row outer, NC=128", "current(A strided, row outer)", "A packed, row outer", "A strided, col outer", "A packed, col outer", "B in L1 (one panel), A packed", "A packed, row outer, C to strip"};
    float[] strip = new float[8 * NC];
    for (int rep = 0; rep < 12; rep++) {
      for (int v = 0; v < names.length; v++) {
        long t0 = System.nanoTime(); int calls = 0;
        int iters = 200;
        for (int it = 0; it < iters; it++) {
          if (v < 5) {
            int ncb = v == 0 ? 64 : v == 1 ? 96 : v == 2 ? 128 : v == 3 ? 192 : 128;
            for (int jc = 0; jc + 32 <= N; jc += ncb) {
              int nc = Math.min(ncb, N - jc) / 32 * 32;
              for (int ir = 0; ir < M; ir += 8)
                for (int jr = 0; jr < nc; jr += 32) {
                  if (v == 4) g.microKernelTransposedA(K, G, ir, M, bp, (jc + jr) * K, strip, jr, NC, false, null, 0, false);
                  else g.microKernelTransposedA(K, Gp, ir * K, 8, bp, (jc + jr) * K, strip, jr, NC, false, null, 0, false);
                  calls++;
                }
            }
            continue;
          }
          for (int jc = 0; jc < N; jc += NC) {
            int nc = Math.min(NC, N - jc) / 32 * 32;
            if (v == 5 || v == 6 || v == 10) {
              for (int ir = 0; ir < M; ir += 8)
                for (int jr = 0; jr < nc; jr += 32) {
                  if (v == 5) g.microKernelTransposedA(K, G, ir, M, bp, jr * K, C, ir * N + jc + jr, N, false, null, 0, false);
                  else if (v == 6) g.microKernelTransposedA(K, Gp, ir * K, 8, bp, jr * K, C, ir * N + jc + jr, N, false, null, 0, false);
                  else g.microKernelTransposedA(K, Gp, ir * K, 8, bp, jr * K, strip, jr, NC, false, null, 0, false);
                  calls++;
                }
            } else {
              for (int jr = 0; jr < nc; jr += 32)
                for (int ir = 0; ir < M; ir += 8) {
                  if (v == 7) g.microKernelTransposedA(K, G, ir, M, bp, jr * K, C, ir * N + jc + jr, N, false, null, 0, false);
                  else if (v == 8) g.microKernelTransposedA(K, Gp, ir * K, 8, bp, jr * K, C, ir * N + jc + jr, N, false, null, 0, false);
                  else g.microKernelTransposedA(K, Gp, ir * K, 8, bp, 0, C, ir * N + jc + jr, N, false, null, 0, false);
                  calls++;
                }
            }
          }
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        if (rep >= 4) System.out.printf("%-40s %.1f GFLOP/s%n", names[v], 2.0 * 8 * 32 * K * calls / s / 1e9);
      }
    }
  }
}
