package org.pathnorm.measures;

import java.util.List;
import java.util.Locale;

/**
 * What {@link Measures#compute} computes and with which settings. {@link #defaults()} gives the cheap
 * measures (norms, path norms, spectral norms, margins, bounds); sharpness, PAC-Bayes and the
 * conditions C1–C3 are switched on with their own options.
 *
 * @param marginPercentile      q of the q-th percentile margin γ (5: the authors' code; 10: the
 *                              Fantastic-measures study)
 * @param pathNormPs            the p of the ℓp path norms reported
 * @param groupNorms            extra (p, q) pairs of μ_{p,q} reported per layer and as products
 * @param spectralTolerance     bound on the relative error of each spectral norm
 * @param spectralMaxIterations Lanczos iterations at most
 * @param svdMaxWork            Schatten norms (exact Jacobi SVD) only for layers with
 *                              min(rows, cols)²·max(rows, cols) at most this (the SVD's cost per sweep)
 * @param delta                 confidence δ of the bounds with constants
 * @param sharpness             Keskar sharpness settings, or null to skip
 * @param pacBayes              PAC-Bayes settings, or null to skip
 * @param conditions            C1–C3 settings, or null to skip
 * @param seed                  seed of every random choice (mini-batches, perturbations)
 */
public record MeasureOptions(double marginPercentile, List<Double> pathNormPs, List<double[]> groupNorms,
    double spectralTolerance, int spectralMaxIterations, long svdMaxWork, double delta,
    Sharpness.Options sharpness, PacBayes.Options pacBayes, PerturbationConditions.Options conditions, long seed) {

  public MeasureOptions {
    if (!(marginPercentile >= 0 && marginPercentile <= 100)) {
      throw new IllegalArgumentException("--margin-percentile must be in [0, 100], got " + marginPercentile);
    }
    for (double p : pathNormPs) if (!(p >= 1) || Double.isInfinite(p)) throw new IllegalArgumentException("path norm p must be finite and >= 1, got " + p);
    for (double[] pq : groupNorms) {
      MatrixNorms.checkExponent("p", pq[0]);
      MatrixNorms.checkExponent("q", pq[1]);
    }
    pathNormPs = List.copyOf(pathNormPs);
    groupNorms = List.copyOf(groupNorms);
  }

  /**
   * The cheap measures: 5th-percentile margin, ℓ1/ℓ1.5/ℓ2 path norms, spectral error ≤ 1e-6, Schatten
   * norms for layers with min²·max ≤ 2²⁸ (about 1.5 s of SVD: 512 × 1024 or 400 × 1600), δ = 0.01.
   */
  public static MeasureOptions defaults() {
    return new MeasureOptions(5, List.of(1.0, 1.5, 2.0), List.of(), 1e-6, 500, 1L << 28, 0.01, null, null, null, 1);
  }

  public MeasureOptions withMarginPercentile(double q) {
    return new MeasureOptions(q, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations, svdMaxWork, delta,
        sharpness, pacBayes, conditions, seed);
  }

  public MeasureOptions withGroupNorms(List<double[]> pq) {
    return new MeasureOptions(marginPercentile, pathNormPs, pq, spectralTolerance, spectralMaxIterations, svdMaxWork,
        delta, sharpness, pacBayes, conditions, seed);
  }

  public MeasureOptions withSvdMaxWork(long work) {
    return new MeasureOptions(marginPercentile, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations, work,
        delta, sharpness, pacBayes, conditions, seed);
  }

  public MeasureOptions withPathNormPs(List<Double> ps) {
    return new MeasureOptions(marginPercentile, ps, groupNorms, spectralTolerance, spectralMaxIterations, svdMaxWork,
        delta, sharpness, pacBayes, conditions, seed);
  }

  public MeasureOptions withSeed(long newSeed) {
    return new MeasureOptions(marginPercentile, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations, svdMaxWork,
        delta, sharpness, pacBayes, conditions, newSeed);
  }

  public MeasureOptions withSharpness(Sharpness.Options s) {
    return new MeasureOptions(marginPercentile, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations,
        svdMaxWork, delta, s, pacBayes, conditions, seed);
  }

  public MeasureOptions withPacBayes(PacBayes.Options p) {
    return new MeasureOptions(marginPercentile, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations,
        svdMaxWork, delta, sharpness, p, conditions, seed);
  }

  public MeasureOptions withConditions(PerturbationConditions.Options c) {
    return new MeasureOptions(marginPercentile, pathNormPs, groupNorms, spectralTolerance, spectralMaxIterations,
        svdMaxWork, delta, sharpness, pacBayes, c, seed);
  }

  /** JSON spelling of an exponent: 1, 1.5, 2, inf. */
  static String exponent(double p) {
    if (Double.isInfinite(p)) return "inf";
    return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%s", p);
  }
}
