package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The granulated Kendall coefficient of Jiang et al. (arXiv 1912.02178, §4.2): for hyperparameter axis i, the
 * networks are grouped by the values of all the other axes; within each group only axis i varies, and
 * ψ_i = (1/m_i) Σ_groups τ(measure, gap | group), over the m_i groups of 2 or more networks ({@link KendallTau#paper}).
 * Ψ = (1/k) Σ_i ψ_i over the k axes whose ψ_i is defined. On a grid that varies one axis at a time around a base point,
 * axis i has one such group per seed: the base point and its variants along i. A coordinate of the points that is not
 * an axis (the seed) separates groups like any other, so networks that differ only in it are never compared: their
 * order would measure the noise between seeds, not the effect of axis i.
 */
public final class GranulatedTau {
  private GranulatedTau() {}

  /** One network: its hyperparameters (axis → value), the measure's value and the generalisation gap. */
  public record Point(Map<String, String> hyperparameters, double measure, double gap) {}

  /** ψ_i for every axis (in the order of {@code axes}); NaN for an axis with no group of 2 or more complete points. */
  public static Map<String, Double> perAxis(List<Point> points, List<String> axes) {
    Map<String, Double> psi = new LinkedHashMap<>();
    for (String axis : axes) {
      Map<String, List<Point>> groups = new LinkedHashMap<>();
      for (Point p : points) {
        if (Double.isNaN(p.measure()) || Double.isNaN(p.gap())) continue;
        Map<String, String> others = new TreeMap<>(p.hyperparameters());
        others.remove(axis);
        groups.computeIfAbsent(others.toString(), k -> new ArrayList<>()).add(p);
      }
      double sum = 0;
      int m = 0;
      for (List<Point> g : groups.values()) {
        if (g.size() < 2) continue;
        double[] x = new double[g.size()];
        double[] y = new double[g.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = g.get(i).measure();
          y[i] = g.get(i).gap();
        }
        sum += KendallTau.paper(x, y);
        m++;
      }
      psi.put(axis, m == 0 ? Double.NaN : sum / m);
    }
    return psi;
  }

  /** Ψ: the mean of the defined ψ_i; NaN when none is. */
  public static double psi(Map<String, Double> perAxis) {
    double sum = 0;
    int k = 0;
    for (double v : perAxis.values()) {
      if (Double.isNaN(v)) continue;
      sum += v;
      k++;
    }
    return k == 0 ? Double.NaN : sum / k;
  }

  /** τ over all the points (the paper's overall ranking). */
  public static double overall(List<Point> points) {
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).measure();
      y[i] = points.get(i).gap();
    }
    return KendallTau.paper(x, y);
  }
}
