package org.pathnorm.measures;

/**
 * How far the weights moved from their initialisation W_i⁰ (docs/algorithms.md §2.8), biases excluded;
 * present in a {@link MeasureReport} only when the initial weights were given.
 *
 * @param frobenius       ‖w − w⁰‖₂ = √(Σ_i ‖W_i − W_i⁰‖_F²) over all weight matrices (JSON {@code dist_frobenius})
 * @param spectralProduct Π_i ‖W_i − W_i⁰‖₂, by Lanczos (JSON {@code dist_spectral_product})
 */
public record DistanceFromInit(double frobenius, double spectralProduct) {}
