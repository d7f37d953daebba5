package org.pathnorm.measures;

import java.util.OptionalDouble;

/**
 * The generalisation bounds of {@link Bounds} evaluated on one network: depth d, m training samples,
 * margin γ, input dimension D, α_G = √(d + ln D), biases ignored in every norm. The first five are the
 * reference-code forms with constants and additive log terms dropped (docs/algorithms.md §2.8); the
 * {@code …WithConstants} ones are the full expressions (docs/algorithms.md §2.6, §2.9), δ =
 * {@link MeasureOptions#delta()}. A bound is empty when it needs the initial weights W_i⁰ and none were
 * given, or (the §2.9 ones) when the network is not a two-layer network x → U → ReLU → V.
 *
 * @param l1MaxGolowich         α_G Π_i μ_{1,∞}(W_i) / (γ √m) (JSON {@code bounds.l1_max_golowich})
 * @param frobeniusGolowich     α_G Π_i ‖W_i‖_F / (γ √m) (JSON {@code bounds.frobenius_golowich})
 * @param l3_1_5Golowich        α_G Π_i μ_{3,1.5}(W_i) / (γ m^{1/3}) (JSON {@code bounds.l3_1.5_golowich})
 * @param specL21Bartlett2017   ln m · ln(#params) · Π_i ‖W_i‖₂ · (Σ_i (‖W_i − W_i⁰‖_{2,1} / ‖W_i‖₂)^{2/3})^{3/2} / (γ √m);
 *                              needs W⁰ (JSON {@code bounds.spec_l21_bartlett2017})
 * @param specFroNeyshabur2018  d · Π_i ‖W_i‖₂ · √(Σ_i h_i ‖W_i − W_i⁰‖_F² / ‖W_i‖₂²) / (γ √m), h_i the output
 *                              width of layer i; needs W⁰ (JSON {@code bounds.spec_fro_neyshabur2018})
 * @param specFroNeyshabur2018PacBayesWithConstants
 *                              L̂_γ + 4 √((KL + ln(6m/δ)) / (m − 1)), KL = β² Σ_i ‖W_i‖_F²/‖W_i‖₂² / (2σ²),
 *                              β = (Π_i ‖W_i‖₂)^{1/d}, σ = γ / (42 d B β^{d−1} √(h ln(4hd))), B = max ‖x‖₂,
 *                              h the largest width (docs/algorithms.md §2.6; JSON
 *                              {@code bounds.spec_fro_neyshabur2018_pac_bayes_with_constants})
 * @param vcWithConstants       8 (c · VC · ln(e · max(m/VC, 1))) + 8 ln(2/δ), VC the parameter-count VC
 *                              dimension of the two-layer net with c outputs; two-layer only
 *                              (JSON {@code bounds.vc_with_constants})
 * @param l1MaxBartlettMendelsonWithConstants
 *                              (8c μ_{1,∞}(U) μ_{1,∞}(V) · 2√(ln D) · √(mean batch max x²) / γ + 3√(ln(m/δ)))²;
 *                              two-layer only (JSON {@code bounds.l1_max_bartlett_mendelson_with_constants})
 * @param frobeniusNeyshabur2015WithConstants
 *                              (8√c ‖U‖_F ‖V‖_F √(mean ‖x‖₂²) / γ + 3√(ln(m/δ)))²; two-layer only
 *                              (JSON {@code bounds.frobenius_neyshabur2015_with_constants})
 * @param specL21Bartlett2017WithConstants
 *                              the §2.9 spectral–ℓ2,1 expression ((‖V‖₂ ‖U − U⁰‖_{2,1})^{2/3} + (‖U‖₂ ‖V − V⁰‖_{2,1})^{2/3})^{3/2}
 *                              with its constants and log terms; two-layer only, needs W⁰
 *                              (JSON {@code bounds.spec_l21_bartlett2017_with_constants})
 * @param specFroNeyshabur2018WithConstants
 *                              (42·8 ‖U‖₂ √(ln 8h) · max ‖x‖₂ · √(h (‖V‖₂ ‖U − U⁰‖_F)² + c (‖U‖₂ ‖V − V⁰‖_F)²) / (√2 γ))²
 *                              + 6 ln(2m/δ); two-layer only, needs W⁰
 *                              (JSON {@code bounds.spec_fro_neyshabur2018_with_constants})
 */
public record BoundValues(double l1MaxGolowich, double frobeniusGolowich, double l3_1_5Golowich,
    OptionalDouble specL21Bartlett2017, OptionalDouble specFroNeyshabur2018,
    double specFroNeyshabur2018PacBayesWithConstants, OptionalDouble vcWithConstants,
    OptionalDouble l1MaxBartlettMendelsonWithConstants, OptionalDouble frobeniusNeyshabur2015WithConstants,
    OptionalDouble specL21Bartlett2017WithConstants, OptionalDouble specFroNeyshabur2018WithConstants) {}
