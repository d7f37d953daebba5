package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The experiments by name, and the quick suite that {@code pathnorm reproduce} runs without arguments. */
public final class Experiments {
  private Experiments() {}

  private static final Map<String, Experiment> ALL = new LinkedHashMap<>();

  static {
    for (Experiment e : List.of(new HiddenUnits(), new SmallData(), new Unbalanced(), new PathSgdComparison(), new DdpComparison(), new RandomLabels(),
        new SharpnessExperiment(), new MixedLabels(), new NetworkSize(), new Conditions(), new RnnKappaExperiment(), new Addition(),
        new SequentialMnist(), new CharLm(), new MeasureRanking())) ALL.put(e.name(), e);
  }

  /** The names of every experiment, in docs/algorithms.md §4 order. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** The quick suite: hidden units, Path-SGD vs SGD from the unbalanced init, and measures vs random labels. */
  public static List<String> quick() {
    return List.of("hidden-units", "unbalanced", "random-labels");
  }

  public static List<Experiment> byName(List<String> names) {
    List<Experiment> list = new ArrayList<>();
    for (String n : names) {
      Experiment e = ALL.get(n.trim());
      if (e == null) throw new IllegalArgumentException("reproduce: unknown experiment '" + n + "'; expected one of " + names());
      if (!list.contains(e)) list.add(e);
    }
    return list;
  }
}
