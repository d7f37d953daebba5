package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E12's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class NetworkSizeVerdictsTest {
  static final String NO_RISE = "The test error decreases";
  static final String FLAT = "The ℓ2 and ℓ1-path measures decrease or stay flat";
  static final int[] GRID = NetworkSize.grid(Scale.SMOKE);

  static Map<String, CellResult> sweep(double lastTest, double lastL1Path) {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < GRID.length; i++) {
      boolean last = i == GRID.length - 1;
      String id = NetworkSize.id(GRID[i], 1);
      r.put(id, run(id, 0.005, 0, last ? lastTest : 0.2 - 0.02 * i, Map.of("capacity.l2", 100.0 - 10 * i,
          "capacity.l1_path", last ? lastL1Path : 50.0 - 5 * i, "capacity.l2_path", 30.0 + 10 * i, "capacity.spectral", 20.0 + 20 * i)));
    }
    return r;
  }

  @Test void allHoldWhenTestErrorAndMeasuresFall() {
    assertAllHold(verdicts(new NetworkSize(), sweep(0.2 - 0.02 * (GRID.length - 1), 35)), 2);
  }

  @Test void riseWhenTheLargestNetIs5PointsWorse() {
    assertOnlyFails(verdicts(new NetworkSize(), sweep(0.2 - 0.02 * (GRID.length - 2) + 0.05, 35)), NO_RISE);
  }

  @Test void notFlatWhenTheL1PathMeasureDoubles() {
    assertOnlyFails(verdicts(new NetworkSize(), sweep(0.2 - 0.02 * (GRID.length - 1), 100)), FLAT);
  }

  @Test void flatWithin1Point5Times() {
    // 1.4 × the first value is within the claim's ×1.5 tolerance
    assertAllHold(verdicts(new NetworkSize(), sweep(0.2 - 0.02 * (GRID.length - 1), 70)), 2);
  }
}
