package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;

import org.junit.jupiter.api.Test;

/** E4's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class PathSgdVerdictsTest {
  static final String INVARIANT = "Path-SGD's curves from the balanced and the unbalanced init coincide";
  static final String LOWER_LOSS = "From the unbalanced init, Path-SGD reaches";
  static final String LOWER_LOSS_DROPOUT = "From the unbalanced init, with dropout, Path-SGD reaches";
  static final String TEST_ERROR = "Path-SGD's test error is better than or comparable";

  /** Path-SGD ends at loss 0.1 and 10% test error; SGD and AdaGrad at 0.3 and 12% / 11%. */
  static OptimizerVerdicts baseline() {
    OptimizerVerdicts o = new OptimizerVerdicts(new PathSgdComparison());
    for (String suffix : new String[] {" balanced", " unbalanced", " balanced dropout", " unbalanced dropout"}) {
      o.put("Path-SGD" + suffix, 0.10, 1, 0.4, 0.1).put("SGD" + suffix, 0.12, 1, 0.6, 0.3).put("AdaGrad" + suffix, 0.11, 1, 0.6, 0.3);
    }
    return o.put("Path-SGD balanced, 1-ulp perturbed", 0.10, 1, 0.4, 0.1);
  }

  @Test void allHoldWhenPathSgdWins() {
    assertAllHold(baseline().verdicts(), 4);
  }

  @Test void notInvariantWhenTheUnbalancedCurveDiffers() {
    assertOnlyFails(baseline().put("Path-SGD unbalanced", 0.10, 1, 0.5, 0.1).verdicts(), INVARIANT);
  }

  @Test void notLowerWhenAdaGradEndsBelowPathSgd() {
    assertOnlyFails(baseline().put("AdaGrad unbalanced", 0.11, 1, 0.3, 0.05).verdicts(), LOWER_LOSS);
  }

  @Test void notLowerWithDropoutWhenSgdEndsBelowPathSgd() {
    assertOnlyFails(baseline().put("SGD unbalanced dropout", 0.12, 1, 0.3, 0.05).verdicts(), LOWER_LOSS_DROPOUT);
  }

  @Test void notComparableWhenPathSgdsTestErrorIs4PointsWorse() {
    assertOnlyFails(baseline().put("Path-SGD balanced", 0.15, 1, 0.4, 0.1).put("Path-SGD balanced, 1-ulp perturbed", 0.15, 1, 0.4, 0.1)
        .verdicts(), TEST_ERROR);
  }

  @Test void comparableWithinOnePoint() {
    assertAllHold(baseline().put("Path-SGD balanced", 0.115, 1, 0.4, 0.1).verdicts(), 4);
  }
}
