package org.pathnorm.cli;

import org.pathnorm.linalg.WorkerPools;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.ReferenceGemm;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pathnorm bench gemm}: times C = op(A)·op(B) and prints GFLOP/s (2·M·N·K flops per call),
 * the median of several timed repetitions after a warm-up.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
    description = "Time single-precision GEMM C[MxN] = op(A)[MxK]·op(B)[KxN]; prints GFLOP/s.")
final class BenchGemmCommand implements Callable<Integer> {
  @Option(names = "--m", required = true, description = "Rows of C.") int m;
  @Option(names = "--n", required = true, description = "Columns of C.") int n;
  @Option(names = "--k", required = true, description = "Inner dimension.") int k;
  @Option(names = "--trans-a", description = "Use Aᵀ (A stored K x M).") boolean transA;
  @Option(names = "--trans-b", description = "Use Bᵀ (B stored N x K).") boolean transB;
  @Option(names = "--threads", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE}).") int threads;
  @Option(names = "--kernels", defaultValue = "auto",
      description = "auto (as selected at start-up) or scalar (default: ${DEFAULT-VALUE}).") String kernels;
  @Option(names = "--repeat", defaultValue = "5", description = "Timed repetitions (default: ${DEFAULT-VALUE}).") int repeat;
  @Option(names = "--min-time", defaultValue = "0.3",
      description = "Seconds per repetition, at least (default: ${DEFAULT-VALUE}).") double minTime;
  @Option(names = "--warmup", defaultValue = "1.0", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).") double warmup;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;
  @Option(names = "--check", description = "Also compare C with the naive double-precision reference "
      + "and report the largest error relative to sum_k |a_ik b_kj| (fails above (K+2)·2^-23, the float rounding bound).") boolean check;

  private double checkError = Double.NaN;

  @Override public Integer call() {
    if (m < 1 || n < 1 || k < 1) throw new IllegalArgumentException("--m, --n and --k must be >= 1");
    if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    if (repeat < 1) throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
    Kernels kern = switch (kernels.toLowerCase(Locale.ROOT)) {
      case "auto" -> KernelSelection.kernels();
      case "scalar" -> KernelSelection.scalar();
      default -> throw new IllegalArgumentException("--kernels must be auto or scalar, got '" + kernels + "'");
    };
    SplittableRandom rnd = new SplittableRandom(42);
    float[] a = random(rnd, (long) m * k);
    float[] b = random(rnd, (long) k * n);
    float[] c = new float[Math.multiplyExact(m, n)];
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    ForkJoinPool pool = WorkerPools.create(threads);
    try {
      Gemm gemm = new Gemm(kern, pool);
      Gemm.Form form = Gemm.Form.of(transA, transB);
      Runnable op = () -> gemm.multiply(form, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
      timeFor(op, warmup, 2);
      double[] gflops = new double[repeat];
      double flops = 2.0 * m * n * k;
      for (int r = 0; r < repeat; r++) {
        double[] perCall = timeFor(op, minTime, 1);
        gflops[r] = flops / perCall[0] * 1e-9;
      }
      if (check) verify(a, lda, b, ldb, c);
      report(kern, gflops);
    } finally {
      if (pool != null) pool.shutdown();
    }
    return 0;
  }

  /** Runs op for at least {@code seconds} and {@code minCalls} calls; returns {seconds per call}. */
  private static double[] timeFor(Runnable op, double seconds, int minCalls) {
    long start = System.nanoTime();
    long limit = (long) (seconds * 1e9);
    int calls = 0;
    long elapsed;
    do {
      op.run();
      calls++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < limit || calls < minCalls);
    return new double[] {elapsed * 1e-9 / calls};
  }

  /** Compares the last C with the reference; throws if the error is beyond float rounding. */
  private void verify(float[] a, int lda, float[] b, int ldb, float[] c) {
    float[] ref = new float[c.length];
    ReferenceGemm.multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, ref, 0, n, false, null, 0, false);
    double worst = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double scale = 0;
        for (int p = 0; p < k; p++) {
          scale += Math.abs((transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]));
        }
        worst = Math.max(worst, Math.abs(c[i * n + j] - ref[i * n + j]) / Math.max(scale, Float.MIN_NORMAL));
      }
    }
    checkError = worst;
    if (!(worst <= (k + 2) * 0x1p-23)) {
      throw new IllegalStateException("gemm check failed: relative error " + worst + " exceeds float rounding");
    }
  }

  private void report(Kernels kern, double[] gflops) {
    double[] sorted = gflops.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
    if (json) {
      JsonWriter w = new JsonWriter().beginObject(null)
          .value("benchmark", "gemm")
          .value("m", m).value("n", n).value("k", k)
          .value("trans_a", transA).value("trans_b", transB)
          .value("threads", threads)
          .value("kernels", kern.description())
          .value("jdk", VersionInfo.jdk())
          .value("gflops", median)
          .value("gflops_min", sorted[0])
          .value("gflops_max", sorted[sorted.length - 1])
          .value("check_rel_error", checkError)
          .beginArray("gflops_runs");
      for (double g : gflops) w.value(null, g);
      System.out.println(w.endArray().endObject());
    } else {
      System.out.printf(Locale.ROOT, "gemm %dx%dx%d%s%s, %d thread%s, %s: %.1f GFLOP/s (median of %d; %.1f-%.1f)%n",
          m, n, k, transA ? " A^T" : "", transB ? " B^T" : "", threads, threads == 1 ? "" : "s",
          kern.description(), median, gflops.length, sorted[0], sorted[sorted.length - 1]);
      if (check) System.out.printf(Locale.ROOT, "check: max relative error %.3g vs the double-precision reference%n", checkError);
    }
  }

  private static float[] random(SplittableRandom rnd, long size) {
    float[] x = new float[Math.toIntExact(size)];
    for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
    return x;
  }
}
