package org.pathnorm.measures;

/**
 * One value of a group norm requested with {@link MeasureOptions#groupNorms()} (CLI {@code --group-norm p,q}):
 * μ_{p,q}(M) = ( Σ_v ‖M_{→v}‖_p^q )^{1/q}, the ℓq norm over units v of the ℓp norms of their incoming
 * weights (docs/algorithms.md §2.1). What M is depends on where the value appears: one weight layer
 * ({@link LayerMeasures#groupNorms()}), the product over layers ({@link NormProducts#groupNorms()}) or the
 * whole network with biases ({@link NetworkGroupNormValues#requested()}).
 *
 * @param p     the inner exponent p ≥ 1 (may be +∞)
 * @param q     the outer exponent q ≥ 1 (may be +∞)
 * @param value the norm (or product of norms) for this (p, q)
 */
public record GroupNormValue(double p, double q, double value) {}
