import org.pathnorm.nn.*;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.*;
/**
 * RNN-Path's κ⁽¹⁾ pass as the trainer runs it every step (`PathNormPass` on the layers' fast caches, single
 * precision) on an addition-task model (D = 2, ReLU RNN with H units over T steps, read-out at the last step), in
 * microseconds of the calling thread's CPU time: the median of 7 rounds of 300 passes after 3 warm-up rounds.
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes RnnKappaTiming.java T H
 */
public class RnnKappaTiming {
  public static void main(String[] a) {
    int T = Integer.parseInt(a[0]), H = Integer.parseInt(a[1]);
    Sequential m = RecurrentModels.build(T, 2, new int[] {H}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1, RecurrentInit.PYTORCH, 1);
    Kernels k = KernelSelection.kernels();
    PathNormPass pass = new PathNormPass(m, k, new Gemm(k, null));
    float[] kappa = new float[m.parameterCount()];
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double best = 1e9; double[] r = new double[7];
    for (int round = 0; round < 10; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < 300; i++) pass.kappa(m, kappa);
      double us = (mx.getCurrentThreadCpuTime() - t0) / 300e3;
      if (round >= 3) r[round - 3] = us;
    }
    java.util.Arrays.sort(r);
    System.out.printf("T=%d H=%d kappa pass %.1f us (median of 7 rounds of 300)%n", T, H, r[3]);
  }
}
