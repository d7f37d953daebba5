package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** E9's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class RandomLabelsVerdictsTest {
  static final String GROWS = "With random labels all four measures grow";
  static final String LOWER = "With true labels the measures stay lower";
  static final String FITS = "The networks fit their training sets";
  static final int[] SIZES = RandomLabels.sizes(Scale.SMOKE);

  /** Random labels: measure k at size i is 10(i+1)(k+1); true labels: (k+1), flat. All fit. */
  static Map<String, CellResult> baseline() {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < SIZES.length; i++) {
      for (boolean random : new boolean[] {false, true}) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (int k = 0; k < RandomLabels.MEASURES.length; k++) v.put("capacity." + RandomLabels.MEASURES[k], (random ? 10.0 * (i + 1) : 1) * (k + 1));
        put(r, SIZES[i], random, 0, v);
      }
    }
    return r;
  }

  static void put(Map<String, CellResult> r, int size, boolean random, double trainError, Map<String, Double> values) {
    String id = RandomLabels.id(size, random, 1);
    r.put(id, run(id, 0.005, trainError, random ? 0.9 : 0.1, values));
  }

  static Map<String, Double> values(Map<String, CellResult> r, int size, boolean random) {
    return new LinkedHashMap<>(r.get(RandomLabels.id(size, random, 1)).values());
  }

  @Test void allHoldWhenRandomLabelsGrowAndTrueLabelsStayLow() {
    assertAllHold(verdicts(new RandomLabels(), baseline()), 3);
  }

  @Test void notGrowingWhenOneRandomMeasureIsFlat() {
    Map<String, CellResult> r = baseline();
    int last = SIZES.length - 1;
    Map<String, Double> v = values(r, SIZES[last], true);
    v.put("capacity.spectral", values(r, SIZES[0], true).get("capacity.spectral"));
    put(r, SIZES[last], true, 0, v);
    assertOnlyFails(verdicts(new RandomLabels(), r), GROWS);
  }

  @Test void notLowerWhenATrueLabelMeasureExceedsTheRandomOne() {
    Map<String, CellResult> r = baseline();
    int last = SIZES.length - 1;
    Map<String, Double> v = values(r, SIZES[last], false);
    v.put("capacity.l2", 1e6);
    put(r, SIZES[last], false, 0, v);
    assertOnlyFails(verdicts(new RandomLabels(), r), LOWER);
  }

  @Test void noFitWhenARandomLabelRunKeeps5PercentTrainingError() {
    Map<String, CellResult> r = baseline();
    put(r, SIZES[1], true, 0.05, values(r, SIZES[1], true));
    assertOnlyFails(verdicts(new RandomLabels(), r), FITS);
  }
}
