public class Mem {
  static void upd(float[] w, float[] g, float[] v, int from, int to) {
    for (int i = from; i < to; i++) { float vv = 0.9f * v[i] + g[i]; v[i] = vv; w[i] -= 0.01f * vv; }
  }
  public static void main(String[] x) throws Exception {
    int n = Integer.parseInt(x[1]);
    float[] w = new float[n], g = new float[n], v = new float[n];
    float[] w2 = new float[n], g2 = new float[n], v2 = new float[n];
    for (int i = 0; i < n; i++) { g[i] = 1e-3f; g2[i] = 1e-3f; }
    int reps = (int) (2e9 / n / 20);
    for (int r = 0; r < Integer.parseInt(x[0]); r++) {
      long t0 = System.nanoTime(); for (int q = 0; q < reps; q++) upd(w, g, v, 0, n); double one = 20.0 * n * reps / (System.nanoTime() - t0);
      double[] two = new double[2];
      Thread a = new Thread(() -> { long s = System.nanoTime(); for (int q = 0; q < reps; q++) upd(w, g, v, 0, n); two[0] = 20.0 * n * reps / (System.nanoTime() - s); });
      Thread b = new Thread(() -> { long s = System.nanoTime(); for (int q = 0; q < reps; q++) upd(w2, g2, v2, 0, n); two[1] = 20.0 * n * reps / (System.nanoTime() - s); });
      a.start(); b.start(); a.join(); b.join();
      System.out.printf("n=%d: 1 thread %.1f GB/s; 2 threads %.1f + %.1f GB/s%n", n, one, two[0], two[1]);
    }
  }
}
