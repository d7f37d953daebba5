package org.pathnorm.measures;

/**
 * The capacities of Exploring Generalization (Neyshabur et al. 2017, arXiv 1706.08947) with their
 * constants (docs/algorithms.md §2.3), for a depth-d network with hidden and output widths h_1 … h_d,
 * margin γ and bias-free path norms φ_p.
 *
 * @param l2       4^d Π_i ‖W_i‖_F² / γ² (JSON {@code capacity.l2})
 * @param l1Path   (2^d φ₁)² / γ² (JSON {@code capacity.l1_path})
 * @param l2Path   4^d Π_i h_i φ₂² / γ² (JSON {@code capacity.l2_path})
 * @param spectral Π_i h_i ‖W_i‖₂² / γ² (JSON {@code capacity.spectral})
 */
public record Capacities(double l2, double l1Path, double l2Path, double spectral) {}
