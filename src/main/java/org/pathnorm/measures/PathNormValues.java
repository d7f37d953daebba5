package org.pathnorm.measures;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The ℓp path norms φ_p (docs/algorithms.md §2.2) for every p of {@link MeasureOptions#pathNormPs()}, in that
 * order; see {@link PathNormValue}.
 *
 * @param values one entry per requested p
 */
public record PathNormValues(List<PathNormValue> values) {
  public PathNormValues {
    values = List.copyOf(values);
  }

  /**
   * The path norms for exponent p.
   *
   * @throws IllegalArgumentException if p was not among the requested {@link MeasureOptions#pathNormPs()}
   */
  public PathNormValue of(double p) {
    for (PathNormValue v : values) if (Double.compare(v.p(), p) == 0) return v;
    throw new IllegalArgumentException("no l" + p + " path norm was computed; computed: "
        + values.stream().map(v -> Double.toString(v.p())).toList() + " (MeasureOptions.withPathNormPs)");
  }

  PathNormValues map(DoubleUnaryOperator f) {
    return new PathNormValues(values.stream().map(v -> v.map(f)).toList());
  }
}
