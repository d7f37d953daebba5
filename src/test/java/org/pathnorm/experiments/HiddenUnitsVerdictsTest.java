package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.curve;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E1's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class HiddenUnitsVerdictsTest {
  static final String FITS = "The training error reaches 0";
  static final String NO_U = "The test error does not increase with H";
  static final String EARLY = "Early stopping changes little";
  static final int[] GRID = HiddenUnits.grid(Scale.SMOKE);

  /** Training error reaches 0 from the 5th H on; the test error falls with H; validation follows test. */
  static Map<String, CellResult> baseline() {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < GRID.length; i++) r.put(id(i), run(id(i), 0.1, Math.max(0, 0.2 - 0.05 * i), 0.3 - 0.02 * i, Map.of()));
    return r;
  }

  static String id(int i) {
    return "h" + GRID[i] + "-s1";
  }

  @Test void allHoldOnAWellBehavedSweep() {
    assertAllHold(verdicts(new HiddenUnits(), baseline()), 3);
  }

  @Test void noFitWhenTheTrainingErrorStaysAbove0() {
    Map<String, CellResult> r = baseline();
    for (int i = 0; i < GRID.length; i++) r.put(id(i), run(id(i), 0.1, 0.02, 0.3 - 0.02 * i, Map.of()));
    assertOnlyFails(verdicts(new HiddenUnits(), r), FITS);
  }

  @Test void uShapeWhenTheTestErrorRisesAtLargeH() {
    Map<String, CellResult> r = baseline();
    int last = GRID.length - 1;
    r.put(id(last), run(id(last), 0.1, 0, 0.3 - 0.02 * (last - 1) + 0.05, Map.of()));
    assertOnlyFails(verdicts(new HiddenUnits(), r), NO_U);
  }

  @Test void earlyStoppingMattersWhenValidationPicksAnEarlyEpoch() {
    Map<String, CellResult> r = baseline();
    int last = GRID.length - 1;
    double test = 0.3 - 0.02 * last;
    // least validation error at epoch 1, where the test error is 40 points higher than at the end
    r.put(id(last), run(id(last), curve(0.1), curve(0), new double[] {0.01, 0.5, 0.5}, curve(test), "completed"));
    assertOnlyFails(verdicts(new HiddenUnits(), r), EARLY);
  }

  @Test void undecidedWhenARunDiverged() {
    Map<String, CellResult> r = baseline();
    r.put(id(0), run(id(0), curve(0.1), curve(0.2), curve(0.3), curve(0.3), "diverged at epoch 3"));
    List<Verdict> v = verdicts(new HiddenUnits(), r);
    for (Verdict x : v) assertNull(x.holds(), () -> "expected undecided: " + x);
  }
}
