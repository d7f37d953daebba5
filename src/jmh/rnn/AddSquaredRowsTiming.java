import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * The recurrent path pass's W_hh sweep alone: T = 50 calls of Kernels.addRows over the double squares (H × H) against
 * Kernels.addSquaredRows over the float weights, σ_t from σ_{t−1}, in ms of wall time per 50 sweeps, 8 rounds.
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes AddSquaredRowsTiming.java H
 */
public class AddSquaredRowsTiming {
  public static void main(String[] args) {
    int hidden = Integer.parseInt(args[0]), steps = 50;
    Kernels k = KernelSelection.kernels();
    System.out.println(k.description());
    double[] q = new double[hidden * hidden];
    float[] w = new float[hidden * hidden];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextDouble();
      q[i] = (double) w[i] * w[i];
    }
    double[] s = new double[(steps + 1) * hidden];
    for (int i = 0; i < hidden; i++) s[i] = r.nextDouble();
    for (int round = 0; round < 8; round++) {
      long t0 = System.nanoTime();
      for (int t = 1; t <= steps; t++) k.addRows(hidden, s, (t - 1) * hidden, 1, q, 0, hidden, s, t * hidden, hidden);
      long t1 = System.nanoTime();
      for (int t = 1; t <= steps; t++) k.addSquaredRows(hidden, s, (t - 1) * hidden, 1, w, 0, hidden, s, t * hidden, hidden);
      long t2 = System.nanoTime();
      System.out.printf("addRows (double q) %.2f ms, addSquaredRows (float w) %.2f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
  }
}
