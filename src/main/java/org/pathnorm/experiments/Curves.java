package org.pathnorm.experiments;

import java.util.List;
import java.util.function.Function;

/** Mean and spread (standard deviation) over seeds, epoch by epoch or of one number per run. */
final class Curves {
  private Curves() {}

  /** Element-wise mean over runs, up to the shortest run (a diverged run ends early). */
  static double[] mean(List<CellResult> runs, Function<CellResult, double[]> curve) {
    int n = shortest(runs, curve);
    double[] m = new double[n];
    for (CellResult r : runs) for (int e = 0; e < n; e++) m[e] += curve.apply(r)[e] / runs.size();
    return m;
  }

  /** Element-wise standard deviation over runs (0 for one run). */
  static double[] spread(List<CellResult> runs, Function<CellResult, double[]> curve) {
    double[] m = mean(runs, curve);
    double[] s = new double[m.length];
    if (runs.size() < 2) return s;
    for (CellResult r : runs) for (int e = 0; e < m.length; e++) s[e] += Math.pow(curve.apply(r)[e] - m[e], 2) / (runs.size() - 1);
    for (int e = 0; e < s.length; e++) s[e] = Math.sqrt(s[e]);
    return s;
  }

  static double meanOf(List<CellResult> runs, java.util.function.ToDoubleFunction<CellResult> value) {
    double m = 0;
    for (CellResult r : runs) m += value.applyAsDouble(r) / runs.size();
    return m;
  }

  static double spreadOf(List<CellResult> runs, java.util.function.ToDoubleFunction<CellResult> value) {
    if (runs.size() < 2) return 0;
    double m = meanOf(runs, value);
    double s = 0;
    for (CellResult r : runs) s += Math.pow(value.applyAsDouble(r) - m, 2) / (runs.size() - 1);
    return Math.sqrt(s);
  }

  /** 1, 2, …, n (epochs). */
  static double[] epochs(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = i + 1;
    return x;
  }

  private static int shortest(List<CellResult> runs, Function<CellResult, double[]> curve) {
    int n = Integer.MAX_VALUE;
    for (CellResult r : runs) n = Math.min(n, curve.apply(r).length);
    return runs.isEmpty() ? 0 : n;
  }
}
