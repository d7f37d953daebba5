package org.pathnorm.measures;

import java.util.List;

/**
 * Whole-network group norms μ_{p,q}(w) = ( Σ_{v ∉ V_in} ‖w_{→v}‖_p^q )^{1/q} over every non-input unit v,
 * where w_{→v} holds v's incoming weights <em>and its bias</em> (docs/algorithms.md §2.1, {@link NetworkGroupNorms}).
 *
 * @param mu2_2     μ_{2,2}(w), the ℓ2 norm of all parameters (weight decay's norm; JSON {@code network_mu_2_2})
 * @param mu1_inf   μ_{1,∞}(w) = max_v ‖w_{→v}‖₁ (JSON {@code network_mu_1_inf})
 * @param mu2_inf   μ_{2,∞}(w) = max_v ‖w_{→v}‖₂, the per-unit max-norm (JSON {@code network_mu_2_inf})
 * @param mu3_1_5   μ_{3,1.5}(w) (JSON {@code network_mu_3_1.5})
 * @param requested μ_{p,q}(w) for each (p, q) of {@link MeasureOptions#groupNorms()}, in that order
 *                  (JSON {@code network_mu_P_Q})
 */
public record NetworkGroupNormValues(double mu2_2, double mu1_inf, double mu2_inf, double mu3_1_5,
    List<GroupNormValue> requested) {
  public NetworkGroupNormValues {
    requested = List.copyOf(requested);
  }
}
