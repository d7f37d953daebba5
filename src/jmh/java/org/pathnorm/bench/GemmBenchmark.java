package org.pathnorm.bench;

import org.pathnorm.linalg.WorkerPools;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM: PathNorm's blocked Vector API GEMM against OpenBLAS (through JavaCPP, off-heap buffers, the
 * same thread count) and against PathNorm's scalar path, in one JMH run. Shapes are "MxNxK:OP" with OP
 * NN (C = A·B), NT (C = A·Bᵀ, a dense layer's forward pass) or TN (C = Aᵀ·B, its weight gradient).
 * {@code src/jmh/report.py} turns the JSON result into GFLOP/s and ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {

  @Param({"1024x1024x1024:NN"})
  public String shape;

  @Param({"1"})
  public int threads;

  /** pathnorm (kernels selected at start-up), scalar, or openblas. */
  @Param({"pathnorm", "openblas"})
  public String impl;

  private int m, n, k;
  private boolean transA, transB;
  private float[] a, b, c;
  private FloatPointer pa, pb, pc;
  private ForkJoinPool pool;
  private Gemm gemm;

  @Setup(Level.Trial)
  public void setUp() {
    String[] parts = shape.split(":");
    String[] dims = parts[0].split("x");
    m = Integer.parseInt(dims[0]);
    n = Integer.parseInt(dims[1]);
    k = Integer.parseInt(dims[2]);
    transA = parts[1].charAt(0) == 'T';
    transB = parts[1].charAt(1) == 'T';
    SplittableRandom r = new SplittableRandom(7);
    a = random(r, m * k);
    b = random(r, k * n);
    c = new float[m * n];
    switch (impl) {
      case "openblas":
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(threads);
        pa = new FloatPointer(a);
        pb = new FloatPointer(b);
        pc = new FloatPointer(c);
        break;
      case "pathnorm":
      case "scalar":
        Kernels kernels = impl.equals("scalar") ? KernelSelection.scalar() : KernelSelection.kernels();
        if (impl.equals("pathnorm") && !kernels.name().equals("panama")) {
          throw new IllegalStateException("expected the Vector API kernels, got " + kernels.description());
        }
        pool = WorkerPools.create(threads);
        gemm = new Gemm(kernels, pool);
        break;
      default:
        throw new IllegalArgumentException("impl " + impl);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) pool.shutdown();
    if (pa != null) {
      pa.close();
      pb.close();
      pc.close();
    }
  }

  @Benchmark
  public void sgemm() {
    if (gemm != null) {
      gemm.multiply(Gemm.Form.of(transA, transB), m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, false);
    } else {
      openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
          transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
          transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
          m, n, k, 1f, pa, transA ? m : k, pb, transB ? k : n, 0f, pc, n);
    }
  }

  private static float[] random(SplittableRandom r, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    return x;
  }
}
