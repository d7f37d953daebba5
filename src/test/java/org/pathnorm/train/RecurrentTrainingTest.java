package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;

/**
 * The trainer on recurrent models: the 8×8 digits read as 16 steps of 4 pixels, classified at the last
 * step. Same seed, same weights for 1, 2 and 3 threads (shards summed in order); RNN-Path learns.
 */
class RecurrentTrainingTest {

  static Sequential rnn(long seed) {
    return RecurrentModels.build(16, 4, new int[] {32}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 10,
        RecurrentInit.GAUSSIAN, seed);
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    Dataset data = DatasetSpec.load("digits", 0).train();
    for (Method m : new Method[] {Method.SGD, Method.PATH_SGD}) {
      float[] one = ModelTrainingTest.train(rnn(3), m, 1, 4, data);
      assertArrayEquals(one, ModelTrainingTest.train(rnn(3), m, 2, 4, data), m + ", 2 threads");
      assertArrayEquals(one, ModelTrainingTest.train(rnn(3), m, 3, 4, data), m + ", 3 threads");
    }
  }

  /**
   * The automatic shard policy counts an RNN's work as T·(H·D + H·H) per sample: the addition task's
   * net (T = 100, H = 100) gets two shards, its only parallelism; the H = 1024 language model (over 2²⁰
   * parameters) one, its products being large enough to split.
   */
  @Test
  void automaticShardsForRecurrentNets() {
    Sequential addition = RecurrentModels.build(100, 2, new int[] {100}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
        RecurrentInit.GAUSSIAN, 1);
    assertEquals(100L * (100 * 2 + 100 * 100) + 101, addition.multiplyAddsPerSample());
    assertEquals(25, Trainer.autoShardSize(addition.parameterCount(), addition.multiplyAddsPerSample(), 50));
    assertEquals(5, Trainer.autoShardSize(addition.parameterCount(), addition.multiplyAddsPerSample(), 5), "a small step stays whole");
    Sequential lm = RecurrentModels.build(50, 50, new int[] {1024}, Recurrent.Activation.RELU, RecurrentModels.Readout.EVERY_STEP, 50,
        RecurrentInit.GAUSSIAN, 1);
    assertEquals(32, Trainer.autoShardSize(lm.parameterCount(), lm.multiplyAddsPerSample(), 32));
  }

  @Test
  void rnnPathLearnsTheDigitsSequence() {
    DatasetSpec.Splits d = DatasetSpec.load("digits", 0);
    Sequential m = rnn(1);
    try (Trainer t = new Trainer(m, org.pathnorm.optim.OptimizerSpec.of(Method.PATH_SGD), org.pathnorm.optim.Schedule.constant(0.1, 0.9),
        TrainingConfig.builder().batch(32).epochs(6).build())) {
      TrainingResult r = t.fit(d.train(), null, d.test());
      assertTrue(r.last().testError() < 0.35, "test error " + r.last().testError());
    }
  }
}
