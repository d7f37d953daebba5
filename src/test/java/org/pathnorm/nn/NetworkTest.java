package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

class NetworkTest {
  private static final Kernels K = KernelSelection.kernels();

  static float[] outputs(Network net, float[] x, int batch) {
    Workspace ws = new Workspace(net.architecture(), batch, K, new Gemm(K, null));
    return ws.forward(net, x, 0, batch).clone();
  }

  @Test
  void architectureParsingAndLayout() {
    Architecture a = Architecture.parse("784-4000-4000-10");
    assertEquals(3, a.depth());
    assertEquals(784 * 4000 + 4000 + 4000 * 4000 + 4000 + 4000 * 10 + 10, a.parameters());
    assertEquals(784 * 4000, a.biasOffset(0));
    assertEquals("784-4000-4000-10", a.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("784-x-10"));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Architecture.parse("784"));
    assertThrows(IllegalArgumentException.class, () -> Architecture.parse("784-0-10"));
  }

  @Property(tries = 40)
  void nodeRescalingKeepsTheFunctionAndChangesTheNorms(@ForAll @IntRange(min = 1, max = 2) int hidden,
      @ForAll @IntRange(min = 0, max = 5) int unit, @ForAll @DoubleRange(min = -3, max = 3) double log10c,
      @ForAll long seed) {
    Architecture a = new Architecture(4, 6, 6, 3);
    Network net = new Network(a);
    Initializer.PYTORCH.initialize(net, seed);
    float[] x = new float[5 * 4];
    SplittableRandom r = new SplittableRandom(seed + 1);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    float[] before = outputs(net, x, 5);
    double frobBefore = K.sumSquares(net.parameters(), 0, a.parameters());
    double c = Math.pow(10, log10c);
    net.rescaleHiddenUnit(hidden, unit, c);
    float[] after = outputs(net, x, 5);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 1e-4 * (1 + Math.abs(before[i])), "output " + i + " changed under rescaling by " + c);
    }
    if (Math.abs(log10c) > 0.5) {
      assertNotEquals(frobBefore, K.sumSquares(net.parameters(), 0, a.parameters()), 1e-6 * frobBefore,
          "the squared weight norm must change: the test would not notice an accidental normalisation");
    }
  }

  @Test
  void unbalancedInitComputesTheSameFunctionAsBalanced() {
    Architecture a = new Architecture(8, 40, 40, 5);
    Network balanced = new Network(a);
    Initializer.GAUSSIAN.initialize(balanced, 5);
    Network unbalanced = new Network(a);
    Initializer.UNBALANCED.initialize(unbalanced, 5);
    float[] x = new float[3 * 8];
    for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
    float[] ob = outputs(balanced, x, 3);
    float[] ou = outputs(unbalanced, x, 3);
    for (int i = 0; i < ob.length; i++) assertEquals(ob[i], ou[i], 1e-3 * (1 + Math.abs(ob[i])), "output " + i);
    double nb = K.sumSquares(balanced.parameters(), 0, a.parameters());
    double nu = K.sumSquares(unbalanced.parameters(), 0, a.parameters());
    assertTrue(nu > 10 * nb, "unbalancing must blow up the weight norm: " + nb + " vs " + nu);
  }

  @Test
  void initialisersHaveTheirStatistics() {
    Architecture a = new Architecture(400, 300, 2);
    Network g = new Network(a);
    Initializer.GAUSSIAN.initialize(g, 1);
    int n = 400 * 300;
    double var = K.sumSquares(g.parameters(), 0, n) / n;
    assertEquals(1.0 / 400, var, 0.05 / 400, "N(0, 1/fan_in)");
    assertEquals(0.0, K.sumSquares(g.parameters(), a.biasOffset(0), 300), 0.0, "zero biases");
    Network p = new Network(a);
    Initializer.PYTORCH.initialize(p, 1);
    float bound = (float) (1 / Math.sqrt(400));
    assertTrue(maxAbs(p.parameters(), 0, n) <= bound);
    assertEquals(bound * bound / 3, K.sumSquares(p.parameters(), 0, n) / n, 0.05 * bound * bound / 3, "U(±1/√fan_in)");
    assertTrue(maxAbs(p.parameters(), a.biasOffset(0), 300) > 0, "PyTorch init has non-zero biases");
  }

  @Test
  void lossesAndErrors() {
    float[] out = {3, 1, 2, 0, 5, 1};
    int[] y = {0, 2};
    double ce = Loss.CROSS_ENTROPY.evaluate(out, 2, 3, y, 0, 1f, null);
    double expected = (Math.log(Math.exp(3) + Math.exp(1) + Math.exp(2)) - 3) + (Math.log(1 + Math.exp(5) + Math.exp(1)) - 1);
    assertEquals(expected, ce, 1e-9);
    assertEquals(1, Loss.errors(out, 2, 3, y, 0));
    float[] tie = {2, 2, 0};
    assertEquals(1, Loss.errors(tie, 1, 3, new int[] {0}, 0), "ties count as errors (docs/algorithms.md §1.3)");
    float[] huge = {1000, -1000, 0};
    assertTrue(Double.isFinite(Loss.CROSS_ENTROPY.evaluate(huge, 1, 3, new int[] {1}, 0, 1f, new float[3])), "stable softmax");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Loss.CROSS_ENTROPY.evaluate(out, 2, 3, new int[] {0, 3}, 0, 1f, null));
    assertTrue(e.getMessage().contains("label 3"), e.getMessage());
  }

  @Test
  void dropoutMasksAreReproducibleAndHaveTheRightRate() {
    Dropout d = new Dropout(0.5, 42);
    float[] m1 = new float[100 * 50];
    float[] m2 = new float[100 * 50];
    d.mask(7, 0, 100, 1, 50, m1);
    d.mask(7, 0, 100, 1, 50, m2);
    assertEquals(java.util.Arrays.toString(m1), java.util.Arrays.toString(m2));
    int kept = 0;
    for (float v : m1) {
      assertTrue(v == 0f || v == 2f, "mask values are 0 or 1/(1-p)");
      if (v != 0) kept++;
    }
    assertEquals(0.5, kept / 5000.0, 0.03);
    float[] part = new float[10 * 50];
    d.mask(7, 30, 10, 1, 50, part);
    for (int i = 0; i < part.length; i++) assertEquals(m1[30 * 50 + i], part[i], "a sample's mask does not depend on the shard");
  }

  private static float maxAbs(float[] x, int off, int n) {
    float m = 0f;
    for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(x[off + i]));
    return m;
  }
}
