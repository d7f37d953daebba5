package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnorm.measures.PacBayes;

/** E10's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class SharpnessVerdictsTest {
  static final String RANDOM_MOVES = "With random labels the PAC-Bayes frontier moves up";
  static final String TRUE_FLAT = "With true labels the frontier for larger m is lower or flat";
  static final String NO_SEPARATION = "Sharpness alone does not separate";
  static final int[] SIZES = RandomLabels.sizes(Scale.SMOKE);
  static final int ALPHAS = PacBayes.Options.paper().alphas().size();

  /** One cell's values: sharpness, and KL and expected sharpness at every α (same at every α). */
  static Map<String, Double> values(double sharpness, double kl, double expectedSharpness) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("sharpness", sharpness);
    for (int a = 0; a < ALPHAS; a++) {
      v.put("pac_bayes." + a + ".kl", kl);
      v.put("pac_bayes." + a + ".expected_sharpness", expectedSharpness);
    }
    return v;
  }

  /** Random labels: KL 10(i+1), expected sharpness 0.1(i+1); true labels: flat; sharpness 1 vs 1.2. */
  static Map<String, CellResult> baseline() {
    Map<String, CellResult> r = new HashMap<>();
    for (int i = 0; i < SIZES.length; i++) {
      put(r, SIZES[i], false, values(1.0, 5, 0.1));
      put(r, SIZES[i], true, values(1.2 * (i + 1), 10.0 * (i + 1), 0.1 * (i + 1)));
    }
    return r;
  }

  static void put(Map<String, CellResult> r, int size, boolean random, Map<String, Double> values) {
    String id = RandomLabels.id(size, random, 1);
    r.put(id, run(id, 0.005, 0, random ? 0.9 : 0.1, values));
  }

  @Test void allHoldOnTheExpectedFrontiers() {
    assertAllHold(verdicts(new SharpnessExperiment(), baseline()), 3);
  }

  @Test void randomFrontierStaysWhenItsKlDoesNotGrow() {
    Map<String, CellResult> r = baseline();
    int last = SIZES.length - 1;
    put(r, SIZES[last], true, values(1.2 * (last + 1), 10.0, 0.1 * (last + 1)));
    assertOnlyFails(verdicts(new SharpnessExperiment(), r), RANDOM_MOVES);
  }

  @Test void trueFrontierRisesWhenItsExpectedSharpnessDoubles() {
    Map<String, CellResult> r = baseline();
    put(r, SIZES[SIZES.length - 1], false, values(1.0, 5, 0.2));
    assertOnlyFails(verdicts(new SharpnessExperiment(), r), TRUE_FLAT);
  }

  @Test void sharpnessSeparatesWhenRandomIsTwiceTrueAtSmallM() {
    Map<String, CellResult> r = baseline();
    put(r, SIZES[0], true, values(2.0, 10.0, 0.1));
    assertOnlyFails(verdicts(new SharpnessExperiment(), r), NO_SEPARATION);
  }
}
