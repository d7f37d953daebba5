package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;

import org.junit.jupiter.api.Test;

/** E5's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class DdpVerdictsTest {
  static final String ALPHA_ONE = "DDP-SGD at α = 1 is Path-SGD";
  static final String INVARIANT = "DDP-SGD is invariant to node rescaling";
  static final String DATA_DEPENDENT = "A data-dependent variant (α < 1) reaches a lower";

  /** DDP α = 1 coincides with Path-SGD, DDP α = 0.5 with its unbalanced run; α = 0.5 ends lowest. */
  static OptimizerVerdicts baseline() {
    return new OptimizerVerdicts(new DdpComparison())
        .putAll(0.1, 1, 0.6, 0.3)
        .put("Path-SGD", 0.1, 1, 0.4, 0.1)
        .put("DDP-SGD alpha=1", 0.1, 1, 0.4, 0.1)
        .put("DDP-SGD alpha=0.5", 0.1, 1, 0.3, 0.05)
        .put("DDP-SGD alpha=0.5 unbalanced", 0.1, 1, 0.3, 0.05)
        .put("DDP-SGD alpha=0.5, 1-ulp perturbed", 0.1, 1, 0.3, 0.05);
  }

  @Test void allHoldWhenTheIdentitiesHoldAndAlphaHalfWins() {
    assertAllHold(baseline().verdicts(), 3);
  }

  @Test void alphaOneIsNotPathSgdWhenTheCurvesDiffer() {
    assertOnlyFails(baseline().put("DDP-SGD alpha=1", 0.1, 1, 0.41, 0.1).verdicts(), ALPHA_ONE);
  }

  @Test void notInvariantWhenTheUnbalancedCurveDiffers() {
    assertOnlyFails(baseline().put("DDP-SGD alpha=0.5 unbalanced", 0.1, 1, 0.35, 0.05).verdicts(), INVARIANT);
  }

  @Test void noDataDependentGainWhenEveryAlphaBelowOneEndsAbovePathSgd() {
    OptimizerVerdicts o = baseline();
    for (String v : new String[] {"DDP-SGD alpha=0.5", "DDP-SGD alpha=0.5 unbalanced", "DDP-SGD alpha=0.5, 1-ulp perturbed"}) o.put(v, 0.1, 1, 0.3, 0.2);
    assertOnlyFails(o.verdicts(), DATA_DEPENDENT);
  }

  @Test void aDataDependentNormalisationAlsoCounts() {
    OptimizerVerdicts o = baseline();
    for (String v : new String[] {"DDP-SGD alpha=0.5", "DDP-SGD alpha=0.5 unbalanced", "DDP-SGD alpha=0.5, 1-ulp perturbed"}) o.put(v, 0.1, 1, 0.3, 0.2);
    assertAllHold(o.put("DDP-Norm alpha=0 covariance (BN)", 0.1, 1, 0.3, 0.08).verdicts(), 3);
  }
}
