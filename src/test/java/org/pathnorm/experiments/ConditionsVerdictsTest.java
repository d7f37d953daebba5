package org.pathnorm.experiments;

import static org.pathnorm.experiments.MadeUpResults.assertAllHold;
import static org.pathnorm.experiments.MadeUpResults.assertOnlyFails;
import static org.pathnorm.experiments.MadeUpResults.run;
import static org.pathnorm.experiments.MadeUpResults.verdicts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnorm.measures.PerturbationConditions;

/** E13's verdicts on hand-made results: one case where each claim holds and one where it does not. */
class ConditionsVerdictsTest {
  static final String C1 = "C1:";
  static final String C2 = "C2:";
  static final String C3 = "C3:";
  static final List<Double> EPS = PerturbationConditions.Options.defaults().epsilons();
  static final int LAYERS = Conditions.depth(Scale.SMOKE) - 1;

  /** C1 max 10 after training, flips growing with ε, C3 medians 1.1 on every layer. */
  static Map<String, Double> baseline() {
    Map<String, Double> v = new LinkedHashMap<>();
    for (String when : new String[] {"init.", "trained."}) {
      v.put(when + "c1.max", 10.0);
      v.put(when + "c1.median", 2.0);
      v.put(when + "c1.p95", 5.0);
      for (int i = 0; i < EPS.size(); i++) v.put(when + "c2.flips@" + EPS.get(i), 0.01 * (i + 1));
      for (int l = 0; l < LAYERS; l++) v.put(when + "c3." + l + ".median", 1.1);
    }
    return v;
  }

  static List<Verdict> verdictsOf(Map<String, Double> values) {
    return verdicts(new Conditions(), Map.of("deep-s1", run("deep-s1", 0.005, 0, 0.1, values)));
  }

  @Test void allHoldOnModerateConditions() {
    assertAllHold(verdictsOf(baseline()), 3);
  }

  @Test void c1FailsWhenTheConditionNumberExceeds100() {
    Map<String, Double> v = baseline();
    v.put("trained.c1.max", 500.0);
    assertOnlyFails(verdictsOf(v), C1);
  }

  @Test void c2FailsWhenTheFlipsFallAtOneEpsilon() {
    Map<String, Double> v = baseline();
    v.put("trained.c2.flips@" + EPS.get(EPS.size() - 1), 0.0);
    assertOnlyFails(verdictsOf(v), C2);
  }

  @Test void c3FailsWhenOneLayersMedianIs80PercentAboveItsMean() {
    Map<String, Double> v = baseline();
    v.put("trained.c3." + (LAYERS - 1) + ".median", 1.8);
    assertOnlyFails(verdictsOf(v), C3);
  }

  @Test void onlyTheTrainedWeightsDecide() {
    Map<String, Double> v = baseline();
    v.put("init.c1.max", 500.0);
    v.put("init.c3.0.median", 3.0);
    assertAllHold(verdictsOf(v), 3);
  }
}
