import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.PackedMatrix;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * The recurrent step product z += h·W_hhᵀ (then ReLU) of one batch, 1 thread, GFLOP/s by the calling thread's
 * CPU time: {@code Kernels.smallGemm} on W_hhᵀ stored with row stride H + 16 (Recurrent at H ≤ PACKED_HIDDEN)
 * against {@code Gemm.ab} on W_hh packed once ({@code Gemm.pack}, Recurrent above it), and the time of one pack
 * (once per pass). The two run alternately, three rounds, the last reported.
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes StepProductTiming.java BATCH H[,H...]
 */
public class StepProductTiming {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    int m = Integer.parseInt(args[0]);
    Kernels kern = KernelSelection.kernels();
    Gemm g = new Gemm(kern, null);
    for (String hs : args[1].split(",")) {
      int h = Integer.parseInt(hs.trim());
      int ld = h + 16;
      SplittableRandom r = new SplittableRandom(1);
      float[] a = random(m * h, r), wT = random(h * ld, r), w = random(h * h, r), c = new float[m * h];
      PackedMatrix packed = g.pack(new PackedMatrix(), h, h, w, 0, h, true);
      long flops = 2L * m * h * h;
      int reps = (int) Math.max(20, 2e9 / flops);
      for (int round = 0; round < 3; round++) {
        long t0 = cpu();
        for (int i = 0; i < reps; i++) kern.smallGemm(m, h, h, a, 0, h, wT, 0, ld, c, 0, h, true);
        long t1 = cpu();
        for (int i = 0; i < reps; i++) g.ab(m, h, h, a, 0, h, packed, c, 0, h, true, true);
        long t2 = cpu();
        int packs = reps / 10 + 1;
        for (int i = 0; i < packs; i++) g.pack(packed, h, h, w, 0, h, true);
        long t3 = cpu();
        if (round == 2) {
          System.out.printf("batch=%d H=%d smallGemm %.1f GFLOP/s, pre-packed GEMM %.1f GFLOP/s, pack %.3f ms%n", m, h,
              flops * reps / (double) (t1 - t0), flops * reps / (double) (t2 - t1), (t3 - t2) / 1e6 / packs);
        }
      }
    }
  }

  private static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  private static float[] random(int n, SplittableRandom r) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() - 0.5);
    return x;
  }
}
