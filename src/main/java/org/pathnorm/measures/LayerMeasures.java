package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import org.pathnorm.linalg.JacobiSvd;
import org.pathnorm.linalg.SpectralNorm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * The norms of one weight layer W_i [out × in] (biases excluded, as in every per-layer function of the
 * reference code, docs/algorithms.md §2.8), and the same norms of W_i − W_i⁰ when the initial weights are given.
 *
 * @param spectral        σ_max(W) by Lanczos ({@link SpectralNorm}), with its iterations and error bound
 * @param traceNorm       Σσ_i (Schatten-1), NaN if the SVD was skipped ({@link MeasureOptions#svdMaxWork()})
 * @param schatten15      (Σσ_i^1.5)^{1/1.5}, NaN if not computed
 * @param groupNorms      μ_{p,q}(W) for each requested (p, q), in {@link MeasureOptions#groupNorms()} order
 * @param distFrobenius   ‖W − W⁰‖_F (NaN without W⁰); likewise the other {@code dist*}
 */
public record LayerMeasures(int layer, int rows, int cols, double frobenius, double l1Inf, double l31_5, double l21,
    SpectralNorm.Result spectral, double traceNorm, double schatten15, List<GroupNormValue> groupNorms,
    double distFrobenius, double distL1Inf, double distL31_5, double distL21, double distSpectral) {

  /**
   * Layers of at most this many weights take their spectral norms on the scalar kernels. The measures run
   * once, at the end of a run, when the Vector API's Gram kernel has never been compiled by C2 and each
   * of its vector operations still runs as slow generic code: the first Lanczos of a trained 256 × 784
   * layer (17 products) took 0.14–0.15 s so, against 0.034–0.044 s with the scalar loop, which the JIT
   * compiles at once. Warm, the scalar loop is slower (a Gaussian 256 × 784, 43 products: 14.9 against
   * 3.6 ms; 1024 × 1024, 47 products: 75 against 10 ms), hence the bound: at most ≈ 15 ms lost where it
   * is warm (Zen 3, JDK 25; BENCHMARKS.md, "Issue 15, seventeenth session"). The choice depends on the
   * shape alone, so the measures stay deterministic.
   */
  static final long SCALAR_GRAM_MAX_WEIGHTS = 1 << 18;

  /** The kernels of a spectral norm of a layer of {@code weights} weights ({@link #SCALAR_GRAM_MAX_WEIGHTS}). */
  static Kernels gramKernels(Kernels k, long weights) {
    return weights <= SCALAR_GRAM_MAX_WEIGHTS ? KernelSelection.scalar() : k;
  }

  static LayerMeasures compute(Architecture a, int layer, float[] w, float[] init, MeasureOptions o, Kernels k,
      java.util.concurrent.ForkJoinPool pool) {
    return compute(layer, a.out(layer), a.in(layer), a.weightOffset(layer), w, init, o, k, pool);
  }

  /**
   * The norms of the matrix W [rows × cols] at {@code w[off …]} (a convolution kernel [out, in, kh, kw]
   * is the matrix [out × in·kh·kw], docs/algorithms.md §2.8), and of W − W⁰ at {@code init[off …]}.
   */
  static LayerMeasures compute(int layer, int rows, int cols, int off, float[] w, float[] init, MeasureOptions o, Kernels k,
      java.util.concurrent.ForkJoinPool pool) {
    double inf = Double.POSITIVE_INFINITY;
    Kernels gram = gramKernels(k, (long) rows * cols);
    SpectralNorm.Result spec = SpectralNorm.lanczos(gram, pool, w, off, rows, cols, o.spectralTolerance(), o.spectralMaxIterations());
    double trace = Double.NaN, s15 = Double.NaN;
    long lo = Math.min(rows, cols), hi = Math.max(rows, cols);
    if (lo * lo * hi <= o.svdMaxWork()) {
      double[] sv = JacobiSvd.singularValues(w, off, rows, cols);
      trace = MatrixNorms.schatten(sv, 1);
      s15 = MatrixNorms.schatten(sv, 1.5);
    }
    List<GroupNormValue> groups = new ArrayList<>();
    for (double[] pq : o.groupNorms()) {
      groups.add(new GroupNormValue(pq[0], pq[1], MatrixNorms.groupNorm(w, null, off, rows, cols, pq[0], pq[1])));
    }
    double dFro = Double.NaN, dL1Inf = Double.NaN, dL315 = Double.NaN, dL21 = Double.NaN, dSpec = Double.NaN;
    if (init != null) {
      dFro = MatrixNorms.groupNorm(w, init, off, rows, cols, 2, 2);
      dL1Inf = MatrixNorms.groupNorm(w, init, off, rows, cols, 1, inf);
      dL315 = MatrixNorms.groupNorm(w, init, off, rows, cols, 3, 1.5);
      dL21 = MatrixNorms.groupNorm(w, init, off, rows, cols, 2, 1);
      float[] diff = new float[rows * cols];
      for (int i = 0; i < diff.length; i++) diff[i] = w[off + i] - init[off + i];
      dSpec = SpectralNorm.lanczos(gram, pool, diff, 0, rows, cols, o.spectralTolerance(), o.spectralMaxIterations()).value();
    }
    return new LayerMeasures(layer, rows, cols, MatrixNorms.groupNorm(w, null, off, rows, cols, 2, 2),
        MatrixNorms.groupNorm(w, null, off, rows, cols, 1, inf), MatrixNorms.groupNorm(w, null, off, rows, cols, 3, 1.5),
        MatrixNorms.groupNorm(w, null, off, rows, cols, 2, 1), spec, trace, s15, List.copyOf(groups), dFro, dL1Inf, dL315, dL21, dSpec);
  }
}
