package org.pathnorm.train;


import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.DdpNormalization;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.DdpOptions;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.SteadyStateAllocation;
import org.pathnorm.testing.ThreadAllocation;

/**
 * A steady-state training step allocates nothing, measured with the thread's allocation counter on
 * the scalar path (which, unlike the Vector API before C2 compiles it, never boxes). Covers one shard
 * and several shards, SGD with momentum, Adam, Path-SGD (its fused update; both also inside the weight-gradient GEMM) and dropout. The JVM itself allocates a few hundred
 * bytes once in a while on the running thread (JIT and linking events, seen as single 88 or 464-byte
 * steps among zeros), so the test looks per step: a step that allocates, say, a buffer allocates on
 * every step and fails it.
 */
class TrainStepAllocationTest {

  @Test
  void trainingStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    for (int shard : new int[] {0, 8}) {
      for (String opt : new String[] {"sgd", "adam", "rmsprop", "path-rmsprop", "path-sgd"}) {
        Architecture a = new Architecture(20, 40, 30, 5);
        Network net = new Network(a);
        Initializer.GAUSSIAN.initialize(net, 1);
        Dataset data = Synthetic.clusters(128, 20, 5, 3);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        TrainingConfig c = TrainingConfig.builder().batch(32).epochs(1).shardSize(shard).dropout(0.3).kernels(k).build();
        try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.01, 0.9), c)) {
          assertStepsAllocateNothing(counter, t, data, order, opt + " shard " + shard + ": ");
        }
        if ((opt.equals("sgd") || opt.equals("path-sgd")) && shard == 0) {
          // SGD's and Path-SGD's updates inside the weight-gradient GEMM, for every layer
          Method m = Method.parse(opt);
          try (Trainer t = new Trainer(net, OptimizerSpec.of(m).create(net, Schedule.constant(0.01, 0.9), k),
              Schedule.constant(0.01, 0.9), c, Trainer.Fusion.EVERY_LAYER)) {
            assertEquals(3, t.fusedWeights().size(), "the update runs inside the GEMM");
            assertStepsAllocateNothing(counter, t, data, order, opt + " inside the GEMM: ");
          }
        }
      }
    }
  }

  /** Steps over a set kept as bytes (the gather converts its rows): no allocation either, the float array never made. */
  @Test
  void stepsOverASetKeptAsBytesAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    byte[] px = new byte[128 * 20];
    new java.util.SplittableRandom(4).nextBytes(px);
    int[] y = new int[128];
    for (int i = 0; i < y.length; i++) y[i] = i % 5;
    Dataset data = Dataset.ofUnitBytes("bytes", px, y, 20, 5, null);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = (i * 37) % order.length;
    for (String opt : new String[] {"sgd", "path-sgd"}) {
      Network net = new Network(new Architecture(20, 40, 30, 5));
      Initializer.GAUSSIAN.initialize(net, 1);
      TrainingConfig c = TrainingConfig.builder().batch(32).epochs(1).kernels(k).build();
      try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.01, 0.9), c)) {
        assertStepsAllocateNothing(counter, t, data, order, opt + " over bytes: ");
      }
    }
  }

  /** DDP-SGD (no dropout: it refuses it), exact and frozen, with momentum: no allocation per step either. */
  @Test
  void ddpSgdStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    for (DdpOptions o : new DdpOptions[] {new DdpOptions(0.5, DdpOptions.Statistic.COVARIANCE, DdpOptions.Downstream.EXACT),
        new DdpOptions(0.5, DdpOptions.Statistic.SECOND_MOMENT, DdpOptions.Downstream.FROZEN)}) {
      Architecture a = new Architecture(20, 40, 30, 5);
      Network net = new Network(a);
      Initializer.GAUSSIAN.initialize(net, 1);
      Dataset data = Synthetic.clusters(128, 20, 5, 3);
      int[] order = new int[data.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("ddp-sgd"))
          .withDdp(o), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(32).epochs(1).kernels(k).build())) {
        assertStepsAllocateNothing(counter, t, data, order, o + ": ");
      }
    }
  }

  /** A DDP-normalised network (SGD with momentum, one shard): no allocation per step. */
  @Test
  void ddpNormalisedStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    Architecture a = new Architecture(20, 40, 30, 5);
    Network net = new Network(a, new float[a.parameters()], new DdpNormalization(a, 0.5, true));
    Initializer.GAUSSIAN.initialize(net, 1);
    Dataset data = Synthetic.clusters(128, 20, 5, 3);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.01, 0.9), TrainingConfig.builder()
        .batch(32).epochs(1).dropout(0.2).kernels(k).build())) {
      assertStepsAllocateNothing(counter, t, data, order, "DDP-normalised: ");
    }
  }

  /** A ReLU RNN (T = 10, D = 2, H = 24) with a last-step read-out, SGD and RNN-Path, one and two shards: no allocation per step. */
  @Test
  void recurrentStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    for (int shard : new int[] {0, 16}) {
      for (String opt : new String[] {"sgd", "path-sgd"}) {
        org.pathnorm.nn.Sequential net = org.pathnorm.nn.RecurrentModels.build(10, 2, new int[] {24}, org.pathnorm.nn.Recurrent.Activation.RELU,
            org.pathnorm.nn.RecurrentModels.Readout.LAST_STEP, 5, org.pathnorm.nn.RecurrentInit.IRNN, 1);
        Dataset data = Synthetic.clusters(128, 20, 5, 3);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.01, 0.9),
            TrainingConfig.builder().batch(32).epochs(1).shardSize(shard).kernels(k).build())) {
          assertStepsAllocateNothing(counter, t, data, order, "rnn " + opt + " shard " + shard + ": ");
        }
      }
    }
  }

  /**
   * A language-model shape above the recurrent layer's packed threshold (H = 257 > Recurrent.PACKED_HIDDEN
   * = 256: W_hh packed once per pass for the GEMM) with a read-out at every step, SGD and RNN-Path: no
   * allocation per step.
   */
  @Test
  void largeRecurrentStepsWithEveryStepReadoutAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    int steps = 3, symbols = 5, n = 128;
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    float[] x = new float[n * steps * symbols];
    int[] y = new int[n * steps];
    for (int i = 0; i < n * steps; i++) {
      x[i * symbols + r.nextInt(symbols)] = 1f;
      y[i] = r.nextInt(symbols);
    }
    Dataset data = new Dataset("lm-random", x, y, steps * symbols, symbols, null, steps);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (String opt : new String[] {"sgd", "path-sgd"}) {
      org.pathnorm.nn.Sequential net = org.pathnorm.nn.RecurrentModels.build(steps, symbols, new int[] {257},
          org.pathnorm.nn.Recurrent.Activation.RELU, org.pathnorm.nn.RecurrentModels.Readout.EVERY_STEP, symbols,
          org.pathnorm.nn.RecurrentInit.IRNN, 1);
      try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.001, 0.9),
          TrainingConfig.builder().batch(32).epochs(1).kernels(k).build())) {
        SteadyStateAllocation.assertStepsAllocateNothing(counter, s -> t.trainStep(data, order, 32 * (s % 4), 32), 40,
            "lm H=257 " + opt + ": ");
      }
    }
  }

  /** Truncated BPTT with the hidden state carried across windows (a language model read out at every step): no allocation per step. */
  @Test
  void carriedStateStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    Dataset data = TruncatedBpttTest.text(1500, 6).train();
    int[] order = new int[data.size()];
    Trainer.streamOrder(order, 32);
    for (int shard : new int[] {0, 16}) {
      for (String opt : new String[] {"sgd", "path-sgd"}) {
        org.pathnorm.nn.Sequential net = TruncatedBpttTest.lm(6, data.classes(), 1);
        try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.01, 0.9),
            TrainingConfig.builder().batch(32).epochs(1).shardSize(shard).hiddenState(HiddenState.CARRIED).kernels(k).build())) {
          SteadyStateAllocation.assertStepsAllocateNothing(counter, s -> t.trainStep(data, order, 32 * (s % 4), 32), 100,
              "carried state " + opt + " shard " + shard + ": ");
        }
      }
    }
  }

  /** Regression (squared error on the addition problem's real-valued targets): no allocation per step. */
  @Test
  void regressionStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Kernels k = KernelSelection.scalar();
    Dataset data = org.pathnorm.data.DatasetSpec.load("addition:steps=10,train=128,test=4", 0).train();
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (int shard : new int[] {0, 16}) {
      for (String opt : new String[] {"sgd", "path-sgd"}) {
        org.pathnorm.nn.Sequential net = org.pathnorm.nn.RecurrentModels.build(10, 2, new int[] {24}, org.pathnorm.nn.Recurrent.Activation.RELU,
            org.pathnorm.nn.RecurrentModels.Readout.LAST_STEP, 1, org.pathnorm.nn.RecurrentInit.GAUSSIAN, 1);
        try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.001, 0.9),
            TrainingConfig.builder().batch(32).epochs(1).shardSize(shard).loss(Loss.SQUARED_ERROR).kernels(k).build())) {
          assertStepsAllocateNothing(counter, t, data, order, "addition " + opt + " shard " + shard + ": ");
        }
      }
    }
  }

  private static void assertStepsAllocateNothing(ThreadAllocation counter, Trainer t, Dataset data, int[] order, String what) {
    SteadyStateAllocation.assertStepsAllocateNothing(counter, s -> t.trainStep(data, order, 32 * (s % 4), 32), 100, what);
  }
}
