package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E2's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class SmallDataVerdictsTest {
  static final String NO_RISE = "Even on a small training set the test error does not rise";
  static final String DECAY = "Weight decay helps only modestly";
  static final String CENSORED = "With censored and noisy labels";
  static final int[] GRID = SmallData.grid(Scale.SMOKE);

  /** Every row fits its training set and its test error falls with H; weight decay changes nothing. */
  static Map<String, CellResult> baseline() {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < GRID.length; i++) {
      double test = 0.3 - 0.02 * i;
      put(r, SmallData.id("original", GRID[i], 0, 1), 0, test);
      for (double wd : SmallData.DECAY) put(r, SmallData.id("original", GRID[i], wd, 1), 0, test);
      put(r, SmallData.id("censored", GRID[i], 0, 1), 0, test + 0.1);
      put(r, SmallData.id("censored-noise", GRID[i], 0, 1), 0, test + 0.15);
    }
    return r;
  }

  static void put(Map<String, CellResult> r, String id, double trainError, double testError) {
    r.put(id, run(id, 0.1, trainError, testError, Map.of()));
  }

  @Test void allHoldOnAWellBehavedSweep() {
    assertAllHold(verdicts(new SmallData(), baseline()), 3);
  }

  @Test void riseWhenTheTestErrorGrowsAtLargeH() {
    Map<String, CellResult> r = baseline();
    int last = GRID.length - 1;
    double worse = 0.3 - 0.02 * (last - 1) + 0.05;
    put(r, SmallData.id("original", GRID[last], 0, 1), 0, worse);
    for (double wd : SmallData.DECAY) put(r, SmallData.id("original", GRID[last], wd, 1), 0, worse);
    assertOnlyFails(verdicts(new SmallData(), r), NO_RISE);
  }

  @Test void weightDecayHelpsMuchWhenItsValidationAndTestErrorsAre5PointsLower() {
    Map<String, CellResult> r = baseline();
    int last = GRID.length - 1;
    put(r, SmallData.id("original", GRID[last], SmallData.DECAY[1], 1), 0, 0.3 - 0.02 * last - 0.05);
    assertOnlyFails(verdicts(new SmallData(), r), DECAY);
  }

  @Test void noFitWhenTheNoisyCensoredRunKeeps5PercentTrainingError() {
    Map<String, CellResult> r = baseline();
    int last = GRID.length - 1;
    put(r, SmallData.id("censored-noise", GRID[last], 0, 1), 0.05, 0.4);
    assertOnlyFails(verdicts(new SmallData(), r), CENSORED);
  }
}
