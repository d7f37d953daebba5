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

  private static float[] train(String arch, int batch, String optimizer, int threads, long window, Kernels k, Dataset data) {
    // as on a machine with as many cores as workers, where the window applies
    CompileWarmup.reset(window, threads);
    Network net = new Network(Architecture.parse(arch));
    Initializer.GAUSSIAN.initialize(net, 11);
    TrainingConfig cfg = TrainingConfig.builder().batch(batch).epochs(2).threads(threads).seed(5).kernels(k).build();
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(optimizer)), Schedule.constant(0.02, 0.9), cfg)) {
      // 784-256-10 at batch 64: 2.0·10⁵ × 64 ≥ 2²³, so its step's GEMMs get the pool on 2 threads; 100-2048-10 at
      // batch 100 (2.3·10⁵ × 100 ≥ 2²⁴, under 2¹⁸ parameters) is cut into two shards instead
      boolean shards = arch.startsWith("100-");
      assertEquals(threads > 1 && !shards, t.splitsProducts(), "the step's GEMMs on the pool");
      assertEquals(shards ? 2 : 1, t.shardCount(), "shards (the same on any thread count)");
      t.fit(data, null, null);
      return net.parameters().clone();
    }
  }

  @Test
  void firstStepsOnOneThreadGiveTheBitsOfTheWholeRunOnTwo() {
    Dataset pooled = Synthetic.clusters(400, 784, 10, 3);
    Dataset sharded = Synthetic.clusters(300, 100, 10, 4);
    for (Kernels k : KernelsUnderTest.all()) {
      for (String optimizer : List.of("sgd", "path-sgd")) {
        for (String arch : List.of("784-256-10", "100-2048-10")) {
          boolean shards = arch.startsWith("100-");
          Dataset data = shards ? sharded : pooled;
          int batch = shards ? 100 : 64;
          long step = (shards ? 227_338L : 203_530L) * batch;
          float[] one = train(arch, batch, optimizer, 1, 0, k, data);
          float[] none = train(arch, batch, optimizer, 2, 0, k, data);
          // 2 of the 6 or 14 steps on one thread, then two
          float[] some = train(arch, batch, optimizer, 2, 2 * step, k, data);
          float[] all = train(arch, batch, optimizer, 2, Long.MAX_VALUE, k, data);
          String where = k.name() + " " + optimizer + " " + arch;
          assertArrayEquals(one, none, 0f, where + ": 2 threads differ from 1");
          assertArrayEquals(none, some, 0f, where + ": a warm-up window changed the result");
          assertArrayEquals(none, all, 0f, where + ": the whole run on one thread changed the result");
        }
      }
    }
  }
}
