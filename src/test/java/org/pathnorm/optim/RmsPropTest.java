package org.pathnorm.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.train.Checkpoint;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/**
 * RMSProp (PyTorch's RMSprop: v ← αv + (1−α)g², w ← w − ηg/(√v + ε), α = 0.99, ε = 1e-8) against the
 * update written in double over several steps and chunked parameter ranges; Path-RMSProp is RMSProp on
 * g ⊘ κ; the state is in the checkpoint, so a resumed run equals the uninterrupted one.
 */
class RmsPropTest {

  @Test
  void matchesTheUpdateInDouble() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int n : new int[] {1, 7, 33}) {
      float lr = 0.01f;
      RmsProp o = new RmsProp(n, lr, RmsProp.ALPHA, RmsProp.EPS);
      float[] w = new float[n];
      double[] wd = new double[n];
      double[] vd = new double[n];
      for (int i = 0; i < n; i++) wd[i] = w[i] = (float) rnd.nextGaussian();
      for (int step = 0; step < 6; step++) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = (float) (rnd.nextGaussian() * (i % 3 == 0 ? 1e-3 : 1));
        if (step == 2 && n > 1) g[0] = 0;
        o.beginStep(null);
        int cut = n / 2;
        o.update(w, g, 0, cut);
        o.update(w, g, cut, n);
        for (int i = 0; i < n; i++) {
          vd[i] = 0.99 * vd[i] + 0.01 * (double) g[i] * g[i];
          wd[i] -= 0.01 * g[i] / (Math.sqrt(vd[i]) + 1e-8);
        }
        for (int i = 0; i < n; i++) assertEquals(wd[i], w[i], 1e-5 * Math.max(1, Math.abs(wd[i])), "n " + n + ", step " + step + ", i " + i);
      }
      assertEquals(6, o.steps());
      assertEquals(vd[n - 1], o.state().get("square_avg")[n - 1], 1e-6 * Math.max(1e-3, vd[n - 1]));
    }
  }

  @Test
  void pathRmsPropIsRmsPropOnThePathNormalisedGradient() {
    Architecture a = new Architecture(5, 7, 3);
    Network net = new Network(a);
    Initializer.GAUSSIAN.initialize(net, 2);
    SplittableRandom rnd = new SplittableRandom(4);
    float[] g = new float[net.parameterCount()];
    for (int i = 0; i < g.length; i++) g[i] = (float) rnd.nextGaussian();
    float[] kappa = new float[g.length];
    new PathNormPass(net).kappa(net, kappa);
    Optimizer path = OptimizerSpec.of(Method.PATH_RMSPROP).create(net, Schedule.constant(0.01, 0), KernelSelection.kernels());
    assertEquals("path-rmsprop", path.name());
    RmsProp plain = new RmsProp(g.length, 0.01f, RmsProp.ALPHA, RmsProp.EPS);
    float[] expected = net.parameters().clone();
    float[] normalised = new float[g.length];
    for (int i = 0; i < g.length; i++) normalised[i] = g[i] / kappa[i];
    plain.update(expected, normalised, 0, g.length);
    path.beginStep(net);
    path.update(net.parameters(), g.clone(), 0, g.length);
    for (int i = 0; i < g.length; i++) assertEquals(expected[i], net.parameters()[i], 1e-5f * Math.max(1, Math.abs(expected[i])), "parameter " + i);
  }

  @Test
  void resumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
    Dataset data = Synthetic.clusters(300, 12, 4, 5);
    for (String m : new String[] {"rmsprop", "path-rmsprop"}) {
      float[] straight;
      try (Trainer t = trainer(m, 4)) {
        t.fit(data, null, null);
        straight = t.model().parameters().clone();
      }
      Path d = dir.resolve(m);
      try (Trainer t = trainer(m, 2)) {
        t.addListener(new Checkpoint(d));
        t.fit(data, null, null);
      }
      try (Trainer t = trainer(m, 4)) {
        assertEquals(2, Checkpoint.restore(d, t));
        t.fit(data, null, null);
        assertArrayEquals(straight, t.model().parameters(), 0f, m + ": resumed run differs from the uninterrupted one");
      }
    }
  }

  private static Trainer trainer(String method, int epochs) {
    Network net = new Network(new Architecture(12, 20, 4));
    Initializer.GAUSSIAN.initialize(net, 9);
    return new Trainer(net, OptimizerSpec.of(Method.parse(method)), Schedule.constant(0.001, 0),
        TrainingConfig.builder().batch(32).epochs(epochs).threads(2).seed(9).build());
  }
}
