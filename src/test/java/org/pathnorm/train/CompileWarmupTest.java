package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link CompileWarmup}: the window's count, and training with its first steps on one thread gives the same bits. */
class CompileWarmupTest {

  @AfterEach
  void restore() {
    CompileWarmup.reset(CompileWarmup.DEFAULT_WORK, Runtime.getRuntime().availableProcessors());
  }

  @Test
  void theWindowCountsWorkOverTheJvmAndEndsOnceSpent() {
    CompileWarmup.reset(100, 2);
    assertFalse(CompileWarmup.serial(60, 1), "a core to spare: no window, nothing counted");
    assertTrue(CompileWarmup.serial(60, 2), "0 of 100 done");
    assertTrue(CompileWarmup.serial(60, 3), "60 of 100 done");
    assertFalse(CompileWarmup.serial(1, 2), "120 of 100 done");
    assertFalse(CompileWarmup.serial(1, 2));
    CompileWarmup.reset(0, 2);
    assertFalse(CompileWarmup.serial(1, 2), "a window of 0 is off");
  }

  private static float[] train(String optimizer, int threads, long window, Kernels k, Dataset data) {
    // as on a machine with as many cores as workers, where the window applies
    CompileWarmup.reset(window, threads);
    // 784-256-10 at batch 64: 2.0·10⁵ × 64 ≥ 2²³, so its step's GEMMs get the pool on 2 threads
    Network net = new Network(Architecture.parse("784-256-10"));
    Initializer.GAUSSIAN.initialize(net, 11);
    TrainingConfig cfg = TrainingConfig.builder().batch(64).epochs(2).threads(threads).seed(5).kernels(k).build();
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(optimizer)), Schedule.constant(0.02, 0.9), cfg)) {
      assertEquals(threads > 1, t.splitsProducts(), "the step's GEMMs on the pool");
      t.fit(data, null, null);
      return net.parameters().clone();
    }
  }

  @Test
  void firstStepsOnOneThreadGiveTheBitsOfTheWholeRunOnTwo() {
    Dataset data = Synthetic.clusters(700, 784, 10, 3);
    for (Kernels k : KernelsUnderTest.all()) {
      for (String optimizer : List.of("sgd", "path-sgd")) {
        float[] one = train(optimizer, 1, 0, k, data);
        float[] none = train(optimizer, 2, 0, k, data);
        // 7 of the 22 steps (784-256-10: 203,530 × 64 multiply-adds a step) on one thread, then two
        float[] some = train(optimizer, 2, 7L * 203_530 * 64, k, data);
        float[] all = train(optimizer, 2, Long.MAX_VALUE, k, data);
        String where = k.name() + " " + optimizer;
        assertArrayEquals(one, none, 0f, where + ": 2 threads differ from 1");
        assertArrayEquals(none, some, 0f, where + ": a warm-up window changed the result");
        assertArrayEquals(none, all, 0f, where + ": the whole run on one thread changed the result");
        assertEquals(none.length, one.length);
      }
    }
  }
}
