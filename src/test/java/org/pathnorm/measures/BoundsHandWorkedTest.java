package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;

/**
 * Every bound (docs/algorithms.md §2.6, §2.8, §2.9) and every capacity (§2.3, §2.4) of a 2-2-2 network
 * whose norms are known by hand: U = diag(1, 2), V = diag(3, 1), no biases, the init all zeros (so
 * W − W⁰ = W), on the two points e₁ (class 0) and e₂ (class 1).
 *
 * <p>By hand: outputs V·relu(U e₁) = (3, 0) and V·relu(U e₂) = (0, 2), so the margins are 3 and 2 and
 * the 5th-percentile margin is γ = 2 + 0.05·(3 − 2) = 2.05, with L̂_γ = ½ (the margin 2 is not above γ).
 * ‖U‖_F² = 5, ‖V‖_F² = 10; ‖U‖₂ = 2, ‖V‖₂ = 3; μ_{1,∞}: 2 and 3 (largest row sum); μ_{2,1}: 3 and 4
 * (sum of row norms); μ_{3,1.5}: (1 + 2^1.5)^{2/3} and (3^1.5 + 1)^{2/3}. Path norms without bias
 * paths: φ₁ = 1·3 + 2·1 = 5, φ₂² = 1·9 + 4·1 = 13. Data: mean and max ‖x‖² = 1; one loader batch
 * whose largest entry is 1, so the batch-max term is 1²/2. d = 2, D = 2, h = 2, c = 2, m = 2, 12
 * parameters, δ = 0.01.
 */
class BoundsHandWorkedTest {
  private static final double TOL = 1e-6;

  private static MeasureReport report() {
    Architecture a = new Architecture(2, 2, 2);
    //                                   U          b₁    V          b₂
    Network net = new Network(a, new float[] {1, 0, 0, 2, 0, 0, 3, 0, 0, 1, 0, 0});
    Network init = new Network(a);
    Dataset data = new Dataset("e1 e2", new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2, 2);
    return Measures.compute(net, init, data, MeasureOptions.defaults());
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, TOL * Math.abs(expected), what);
  }

  @Test
  void marginAndNormsAreTheHandValues() {
    MeasureReport r = report();
    close(2.05, r.margin(), "gamma");
    close(Math.sqrt(5) * Math.sqrt(10), r.products().frobenius(), "Frobenius product");
    close(6, r.products().spectral(), "spectral product");
    close(6, r.products().l1Inf(), "l1,inf product");
    close(5, r.pathNorms().of(1).withoutBiases(), "phi_1");
    close(Math.sqrt(13), r.pathNorms().of(2).withoutBiases(), "phi_2");
  }

  @Test
  void capacitiesAreTheHandValues() {
    Capacities c = report().capacity();
    double g2 = 2.05 * 2.05;
    close(16 * 50 / g2, c.l2(), "l2: 4^d ‖U‖_F²‖V‖_F² / γ²");
    close(4 * 4 * 25 / g2, c.l1Path(), "l1_path: 2^d 2^d φ₁² / γ²");
    close(16 * 4 * 13 / g2, c.l2Path(), "l2_path: 4^d h₁h₂ φ₂² / γ²");
    close(4 * 36 / g2, c.spectral(), "spectral: h₁h₂ Π‖W‖₂² / γ²");
  }

  @Test
  void referenceCodeBoundsAreTheHandValues() {
    BoundValues b = report().bounds();
    double gamma = 2.05, alphaG = Math.sqrt(2 + Math.log(2));
    close(alphaG * 6 / (gamma * Math.sqrt(2)), b.l1MaxGolowich(), "l1_max Golowich");
    close(alphaG * Math.sqrt(50) / (gamma * Math.sqrt(2)), b.frobeniusGolowich(), "Frobenius Golowich");
    double l315 = Math.pow(1 + Math.pow(2, 1.5), 2.0 / 3) * Math.pow(Math.pow(3, 1.5) + 1, 2.0 / 3);
    close(alphaG * l315 / (gamma * Math.cbrt(2)), b.l3_1_5Golowich(), "l3,1.5 Golowich");
    double bartlett = Math.pow(1.5, 2.0 / 3) + Math.pow(4.0 / 3, 2.0 / 3);   // (μ_{2,1}(W − W⁰) / ‖W‖₂)^{2/3}
    close(Math.log(2) * Math.log(12) * 6 * Math.pow(bartlett, 1.5) / (gamma * Math.sqrt(2)), b.specL21Bartlett2017().getAsDouble(),
        "spec_l21 Bartlett 2017");
    double specFro = 2 * 5 / 4.0 + 2 * 10 / 9.0;   // rows · ‖W − W⁰‖_F² / ‖W‖₂²
    close(2 * 6 * Math.sqrt(specFro) / (gamma * Math.sqrt(2)), b.specFroNeyshabur2018().getAsDouble(), "spec_fro Neyshabur 2018");
  }

  @Test
  void boundsWithConstantsAreTheHandValues() {
    BoundValues b = report().bounds();
    double gamma = 2.05, delta = 0.01, e = Math.E;
    // ICLR'18 Theorem 1 by its proof: β = √6, σ = γ / (42 d B β √(h ln(4hd))), KL = β² Σ‖W‖_F²/‖W‖₂² / (2σ²)
    double sigma = gamma / (42 * 2 * 1 * Math.sqrt(6) * Math.sqrt(2 * Math.log(16)));
    double kl = 6 * (5 / 4.0 + 10 / 9.0) / (2 * sigma * sigma);
    close(0.5 + 4 * Math.sqrt(kl + Math.log(6 * 2 / delta)), b.specFroNeyshabur2018PacBayesWithConstants(), "PAC-Bayes theorem");
    double vcDim = 2 + 12 * log2(8 * e * 6 * log2(4 * e * 6)) * 18 / 12;
    close(8 * 2 * vcDim + 8 * Math.log(2 / delta), b.vcWithConstants().getAsDouble(), "VC (m/VCdim < 1, so ln(e·1) = 1)");
    double tail = 3 * Math.sqrt(Math.log(2 / delta));
    close(sq(8 * 2 * 2 * 3 * 2 * Math.sqrt(Math.log(2)) * Math.sqrt(0.5) / gamma + tail), b.l1MaxBartlettMendelsonWithConstants().getAsDouble(),
        "l1_max Bartlett-Mendelson");
    close(sq(8 * Math.sqrt(2) * Math.sqrt(5) * Math.sqrt(10) * 1 / gamma + tail), b.frobeniusNeyshabur2015WithConstants().getAsDouble(),
        "Frobenius Neyshabur 2015");
    double r = 144 * Math.log(2) * Math.log(24) * (1 + 1 / Math.sqrt(2)) * Math.pow(Math.pow(3 * 3, 2.0 / 3) + Math.pow(2 * 4, 2.0 / 3), 1.5)
        / gamma;
    double logs = 4.5 * Math.log(1 / delta) + Math.log(4 / gamma) + 2 * Math.log(2 + Math.sqrt(2))
        + 2 * Math.log((2 + 2 * Math.sqrt(5)) * (2 + 2 * Math.sqrt(10)) * (2 + 4) * (2 + 6));
    close(sq(r + Math.sqrt(logs)), b.specL21Bartlett2017WithConstants().getAsDouble(), "spec_l21 Bartlett 2017 with constants");
    double rf = 42 * 8 * 2 * Math.sqrt(Math.log(16)) * 1 * Math.sqrt(2 * sq(3 * Math.sqrt(5)) + 2 * sq(2 * Math.sqrt(10)))
        / (Math.sqrt(2) * gamma);
    close(rf * rf + 6 * Math.log(4 / delta), b.specFroNeyshabur2018WithConstants().getAsDouble(), "spec_fro Neyshabur 2018 with constants");
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sq(double x) {
    return x * x;
  }
}
