package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Dense;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.RecurrentModels.Readout;
import org.pathnorm.nn.Sequential;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * RNN-Path's κ⁽¹⁾ and κ⁽²⁾ (docs/algorithms.md §3.4, tests 16–18 of §5.3) against an explicitly unrolled
 * feedforward graph built here edge by edge, in double precision: κ⁽¹⁾ as the sum over time copies of
 * γ_in²·γ_out², and κ⁽¹⁾ + κ⁽²⁾ and κ⁽²⁾ by enumerating every path. Shared node rescaling leaves the
 * outputs and φ₂ unchanged for every T and RNN-Path's iterates equivariant, and SGD's not.
 */
class RnnKappaTest {

  /** An edge of the unrolled graph: a time copy of parameter {@code param}. */
  record Edge(int from, int to, int param) {}

  /** The unrolled squared graph of a one-layer model: node 0 is the bias node (value 1), then inputs, hidden copies, outputs. */
  static final class Unrolled {
    final List<Edge> edges = new ArrayList<>();
    final List<Integer> sources = new ArrayList<>();
    final List<Integer> outputs = new ArrayList<>();
    int nodes;

    Unrolled(Sequential m) {
      Recurrent r = (Recurrent) m.layers().get(0);
      int steps = r.steps(), d = r.inputsPerStep(), h = r.hidden();
      boolean every = r.output() == Recurrent.Output.EVERY_STEP;
      int v = every ? m.outputSize() / steps : m.outputSize();
      int bias = nodes++;
      sources.add(bias);
      int[][] x = new int[steps][d], hid = new int[steps][h];
      for (int t = 0; t < steps; t++) for (int k = 0; k < d; k++) sources.add(x[t][k] = nodes++);
      for (int t = 0; t < steps; t++) for (int j = 0; j < h; j++) hid[t][j] = nodes++;
      int whh = r.recurrentWeightOffset(), b = r.biasOffset(), w = m.layerOffset(1), wb = w + h * v;
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < h; j++) {
          for (int k = 0; k < d; k++) edges.add(new Edge(x[t][k], hid[t][j], j * d + k));
          if (t > 0) for (int k = 0; k < h; k++) edges.add(new Edge(hid[t - 1][k], hid[t][j], whh + j * h + k));
          edges.add(new Edge(bias, hid[t][j], b + j));
          edges.add(new Edge(bias, hid[t][j], b + h + j));
        }
        if (every || t == steps - 1) {
          for (int o = 0; o < v; o++) {
            int out = nodes++;
            outputs.add(out);
            for (int j = 0; j < h; j++) edges.add(new Edge(hid[t][j], out, w + o * h + j));
            edges.add(new Edge(bias, out, wb + o));
          }
        }
      }
    }
  }

  static double sq(float x) {
    return (double) x * x;
  }

  /** Σ over time copies (u→v) of each parameter of γ_in²(u)·γ_out²(v), the edges in topological order. */
  static double[] kappaOneByCopies(Sequential m) {
    Unrolled g = new Unrolled(m);
    float[] p = m.parameters();
    double[] in = new double[g.nodes], out = new double[g.nodes];
    for (int s : g.sources) in[s] = 1;
    for (Edge e : g.edges) in[e.to] += sq(p[e.param]) * in[e.from];   // edges are listed with sources before targets
    for (int o : g.outputs) out[o] = 1;
    for (int i = g.edges.size() - 1; i >= 0; i--) {
      Edge e = g.edges.get(i);
      out[e.from] += sq(p[e.param]) * out[e.to];
    }
    double[] kappa = new double[m.parameterCount()];
    for (Edge e : g.edges) kappa[e.param] += in[e.from] * out[e.to];
    return kappa;
  }

  /** {κ⁽¹⁾, κ⁽²⁾} by enumerating every path ζ: Σ_ζ k·s^{k−1}r_ζ and Σ_ζ k(k−1)·s^{k−1}r_ζ. */
  static double[][] kappaByPaths(Sequential m) {
    Unrolled g = new Unrolled(m);
    List<List<Edge>> outgoing = new ArrayList<>();
    for (int i = 0; i < g.nodes; i++) outgoing.add(new ArrayList<>());
    for (Edge e : g.edges) outgoing.get(e.from).add(e);
    double[][] kappa = new double[2][m.parameterCount()];
    boolean[] isOutput = new boolean[g.nodes];
    for (int o : g.outputs) isOutput[o] = true;
    for (int s : g.sources) walk(s, new ArrayList<>(), outgoing, isOutput, m.parameters(), kappa);
    return kappa;
  }

  private static void walk(int node, List<Integer> params, List<List<Edge>> outgoing, boolean[] isOutput, float[] p, double[][] kappa) {
    if (isOutput[node]) {
      for (int e : params.stream().distinct().toList()) {
        int k = 0;
        double rest = 1;
        for (int q : params) {
          if (q == e) k++;
          else rest *= sq(p[q]);
        }
        double term = Math.pow(sq(p[e]), k - 1) * rest;
        kappa[0][e] += k * term;
        kappa[1][e] += (double) k * (k - 1) * term;
      }
      return;
    }
    for (Edge e : outgoing.get(node)) {
      params.add(e.param);
      walk(e.to, params, outgoing, isOutput, p, kappa);
      params.remove(params.size() - 1);
    }
  }

  static Sequential model(int steps, int d, int h, Readout readout, int v, long seed) {
    Sequential m = RecurrentModels.build(steps, d, new int[] {h}, Recurrent.Activation.RELU, readout, v, RecurrentInit.PYTORCH, seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < m.parameterCount(); i++) m.parameters()[i] = (float) (r.nextDouble(0.3, 1.2) * (r.nextBoolean() ? 1 : -1));
    return m;
  }

  @Test
  void kappaOneIsTheSumOverTimeCopiesOnTheUnrolledGraph() {
    for (Readout readout : Readout.values()) {
      for (int steps : new int[] {1, 2, 3, 5}) {
        Sequential m = model(steps, 2, 3, readout, 2, steps * 7L);
        float[] k1 = new float[m.parameterCount()];
        new RnnKappa(m).first(m, k1);
        double[] want = kappaOneByCopies(m);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], k1[i], 2e-6 * want[i], readout + " T=" + steps + " parameter " + i);
      }
    }
  }

  @Test
  void bothTermsMatchPathEnumeration() {
    for (Readout readout : Readout.values()) {
      for (int steps = 1; steps <= 3; steps++) {
        for (int h = 1; h <= 3; h++) {
          Sequential m = model(steps, 2, h, readout, 2, 100 + steps * 10L + h);
          RnnKappa kappa = new RnnKappa(m);
          float[] k1 = new float[m.parameterCount()];
          double[] k2 = new double[m.parameterCount()];
          kappa.first(m, k1);
          kappa.second(m, k2);
          double[][] want = kappaByPaths(m);
          for (int i = 0; i < k1.length; i++) {
            String what = readout + " T=" + steps + " H=" + h + " parameter " + i;
            assertEquals(want[0][i], k1[i], 2e-6 * want[0][i], what + " κ1");
            assertEquals(want[1][i], k2[i], 1e-12 * (want[0][i] + want[1][i]), what + " κ2");
            if (steps == 1) assertEquals(0.0, k2[i], what + ": κ2 = 0 at T = 1");
          }
          if (steps >= 3) {   // a path through two copies of W_hh needs two recurrent steps
            int whh = ((Recurrent) m.layers().get(0)).recurrentWeightOffset();
            assertTrue(k2[whh] > 0, "paths through two copies of W_hh exist at T >= 2");
          }
        }
      }
    }
  }

  /** W_out of a last-step read-out is used once per path: κ⁽¹⁾ is its feedforward κ (the path sum of h_T's unit), κ⁽²⁾ = 0. */
  @Test
  void lastStepReadoutHasItsFeedforwardKappa() {
    Sequential m = model(6, 2, 4, Readout.LAST_STEP, 3, 5);
    float[] k1 = new float[m.parameterCount()];
    double[] k2 = new double[m.parameterCount()];
    RnnKappa kappa = new RnnKappa(m);
    kappa.first(m, k1);
    kappa.second(m, k2);
    Recurrent r = (Recurrent) m.layers().get(0);
    double[] ones = new double[r.inputSize()];
    java.util.Arrays.fill(ones, 1);
    double[] hT = new double[4];
    r.pathForward(m.parameters(), 0, 2, ones, hT, true, r.newPathCache());
    // the same Dense as the last layer of a feedforward net whose hidden path sums are hT
    Dense fc = (Dense) m.layers().get(1);
    float[] ffKappa = new float[fc.parameterCount()];
    double[] allOnes = {1, 1, 1};
    fc.pathBackward(m.parameters(), m.layerOffset(1), 2, hT, allOnes, null, ffKappa, 0, null);
    for (int i = 0; i < fc.parameterCount(); i++) {
      assertEquals(ffKappa[i], k1[m.layerOffset(1) + i], 1e-6 * ffKappa[i], "W_out parameter " + i);
      assertEquals(0.0, k2[m.layerOffset(1) + i]);
    }
    for (int j = 0; j < 4; j++) assertEquals(hT[j], ffKappa[j], 1e-6 * hT[j]);
  }

  /**
   * Shared rescaling of hidden units (§1.4, test 16): outputs and φ₂ unchanged for every T; three
   * RNN-Path steps from the rescaled start end at the rescaled RNN-Path iterate, and SGD's do not.
   */
  @Property(tries = 15)
  void sharedRescalingInvarianceAndEquivariance(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int steps) {
    Kernels kernels = KernelSelection.kernels();
    Sequential a = RecurrentModels.build(steps, 2, new int[] {5}, Recurrent.Activation.RELU, Readout.LAST_STEP, 3, RecurrentInit.PYTORCH, seed);
    // positive input biases keep every unit alive, so the rescaled units have gradients
    Recurrent layer = (Recurrent) a.layers().get(0);
    for (int j = 0; j < 5; j++) a.parameters()[layer.biasOffset() + j] = 0.5f;
    Sequential b = a.copy();
    SplittableRandom r = new SplittableRandom(seed);
    int[] units = new int[3];
    double[] cs = new double[3];
    for (int i = 0; i < 3; i++) {
      units[i] = r.nextInt(5);
      cs[i] = Math.pow(10, r.nextDouble(-1, 1));
      b.rescaleUnit(0, units[i], cs[i]);
    }
    float[] x = new float[4 * a.inputSize()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] y = {0, 1, 2, 1};
    float[] ya = a.predict(x), yb = b.predict(x);
    for (int i = 0; i < ya.length; i++) assertEquals(ya[i], yb[i], 1e-4 * (1 + Math.abs(ya[i])), "output " + i);
    double phiA = new PathNormPass(a).lpPower(a, 2, true), phiB = new PathNormPass(b).lpPower(b, 2, true);
    assertEquals(phiA, phiB, 1e-5 * phiA, "phi_2");
    double pathGap = gapAfterSteps(Method.PATH_SGD, a, b, units, cs, x, y, kernels);
    assertTrue(pathGap < 1e-3, "RNN-Path iterates are equivariant: relative gap " + pathGap);
    double sgdGap = gapAfterSteps(Method.SGD, a, b, units, cs, x, y, kernels);
    assertTrue(sgdGap > 100 * Math.max(pathGap, 1e-6), "SGD's iterates are not: gap " + sgdGap + " vs RNN-Path's " + pathGap);
  }

  /** The sample a CI run falsified: SGD from the rescaled start overflows to NaN, the most a gap can be. */
  @Example
  void sharedRescalingWhereSgdDivergesFromTheRescaledStart() {
    sharedRescalingInvarianceAndEquivariance(62270, 7);
    sharedRescalingInvarianceAndEquivariance(62270, 8);
  }

  /**
   * Max relative difference between rescale(three steps from a) and three steps from b; +∞ where one of
   * the two runs has diverged to a non-finite value and the other has not (SGD from a start with a unit
   * rescaled ≈ 60× can overflow in three steps: seed 62270), NaN where both have (no verdict).
   */
  private static double gapAfterSteps(Method method, Sequential a0, Sequential b0, int[] units, double[] cs, float[] x, int[] y,
      Kernels kernels) {
    Sequential a = a0.copy(), b = b0.copy();
    for (Sequential m : List.of(a, b)) {
      Optimizer opt = OptimizerSpec.of(method).create(m, new Schedule.Constant(0.05, 0), kernels);
      ModelWorkspace ws = m.newWorkspace(4, kernels, new Gemm(kernels, null));
      float[] g = new float[m.parameterCount()];
      for (int step = 0; step < 3; step++) {
        ws.forwardBackward(m, x, 0, y, 0, 4, Loss.CROSS_ENTROPY, 0.25f, g, false, null, step, 0);
        opt.beginStep(m);
        opt.update(m.parameters(), g, 0, m.parameterCount());
      }
    }
    for (int i = 0; i < units.length; i++) a.rescaleUnit(0, units[i], cs[i]);
    double gap = 0;
    for (int i = 0; i < a.parameterCount(); i++) {
      double u = a.parameters()[i], v = b.parameters()[i];
      double d = Double.isFinite(u) != Double.isFinite(v) ? Double.POSITIVE_INFINITY : Math.abs(u - v) / (Math.abs(u) + 1e-2);
      gap = Math.max(gap, d);
    }
    return gap;
  }
}
