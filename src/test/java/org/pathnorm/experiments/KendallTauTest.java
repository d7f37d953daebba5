package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Kendall's τ (Jiang et al.'s τ_a and τ_b) and the granulated ψ_i, Ψ against hand-worked examples, ties included. */
class KendallTauTest {

  @Test
  void handWorkedWithoutTies() {
    assertEquals(1.0, KendallTau.paper(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 0);
    assertEquals(-1.0, KendallTau.paper(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 0);
    // pairs of (1,2,3,4) vs (1,3,2,4): only (2,3) is discordant: C = 5, D = 1, P = 6
    assertEquals(4.0 / 6, KendallTau.paper(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-15);
    assertEquals(4.0 / 6, KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}), 1e-15);
    // (3,1,2) vs (1,2,3): (1,2) D, (1,3) D, (2,3) C -> -1/3
    assertEquals(-1.0 / 3, KendallTau.paper(new double[] {3, 1, 2}, new double[] {1, 2, 3}), 1e-15);
  }

  @Test
  void handWorkedWithTies() {
    // x = (1,1,2,3), y = (1,2,2,3): pair (1,2) tied in x, (2,3) tied in y, the other 4 concordant
    double[] x = {1, 1, 2, 3};
    double[] y = {1, 2, 2, 3};
    assertEquals(4.0 / 6, KendallTau.paper(x, y), 1e-15, "τ_a: ties count 0 and stay in the 6 pairs");
    assertEquals(4.0 / Math.sqrt(5 * 5), KendallTau.tauB(x, y), 1e-15, "τ_b: (C − D)/√((P − T_x)(P − T_y)) = 4/5");
    // a constant measure: every pair tied in x
    assertEquals(0.0, KendallTau.paper(new double[] {2, 2, 2}, new double[] {1, 2, 3}), 0);
    assertTrue(Double.isNaN(KendallTau.tauB(new double[] {2, 2, 2}, new double[] {1, 2, 3})));
    // x = (1,2,2,3), y = (4,3,3,1): pair (2,3) tied in both, the other 5 discordant
    assertEquals(-5.0 / 6, KendallTau.paper(new double[] {1, 2, 2, 3}, new double[] {4, 3, 3, 1}), 1e-15);
    assertEquals(-1.0, KendallTau.tauB(new double[] {1, 2, 2, 3}, new double[] {4, 3, 3, 1}), 1e-15);
  }

  @Test
  void nanPointsAreLeftOutAndTooFewGiveNaN() {
    assertEquals(1.0, KendallTau.paper(new double[] {1, Double.NaN, 2, 3}, new double[] {1, 5, 2, 3}), 0);
    assertTrue(Double.isNaN(KendallTau.paper(new double[] {1, Double.NaN}, new double[] {1, 2})));
    assertTrue(Double.isNaN(KendallTau.paper(new double[0], new double[0])));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KendallTau.paper(new double[2], new double[3])).getMessage()
        .contains("different lengths, 2 and 3"));
  }

  /** The O(n²) count against the definition's double sum over ordered pairs i ≠ j, on random samples with many ties. */
  @Test
  void equalsTheDoubleSumOfTheDefinition() {
    SplittableRandom r = new SplittableRandom(7);
    for (int n : new int[] {2, 3, 7, 16, 33}) {
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextInt(4);
        y[i] = r.nextInt(5);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) sum += Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
      assertEquals(sum / (n * (n - 1.0)), KendallTau.paper(x, y), 1e-12, "n = " + n);
    }
  }

  private static GranulatedTau.Point p(String depth, String width, double measure, double gap) {
    return new GranulatedTau.Point(Map.of("depth", depth, "width", width), measure, gap);
  }

  /**
   * A one-at-a-time grid around (depth 1, width 64): the depth group is {base, depth 2, depth 3}, the width group
   * {base, width 32, width 128}; the variants of one axis are singletons for the other and are left out.
   */
  @Test
  void granulatedOnAOneAtATimeGrid() {
    List<GranulatedTau.Point> pts = new ArrayList<>(List.of(
        p("1", "64", 1.0, 0.10),
        p("2", "64", 2.0, 0.20),   // depth: measure and gap rise together: τ = 1
        p("3", "64", 3.0, 0.30),
        p("1", "32", 0.5, 0.10),   // width: (32: 0.5, 0.10), (64: 1.0, 0.10), (128: 2.0, 0.05)
        p("1", "128", 2.0, 0.05)));
    Map<String, Double> psi = GranulatedTau.perAxis(pts, List.of("depth", "width"));
    assertEquals(1.0, psi.get("depth"), 1e-15);
    // width group (measure, gap): (1.0, .10), (0.5, .10), (2.0, .05): pairs: base-32 tie in gap -> 0;
    // base-128: measure up, gap down -> -1; 32-128: measure up, gap down -> -1. τ = -2/3
    assertEquals(-2.0 / 3, psi.get("width"), 1e-15);
    assertEquals((1.0 - 2.0 / 3) / 2, GranulatedTau.psi(psi), 1e-15);
    // overall τ over the 5 points A..E in order: concordant AB AC BC BD CD CE, discordant AE DE, tied AD (gap) and
    // BE (measure): (6 − 2)/10
    assertEquals(0.4, GranulatedTau.overall(pts), 1e-15);
  }

  /** On a full grid each axis has several groups, and ψ_i averages their τ. */
  @Test
  void granulatedOnAFullGridAveragesTheGroups() {
    List<GranulatedTau.Point> pts = List.of(
        p("1", "32", 1, 1), p("2", "32", 2, 2),    // depth at width 32: τ = 1
        p("1", "64", 1, 2), p("2", "64", 2, 1));   // depth at width 64: τ = −1
    Map<String, Double> psi = GranulatedTau.perAxis(pts, List.of("depth", "width"));
    assertEquals(0.0, psi.get("depth"), 0);
    // width at depth 1: (1,1) vs (1,2): measure tied -> 0; at depth 2: (2,2) vs (2,1): tied -> 0
    assertEquals(0.0, psi.get("width"), 0);
    // an axis nothing varies along has no group: NaN, and Ψ skips it
    Map<String, Double> withLr = GranulatedTau.perAxis(pts, List.of("depth", "lr"));
    assertTrue(Double.isNaN(withLr.get("lr")));
    assertEquals(0.0, GranulatedTau.psi(withLr), 0);
    assertTrue(Double.isNaN(GranulatedTau.psi(Map.of("lr", Double.NaN))));
  }

  /**
   * Seeds: a coordinate that is not an axis still separates the groups, so networks that differ only in
   * their seed are never compared. Within each seed, width and gap rise together (τ = 1); across seeds
   * the second seed's larger measures go with smaller gaps, which a group mixing the seeds would count.
   */
  @Test
  void seedsAreGroupsOfTheirOwn() {
    List<GranulatedTau.Point> pts = new ArrayList<>();
    for (int seed = 1; seed <= 2; seed++) {
      double offset = seed == 1 ? 0 : 10;
      double gapShift = seed == 1 ? 0.5 : 0;
      for (int w = 0; w < 3; w++) {
        pts.add(new GranulatedTau.Point(Map.of("width", Integer.toString(32 << w), "seed", Integer.toString(seed)), offset + w,
            gapShift + 0.1 * w));
      }
    }
    assertEquals(1.0, GranulatedTau.perAxis(pts, List.of("width")).get("width"), 0);
    // without the seed coordinate the six points form one group, and the cross-seed pairs pull τ down
    List<GranulatedTau.Point> mixed = new ArrayList<>();
    for (GranulatedTau.Point q : pts) mixed.add(new GranulatedTau.Point(Map.of("width", q.hyperparameters().get("width")), q.measure(), q.gap()));
    assertTrue(GranulatedTau.perAxis(mixed, List.of("width")).get("width") < 0.5);
  }
}
