package org.pathnorm.measures;

import java.util.function.DoubleUnaryOperator;

/**
 * The margin-normalised measures (docs/algorithms.md §2.4, §2.8): every norm product and every path norm K
 * divided by the margin γ. {@link MeasureReport#normalized()} holds K/γ (the reference code's un-squared
 * convention), {@link MeasureReport#normalizedSquared()} K²/γ² (the Exploring-Generalization plots).
 * The whole-network group norms and the distances from init are not normalised.
 *
 * @param products  Π_i ‖W_i‖ / γ, or its square over γ², for each product of {@link NormProducts}
 * @param pathNorms φ_p / γ, or φ_p² / γ², for each p of {@link PathNormValues}
 */
public record NormalizedMeasures(NormProducts products, PathNormValues pathNorms) {
  /** Both families with every value v replaced by f(v). */
  static NormalizedMeasures of(NormProducts products, PathNormValues pathNorms, DoubleUnaryOperator f) {
    return new NormalizedMeasures(products.map(f), pathNorms.map(f));
  }
}
