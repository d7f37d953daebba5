package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/** The trainer and the optimisers on a general {@link Sequential} model (the path recurrent and conv nets take). */
class ModelTrainingTest {

  static Sequential twin(Network net) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < net.layers().size(); i++) paths.add(net.modulePath(i));
    return new Sequential(net.layers(), paths, net.parameters().clone());
  }

  static float[] train(Model m, Method method, int threads, int steps, Dataset data) {
    TrainingConfig c = TrainingConfig.builder().batch(32).epochs(1).threads(threads).shardSize(16).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(method), Schedule.constant(0.02, 0.9), c)) {
      int[] order = new int[data.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      for (int s = 0; s < steps; s++) t.trainStep(data, order, 32 * s, 32);
    }
    return m.parameters().clone();
  }

  /** Path-SGD through the general path-norm pass follows the factored feedforward κ (float rounding apart). */
  @Test
  void pathSgdOnSequentialFollowsTheFeedforwardNetwork() {
    Dataset data = DatasetSpec.load("digits", 0).train();
    Network net = Network.builder(new Architecture(64, 32, 16, 10)).init(Initializer.GAUSSIAN, 4).build();
    for (Method m : new Method[] {Method.SGD, Method.PATH_SGD, Method.PATH_ADAM}) {
      float[] factored = train(net.copy(), m, 1, 5, data);
      float[] general = train(twin(net), m, 1, 5, data);
      double maxRel = 0;
      for (int i = 0; i < factored.length; i++) {
        maxRel = Math.max(maxRel, Math.abs(factored[i] - general[i]) / (Math.abs(factored[i]) + 1e-3));
      }
      assertTrue(maxRel < 1e-3, m + ": largest relative difference " + maxRel);
      if (m == Method.SGD) assertArrayEquals(factored, general, "SGD takes the same passes bit for bit");
    }
  }

  @Test
  void sequentialTrainingIsBitIdenticalForAnyThreadCount() {
    Dataset data = DatasetSpec.load("digits", 0).train();
    Network net = Network.builder(new Architecture(64, 48, 10)).init(Initializer.GAUSSIAN, 2).build();
    float[] one = train(twin(net), Method.PATH_SGD, 1, 4, data);
    assertArrayEquals(one, train(twin(net), Method.PATH_SGD, 2, 4, data));
    assertArrayEquals(one, train(twin(net), Method.PATH_SGD, 3, 4, data));
  }

  @Test
  void sequentialModelLearns() {
    DatasetSpec.Splits d = DatasetSpec.load("digits", 0);
    Network net = Network.builder(new Architecture(64, 64, 10)).init(Initializer.GAUSSIAN, 1).build();
    Sequential m = twin(net);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.PATH_SGD), Schedule.constant(0.05, 0.9),
        TrainingConfig.builder().batch(32).epochs(8).build())) {
      TrainingResult r = t.fit(d.train(), null, d.test());
      assertTrue(r.last().testError() < 0.08, "test error " + r.last().testError());
      assertEquals(r.last().testError(), m.evaluate(d.test().features(), d.test().labels(), org.pathnorm.nn.Loss.CROSS_ENTROPY).error(),
          1e-12);
    }
  }
}
