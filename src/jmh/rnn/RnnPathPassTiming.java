import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.pathnorm.nn.Layer;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.StepLinear;

/**
 * RNN-Path's κ⁽¹⁾ pass on the character-LM shapes (T = 50, one-hot over 50 symbols, read-out at every step), by
 * part, in ms of the calling thread's CPU time: the recurrent layer's pathForward, the read-out's pathForward and
 * pathBackward, the recurrent layer's pathBackward (which reuses σ). Prints a checksum of every output (dq, the
 * sums, the adjoints) so that two builds can be compared for identical results.
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes RnnPathPassTiming.java H [double|float]
 * (float: the single-precision pass that RNN-Path runs every step, {@code Layer.newPathCache(kernels, gemm)};
 * double, the default: the double-precision reference pass).
 */
public class RnnPathPassTiming {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    int steps = 50, symbols = 50, hidden = Integer.parseInt(args[0]);
    Recurrent rnn = new Recurrent(steps, symbols, hidden, Recurrent.Activation.RELU, Recurrent.Output.EVERY_STEP, 0);
    StepLinear out = new StepLinear(steps, hidden, symbols);
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] p = new float[rnn.parameterCount()], q = new float[out.parameterCount()];
    for (int i = 0; i < p.length; i++) p[i] = (float) (r.nextDouble() * 0.06 - 0.03);
    for (int i = 0; i < q.length; i++) q[i] = (float) (r.nextDouble() * 0.06 - 0.03);
    double[] in = new double[steps * symbols], sums = new double[steps * hidden], outSums = new double[steps * symbols];
    double[] dOut = new double[steps * symbols], dSums = new double[steps * hidden], dIn = new double[steps * symbols];
    Arrays.fill(in, 1);
    Arrays.fill(dOut, 1);
    float[] dp = new float[p.length], dq = new float[q.length];
    boolean fast = args.length > 1 && args[1].equals("float");
    org.pathnorm.simd.Kernels kernels = org.pathnorm.simd.KernelSelection.kernels();
    org.pathnorm.linalg.Gemm gemm = new org.pathnorm.linalg.Gemm(kernels, null);
    Layer.PathCache rc = fast ? rnn.newPathCache(kernels, gemm) : rnn.newPathCache();
    Layer.PathCache oc = fast ? out.newPathCache(kernels, gemm) : out.newPathCache();
    for (int round = 0; round < 6; round++) {
      long[] ns = new long[4];
      int reps = 10;
      for (int i = 0; i < reps; i++) {
        Arrays.fill(dp, 0f);
        Arrays.fill(dq, 0f);
        long a = cpu();
        rnn.pathForward(p, 0, 2, in, sums, true, rc);
        long b = cpu();
        out.pathForward(q, 0, 2, sums, outSums, true, oc);
        long c = cpu();
        out.pathBackward(q, 0, 2, sums, dOut, dSums, dq, 0, oc);
        long d = cpu();
        rnn.pathBackward(p, 0, 2, in, dSums, dIn, dp, 0, rc);
        long e = cpu();
        ns[0] += b - a;
        ns[1] += c - b;
        ns[2] += d - c;
        ns[3] += e - d;
      }
      if (round >= 3) {
        System.out.printf("H=%d ms per pass: rnn forward %.1f, read-out forward %.1f, read-out backward %.1f, rnn backward %.1f;"
            + " checksum %s %s %s %s%n", hidden, ns[0] / 1e6 / reps, ns[1] / 1e6 / reps, ns[2] / 1e6 / reps, ns[3] / 1e6 / reps,
            checksum(dp), checksum(dq), checksum(sums), checksum(dSums));
      }
    }
  }

  private static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  private static String checksum(float[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * (i % 7 + 1);
    return Double.toString(s);
  }

  private static String checksum(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * (i % 7 + 1);
    return Double.toString(s);
  }
}
