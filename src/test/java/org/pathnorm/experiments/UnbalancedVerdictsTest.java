package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;

import org.junit.jupiter.api.Test;

/** E3's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class UnbalancedVerdictsTest {
  static final String INVARIANT = "Path-SGD's curves from the balanced and the unbalanced init coincide";
  static final String SGD_SLOWER = "SGD is not invariant";

  /** Path-SGD's three runs coincide; SGD from the unbalanced init ends at 5× the balanced loss. */
  static OptimizerVerdicts baseline() {
    return new OptimizerVerdicts(new Unbalanced())
        .put("SGD balanced", 0.1, 1, 0.5, 0.2)
        .put("SGD unbalanced", 0.2, 2, 1.5, 1.0)
        .put("Path-SGD balanced", 0.1, 1, 0.4, 0.1)
        .put("Path-SGD unbalanced", 0.1, 1, 0.4, 0.1)
        .put("Path-SGD balanced, 1-ulp perturbed", 0.1, 1, 0.4, 0.1);
  }

  @Test void allHoldWhenPathSgdCoincidesAndSgdLags() {
    assertAllHold(baseline().verdicts(), 2);
  }

  @Test void notInvariantWhenTheUnbalancedCurveDiffersBy10Percent() {
    assertOnlyFails(baseline().put("Path-SGD unbalanced", 0.1, 1, 0.44, 0.1).verdicts(), INVARIANT);
  }

  @Test void theOneUlpFloorWidensTheThreshold() {
    // the same 10% gap is within 10× the gap that a 1-ulp perturbation alone produces (5%)
    assertAllHold(baseline().put("Path-SGD unbalanced", 0.1, 1, 0.44, 0.1)
        .put("Path-SGD balanced, 1-ulp perturbed", 0.1, 1, 0.42, 0.1).verdicts(), 2);
  }

  @Test void sgdInvariantWhenItsUnbalancedLossIsWithin10Percent() {
    assertOnlyFails(baseline().put("SGD unbalanced", 0.1, 1, 0.5, 0.21).verdicts(), SGD_SLOWER);
  }
}
