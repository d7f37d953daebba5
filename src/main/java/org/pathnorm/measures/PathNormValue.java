package org.pathnorm.measures;

import java.util.function.DoubleUnaryOperator;

/**
 * The ℓp path norm for one p (docs/algorithms.md §2.2): φ_p(w) = (Σ_paths Π_{e∈path} |w_e|^p)^{1/p}, the sum
 * over the paths that end at an output unit. In {@link MeasureReport#normalized()} and
 * {@link MeasureReport#normalizedSquared()} the same record holds φ_p/γ and φ_p²/γ².
 *
 * @param p             the exponent, finite and ≥ 1
 * @param withBiases    φ_p over the paths from every input <em>and every bias node</em> (the reference
 *                      code's convention; JSON {@code lP_path_norm})
 * @param withoutBiases φ_p over the input → output paths only (JSON {@code lP_path_norm_no_bias})
 */
public record PathNormValue(double p, double withBiases, double withoutBiases) {
  PathNormValue map(DoubleUnaryOperator f) {
    return new PathNormValue(p, f.applyAsDouble(withBiases), f.applyAsDouble(withoutBiases));
  }
}
