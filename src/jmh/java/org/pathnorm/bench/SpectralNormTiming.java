package org.pathnorm.bench;

import org.pathnorm.linalg.WorkerPools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.linalg.SpectralNorm;
import org.pathnorm.simd.KernelSelection;

/**
 * Times {@link SpectralNorm#lanczos} on a raw little-endian float32 matrix written by
 * {@code src/jmh/torch_spectral_bench.py} (the same data PyTorch is timed on), so both sides see the
 * same matrix. Warm-up of 3 s excluded; prints one JSON line with every repetition and the median.
 *
 * <p>Usage: {@code SpectralNormTiming FILE ROWS COLS THREADS TOL REPEATS}
 */
public final class SpectralNormTiming {
  private SpectralNormTiming() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]), cols = Integer.parseInt(args[2]), threads = Integer.parseInt(args[3]);
    double tol = Double.parseDouble(args[4]);
    int repeats = Integer.parseInt(args[5]);
    float[] w = new float[rows * cols];
    ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
    ForkJoinPool pool = WorkerPools.create(threads);
    SpectralNorm.Result r = null;
    long end = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < end) r = SpectralNorm.lanczos(KernelSelection.kernels(), pool, w, 0, rows, cols, tol, 1000);
    double[] s = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t = System.nanoTime();
      r = SpectralNorm.lanczos(KernelSelection.kernels(), pool, w, 0, rows, cols, tol, 1000);
      s[i] = (System.nanoTime() - t) / 1e9;
    }
    double[] sorted = s.clone();
    Arrays.sort(sorted);
    double median = repeats % 2 == 1 ? sorted[repeats / 2] : 0.5 * (sorted[repeats / 2 - 1] + sorted[repeats / 2]);
    System.out.printf(Locale.ROOT,
        "{\"impl\":\"pathnorm\",\"rows\":%d,\"cols\":%d,\"threads\":%d,\"kernels\":\"%s\",\"jdk\":\"%s\",\"sigma\":%.10g,"
            + "\"iterations\":%d,\"estimated_rel_error\":%.3g,\"converged\":%b,\"seconds_median\":%.6f,\"seconds\":%s}%n",
        rows, cols, threads, KernelSelection.kernels().description(), Runtime.version(), r.value(), r.iterations(),
        r.relativeError(), r.converged(), median, Arrays.toString(s));
    if (pool != null) pool.shutdown();
  }
}
