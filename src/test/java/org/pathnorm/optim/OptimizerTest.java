package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

class OptimizerTest {

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  /** |got − want| ≤ 1e-5·(1 + |want|) element-wise. */
  private static void assertClose(double[] want, float[] got, String what) {
    for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])), what + " element " + i);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) d[i] = f[i];
    return d;
  }

  /**
   * Three steps of each optimiser on both kernel paths against its update rule written out in double
   * (docs/algorithms.md §3.1, §3.6): momentum SGD with weight decay v ← m·v − μ(g + λw), w ← w + v;
   * AdaGrad G ← G + g², w ← w − μ·g/(√G + ε); Adam with bias-corrected moments.
   */
  @Test
  void fusedUpdatesFollowTheirFormulasOnBothPaths() {
    for (Kernels k : KernelsUnderTest.all()) {
      for (int n : KernelsUnderTest.SIZES) {
        float[] w0 = random(n, 1);
        float[] g = random(n, 2);
        double[] gd = toDouble(g);
        // SGD with momentum 0.9, step 0.05 and weight decay 1e-3
        Optimizer sgd = new Sgd(k, n, 0.05f, 0.9f, 1e-3f, true);
        float[] w = w0.clone();
        double[] want = toDouble(w0);
        double[] velocity = new double[n];
        for (int s = 0; s < 3; s++) {
          sgd.beginStep(null);
          sgd.update(w, g, 0, n);
          for (int i = 0; i < n; i++) {
            velocity[i] = 0.9 * velocity[i] - 0.05 * (gd[i] + 1e-3 * want[i]);
            want[i] += velocity[i];
          }
        }
        assertClose(want, w, k.name() + " sgd n=" + n);
        // AdaGrad, step 0.1, ε = 1e-10
        Optimizer ada = new AdaGrad(k, n, 0.1f, 1e-10f);
        w = w0.clone();
        want = toDouble(w0);
        double[] squares = new double[n];
        for (int s = 0; s < 3; s++) {
          ada.update(w, g, 0, n);
          for (int i = 0; i < n; i++) {
            squares[i] += gd[i] * gd[i];
            want[i] -= 0.1 * gd[i] / (Math.sqrt(squares[i]) + 1e-10);
          }
        }
        assertClose(want, w, k.name() + " adagrad n=" + n);
        // Adam, step 0.01, β1 = 0.9, β2 = 0.999, ε = 1e-8
        Optimizer adam = new Adam(k, n, 0.01f, 0.9f, 0.999f, 1e-8f);
        w = w0.clone();
        want = toDouble(w0);
        double[] first = new double[n];
        double[] second = new double[n];
        for (int s = 1; s <= 3; s++) {
          adam.beginStep(null);
          adam.update(w, g, 0, n);
          for (int i = 0; i < n; i++) {
            first[i] = 0.9 * first[i] + 0.1 * gd[i];
            second[i] = 0.999 * second[i] + 0.001 * gd[i] * gd[i];
            double mHat = first[i] / (1 - Math.pow(0.9, s));
            double vHat = second[i] / (1 - Math.pow(0.999, s));
            want[i] -= 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
          }
        }
        assertClose(want, w, k.name() + " adam n=" + n);
      }
    }
  }

  @Test
  void plainSgdWithoutVelocity() {
    Kernels k = KernelSelection.kernels();
    Sgd sgd = new Sgd(k, 3, 0.5f, 0f, 0f, false);
    float[] w = {1, 2, 3};
    sgd.update(w, new float[] {1, -1, 2}, 0, 3);
    assertArrayEquals(new float[] {0.5f, 2.5f, 2f}, w, 0f);
    assertThrows(IllegalStateException.class, () -> sgd.setMomentum(0.5f));
    assertEquals(0, sgd.state().size());
  }

  /** docs/algorithms.md §5.6 (34): after k epochs μ = 0.1·0.99^k and m = min(0.9, 0.5 + 0.02k); exactly 0.9 from k = 20. */
  @Test
  void thesisSchedule() {
    Schedule s = Schedule.thesis(0.1, 0.5);
    for (int k = 0; k < 60; k++) {
      assertEquals(0.1 * Math.pow(0.99, k), s.learningRate(k), 1e-15);
      assertEquals(Math.min(0.9, 0.5 + 0.02 * k), s.momentum(k), 1e-12);
    }
    for (int k = 20; k < 60; k++) assertEquals(0.9, s.momentum(k), 0.0);
    Schedule step = Schedule.step(1, 0.9, 0.1, 10);
    assertEquals(1, step.learningRate(9), 1e-15);
    assertEquals(0.1, step.learningRate(10), 1e-15);
    assertEquals(0.01, step.learningRate(25), 1e-15);
  }

  @Test
  void unknownOptimizerIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptimizerSpec.of(Method.parse("lbfgs")));
    assertEquals("--optimizer: expected sgd, adagrad, adam, rmsprop, path-sgd, path-adagrad, path-adam, path-rmsprop or ddp-sgd, got 'lbfgs'", e.getMessage());
  }
}
