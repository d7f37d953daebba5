package org.pathnorm.measures;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * Products over the weight layers W_1 … W_d of per-layer norms, Π_i ‖W_i‖ (docs/algorithms.md §2.1, §2.8),
 * biases excluded as in the reference code. Each product is computed in log space, exp Σ_i ln ‖W_i‖
 * (0 as soon as one factor is 0). In {@link MeasureReport#normalized()} and
 * {@link MeasureReport#normalizedSquared()} the same record holds Π/γ and Π²/γ².
 *
 * @param l1Inf         Π_i μ_{1,∞}(W_i), μ_{1,∞}(W) = max_j Σ_k |W_jk| (JSON {@code l1_inf_product})
 * @param frobenius     Π_i ‖W_i‖_F = Π_i μ_{2,2}(W_i) (JSON {@code frobenius_product})
 * @param l3_1_5        Π_i μ_{3,1.5}(W_i) (JSON {@code l3_1.5_product})
 * @param l2_1          Π_i μ_{2,1}(W_i) = Π_i Σ_j ‖W_{j,:}‖₂ (JSON {@code l2_1_product})
 * @param spectral      Π_i ‖W_i‖₂ = Π_i σ_max(W_i), by Lanczos (JSON {@code spectral_norm_product})
 * @param traceNorm     Π_i Σ_k σ_k(W_i) (Schatten-1); empty when a layer's SVD was skipped by
 *                      {@link MeasureOptions#svdMaxWork()} (JSON {@code trace_norm_product}, null then)
 * @param schatten1_5   Π_i (Σ_k σ_k(W_i)^1.5)^{1/1.5}; empty like {@code traceNorm} (JSON {@code schatten_1.5_product})
 * @param groupNorms    Π_i μ_{p,q}(W_i) for each requested (p, q), in {@link MeasureOptions#groupNorms()} order
 *                      (JSON {@code mu_P_Q_product})
 */
public record NormProducts(double l1Inf, double frobenius, double l3_1_5, double l2_1, double spectral,
    OptionalDouble traceNorm, OptionalDouble schatten1_5, List<GroupNormValue> groupNorms) {

  public NormProducts {
    groupNorms = List.copyOf(groupNorms);
  }

  /** Every value v replaced by f(v) (for the margin-normalised forms). */
  NormProducts map(DoubleUnaryOperator f) {
    return new NormProducts(f.applyAsDouble(l1Inf), f.applyAsDouble(frobenius), f.applyAsDouble(l3_1_5),
        f.applyAsDouble(l2_1), f.applyAsDouble(spectral), map(traceNorm, f), map(schatten1_5, f),
        groupNorms.stream().map(g -> new GroupNormValue(g.p(), g.q(), f.applyAsDouble(g.value()))).toList());
  }

  static OptionalDouble map(OptionalDouble v, DoubleUnaryOperator f) {
    return v.isPresent() ? OptionalDouble.of(f.applyAsDouble(v.getAsDouble())) : OptionalDouble.empty();
  }

  /** NaN (a factor not computed) as empty. */
  static OptionalDouble unlessNaN(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
