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

  /** Three steps of each optimiser on both kernel paths agree bit for bit with a plain loop. */
  @Test
  void fusedUpdatesMatchPlainLoopsOnBothPaths() {
    for (Kernels k : KernelsUnderTest.all()) {
      for (int n : KernelsUnderTest.SIZES) {
        float[] w0 = random(n, 1);
        float[] g = random(n, 2);
        // SGD with momentum and weight decay, over an offset range
        Optimizer sgd = new Sgd(k, n, 0.05f, 0.9f, 1e-3f, true);
        float[] w = w0.clone();
        float[] wr = w0.clone();
        float[] v = new float[n];
        for (int s = 0; s < 3; s++) {
          sgd.beginStep(null);
          sgd.update(w, g, 0, n);
          for (int i = 0; i < n; i++) {
            float d = g[i] + 1e-3f * wr[i];
            v[i] = 0.9f * v[i] - 0.05f * d;
            wr[i] += v[i];
          }
        }
        assertArrayEquals(wr, w, 0f, k.name() + " sgd n=" + n);
        // AdaGrad
        Optimizer ada = new AdaGrad(k, n, 0.1f, 1e-10f);
        w = w0.clone();
        wr = w0.clone();
        float[] acc = new float[n];
        for (int s = 0; s < 3; s++) {
          ada.update(w, g, 0, n);
          for (int i = 0; i < n; i++) {
            acc[i] += g[i] * g[i];
            wr[i] -= 0.1f * g[i] / ((float) Math.sqrt(acc[i]) + 1e-10f);
          }
        }
        assertArrayEquals(wr, w, 0f, k.name() + " adagrad n=" + n);
        // Adam
        Optimizer adam = new Adam(k, n, 0.01f, 0.9f, 0.999f, 1e-8f);
        w = w0.clone();
        wr = w0.clone();
        float[] m = new float[n];
        float[] vv = new float[n];
        for (int s = 1; s <= 3; s++) {
          adam.beginStep(null);
          adam.update(w, g, 0, n);
          float c1 = (float) (1 - Math.pow(0.9f, s));
          float c2 = (float) (1 - Math.pow(0.999f, s));
          for (int i = 0; i < n; i++) {
            m[i] = 0.9f * m[i] + (1 - 0.9f) * g[i];
            vv[i] = 0.999f * vv[i] + (1 - 0.999f) * (g[i] * g[i]);
            wr[i] -= 0.01f * (m[i] / c1) / ((float) Math.sqrt(vv[i] / c2) + 1e-8f);
          }
        }
        assertArrayEquals(wr, w, 0f, k.name() + " adam n=" + n);
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
    assertEquals("--optimizer: expected sgd, adagrad, adam, path-sgd, path-adagrad, path-adam or ddp-sgd, got 'lbfgs'", e.getMessage());
  }
}
