package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E11's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class MixedLabelsVerdictsTest {
  static final String WORSE = "Adding random-labelled points raises the test error";
  static final String RISE = "The margin-normalised measures rise with k";
  static final int[] KS = MixedLabels.extras(Scale.SMOKE);

  /** Test error 0.1 + 0.05 i, training error 0, measure m at k_i: (m+1)(i+1). */
  static Map<String, CellResult> baseline() {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < KS.length; i++) put(r, i, 0, 0.1 + 0.05 * i, i + 1);
    return r;
  }

  static void put(Map<String, CellResult> r, int i, double trainError, double testError, double scale) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (int m = 0; m < RandomLabels.MEASURES.length; m++) v.put("capacity." + RandomLabels.MEASURES[m], (m + 1) * scale);
    String id = MixedLabels.id(KS[i], 1);
    r.put(id, run(id, 0.005, trainError, testError, v));
  }

  @Test void allHoldWhenTestErrorAndMeasuresRiseWithK() {
    assertAllHold(verdicts(new MixedLabels(), baseline()), 2);
  }

  @Test void notWorseWhenTheTestErrorStaysFlat() {
    Map<String, CellResult> r = baseline();
    put(r, KS.length - 1, 0, 0.1, KS.length);
    assertOnlyFails(verdicts(new MixedLabels(), r), WORSE);
  }

  @Test void notWorseWhenTheLargestUnionIsNotFitted() {
    Map<String, CellResult> r = baseline();
    put(r, KS.length - 1, 0.05, 0.1 + 0.05 * (KS.length - 1), KS.length);
    assertOnlyFails(verdicts(new MixedLabels(), r), WORSE);
  }

  @Test void measuresDoNotRiseWhenTheyFallWithK() {
    Map<String, CellResult> r = baseline();
    put(r, KS.length - 1, 0, 0.1 + 0.05 * (KS.length - 1), 0.5);
    assertOnlyFails(verdicts(new MixedLabels(), r), RISE);
  }
}
