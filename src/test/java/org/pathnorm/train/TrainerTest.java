package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.data.Synthetic;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Optimizer;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

class TrainerTest {
  private static final Kernels K = KernelSelection.kernels();

  private static Trainer trainer(Architecture a, String opt, double lr, double momentum, int batch, int epochs, int threads,
      int shard, double dropout, long seed) {
    Network net = new Network(a);
    Initializer.GAUSSIAN.initialize(net, seed);
    Schedule s = Schedule.constant(lr, momentum);
    OptimizerSpec o = OptimizerSpec.of(Method.parse(opt));
    return new Trainer(net, o, s, TrainingConfig.builder().batch(batch).epochs(epochs).threads(threads).seed(seed)
        .shardSize(shard).dropout(dropout).kernels(K).build());
  }

  /** A budget of 15 epochs (not of wall time, which depends on the machine) reaches 95% test accuracy. */
  @Test
  void digitsReach95PercentTestAccuracyIn15Epochs() {
    DatasetSpec.Splits d = DatasetSpec.load("digits", 0);
    try (Trainer t = trainer(new Architecture(64, 256, 10), "sgd", 0.1, 0.9, 32, 15, 2, 0, 0, 1)) {
      TrainingResult r = t.fit(d.train(), null, d.test());
      assertTrue(r.last().testError() <= 0.05, "test error " + r.last().testError());
      assertEquals(15, r.epochs().size());
      assertTrue(r.epochs().get(0).testError() > r.last().testError(), "the test error fell during training");
    }
  }

  @Test
  void lossDecreasesDuringTheFirstEpoch() {
    DatasetSpec.Splits d = DatasetSpec.load("digits", 0);
    List<Double> losses = new ArrayList<>();
    try (Trainer t = trainer(new Architecture(64, 128, 10), "sgd", 0.05, 0, 16, 1, 1, 0, 0, 3)) {
      t.addListener(new TrainingListener() {
        @Override public void onStep(Trainer tr, int e, long s, double loss, int done, int size, double el) {
          losses.add(loss);
        }
      });
      t.fit(d.train(), null, null);
    }
    // "monotonically on average": the mean loss of each fifth of the epoch is below the previous one
    int fifth = losses.size() / 5;
    double previous = Double.POSITIVE_INFINITY;
    double first = 0;
    for (int b = 0; b < 5; b++) {
      double mean = losses.subList(b * fifth, (b + 1) * fifth).stream().mapToDouble(x -> x).average().orElseThrow();
      if (b == 0) first = mean;
      assertTrue(mean < previous, "block " + b + " mean loss " + mean + " is not below the previous " + previous + ": " + losses);
      previous = mean;
    }
    assertTrue(previous < 0.8 * first, "the loss fell only from " + first + " to " + previous);
  }

  private static float[] trainParams(Architecture a, Dataset data, int batch, int threads, int shard, double dropout, int epochs) {
    try (Trainer t = trainer(a, "sgd", 0.05, 0.9, batch, epochs, threads, shard, dropout, 7)) {
      t.fit(data, null, null);
      return t.model().parameters().clone();
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsForOneTwoAndEightThreads() {
    Dataset small = DatasetSpec.load("digits", 0).train().slice("digits-600", 0, 600);
    // mid-size: 2 data-parallel shards of 64 (parameters x batch >= 2^24, parameters < 2^18)
    Architecture sharded = new Architecture(64, 2000, 10);
    assertEquals(64, Trainer.autoShardSize(sharded.parameters(), 128));
    float[] one = trainParams(sharded, small, 128, 1, 0, 0.2, 2);
    assertArrayEquals(one, trainParams(sharded, small, 128, 2, 0, 0.2, 2), 0f, "2 threads, shards");
    assertArrayEquals(one, trainParams(sharded, small, 128, 8, 0, 0.2, 2), 0f, "8 threads, shards");
    // large: one shard, parallel GEMMs
    Architecture large = new Architecture(64, 600, 400, 10);
    assertEquals(100, Trainer.autoShardSize(large.parameters(), 100));
    float[] lone = trainParams(large, small, 100, 1, 0, 0, 1);
    assertArrayEquals(lone, trainParams(large, small, 100, 2, 0, 0, 1), 0f, "2 threads, parallel GEMM");
    assertArrayEquals(lone, trainParams(large, small, 100, 8, 0, 0, 1), 0f, "8 threads, parallel GEMM");
    // the shard size changes the summation order: a different (valid) result, so the test can fail
    assertNotEquals(java.util.Arrays.toString(one), java.util.Arrays.toString(trainParams(sharded, small, 128, 2, 48, 0.2, 2)));
  }

  /**
   * Where a step's GEMMs are split over the threads, each thread gathers its own copy of the mini-batch and its share of
   * each product reads that copy (Gemm.replicate): the same bits as on one thread, which gathers one.
   */
  @Test
  void batchCopiesPerThreadGiveBitIdenticalWeights() {
    Dataset small = DatasetSpec.load("digits", 0).train().slice("digits-600", 0, 600);
    Architecture large = new Architecture(64, 600, 400, 10);
    try (Trainer one = trainer(large, "sgd", 0.05, 0.9, 100, 1, 1, 0, 0, 7);
        Trainer two = trainer(large, "sgd", 0.05, 0.9, 100, 1, 2, 0, 0, 7);
        Trainer three = trainer(large, "sgd", 0.05, 0.9, 100, 1, 3, 0, 0, 7)) {
      assertEquals(1, one.batchCopies());
      int cpus = Runtime.getRuntime().availableProcessors();
      assertEquals(Math.min(2, cpus), two.batchCopies(), "2 threads: a copy each");
      assertEquals(Math.min(3, cpus), three.batchCopies(), "3 threads: a copy each, at most one per CPU");
      one.fit(small, null, null);
      two.fit(small, null, null);
      three.fit(small, null, null);
      assertArrayEquals(one.model().parameters(), two.model().parameters(), 0f, "2 threads");
      assertArrayEquals(one.model().parameters(), three.model().parameters(), 0f, "3 threads");
    }
  }

  /** A mini-batch of ≥ 2^14 floats is gathered in shares over the threads: the same rows, the same bits. */
  @Test
  void wideBatchesGatheredOnSeveralThreadsGiveBitIdenticalWeights() {
    Dataset wide = org.pathnorm.data.Synthetic.clusters(400, 300, 10, 11);
    Architecture a = new Architecture(300, 512, 10);
    try (Trainer t = trainer(a, "sgd", 0.05, 0.9, 64, 1, 3, 0, 0, 7)) {
      assertEquals(3, t.gatherParts(64, 300), "64 rows of 300 floats: one share per thread");
      assertEquals(1, t.gatherParts(64, 100), "64 rows of 100 floats: one gather");
    }
    float[] one = trainParams(a, wide, 64, 1, 0, 0, 1);
    assertArrayEquals(one, trainParams(a, wide, 64, 2, 0, 0, 1), 0f, "2 threads");
    assertArrayEquals(one, trainParams(a, wide, 64, 3, 0, 0, 1), 0f, "3 threads");
  }

  /**
   * Path-SGD's update computes the next step's κ on one thread (whole rows) and split over the pool on
   * several (layer 0 by rows, the others by column blocks): the weights must still be bit-identical.
   */
  @Test
  void pathSgdIsBitIdenticalForOneTwoAndEightThreads() {
    Dataset small = DatasetSpec.load("digits", 0).train().slice("digits-400", 0, 400);
    Architecture large = new Architecture(64, 600, 400, 10);
    float[][] results = new float[3][];
    int[] threadCounts = {1, 2, 8};
    for (int i = 0; i < 3; i++) {
      try (Trainer t = trainer(large, "path-sgd", 0.05, 0.9, 100, 1, threadCounts[i], 0, 0, 7)) {
        t.fit(small, null, null);
        results[i] = t.model().parameters().clone();
        assertEquals(threadCounts[i] > 1, t.optimizer().updatesWhole(), threadCounts[i] + " threads: the update splits itself over the pool");
      }
    }
    assertArrayEquals(results[0], results[1], 0f, "Path-SGD, 2 threads");
    assertArrayEquals(results[0], results[2], 0f, "Path-SGD, 8 threads");
  }

  @Test
  void resumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
    Dataset data = Synthetic.clusters(300, 12, 4, 5);
    Architecture a = new Architecture(12, 20, 20, 4);
    float[] straight;
    try (Trainer t = trainer(a, "adam", 0.01, 0, 32, 4, 2, 0, 0.3, 9)) {
      t.fit(data, null, null);
      straight = t.model().parameters().clone();
    }
    try (Trainer t = trainer(a, "adam", 0.01, 0, 32, 2, 2, 0, 0.3, 9)) {
      t.addListener(new Checkpoint(dir));
      t.fit(data, null, null);
    }
    assertTrue(Files.exists(dir.resolve(Checkpoint.INIT)) && Files.exists(dir.resolve(Checkpoint.MODEL)));
    try (Trainer t = trainer(a, "adam", 0.01, 0, 32, 4, 1, 0, 0.3, 9)) {
      assertEquals(2, Checkpoint.restore(dir, t));
      TrainingResult r = t.fit(data, null, null);
      assertEquals(2, r.epochs().size(), "only the remaining epochs run");
      assertEquals(3, r.epochs().get(0).epoch());
      assertArrayEquals(straight, t.model().parameters(), 0f, "resumed run differs from the uninterrupted one");
    }
  }

  @Test
  void divergenceStopsWithAClearMessage() {
    Dataset data = Synthetic.clusters(200, 10, 3, 1);
    try (Trainer t = trainer(new Architecture(10, 30, 3), "sgd", 1e9, 0, 20, 3, 1, 0, 0, 1)) {
      DivergenceException e = assertThrows(DivergenceException.class, () -> t.fit(data, null, null));
      assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("checkpoint"), e.getMessage());
    }
  }

  @Test
  void earlyStoppingRestoresTheBestWeights() {
    DatasetSpec.Splits d = DatasetSpec.load("digits", 300);
    Network net = new Network(new Architecture(64, 64, 10));
    Initializer.GAUSSIAN.initialize(net, 1);
    OptimizerSpec o = OptimizerSpec.of(Method.parse("sgd"));
    try (Trainer t = new Trainer(net, o, Schedule.constant(0.5, 0.9), TrainingConfig.builder().batch(20).epochs(40).patience(3)
        .kernels(K).build())) {
      TrainingResult r = t.fit(d.train(), d.validation(), null);
      double best = r.epochs().stream().mapToDouble(EpochStats::validationError).min().orElseThrow();
      assertEquals(best, t.evaluate(d.validation())[1], 1e-12, "the network holds the best validation weights");
      assertEquals(t.bestEpoch(), r.weightsFromEpoch());
    }
  }

  @Test
  void mismatchedDataIsRefused() {
    Dataset data = Synthetic.clusters(50, 7, 3, 1);
    try (Trainer t = trainer(new Architecture(8, 5, 3), "sgd", 0.1, 0, 10, 1, 1, 0, 0, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(data, null, null));
      assertTrue(e.getMessage().contains("7 features but the network takes 8 inputs"), e.getMessage());
    }
  }
}
