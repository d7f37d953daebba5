package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.ImageShape;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.testing.SteadyStateAllocation;
import org.pathnorm.testing.ThreadAllocation;

/** The trainer on convolutional models: thread counts, batch norm on whole batches, learning, allocation. */
class ConvTrainingTest {

  /**
   * Generated images [c × s × s]: noise plus a bright k×k square whose quadrant is the label (4 classes).
   */
  static Dataset images(int n, int c, int s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * c * s * s];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(4);
      int half = s / 2;
      int top = (y[i] / 2) * half + r.nextInt(Math.max(1, half - 2)), left = (y[i] % 2) * half + r.nextInt(Math.max(1, half - 2));
      for (int ch = 0; ch < c; ch++) {
        for (int a = 0; a < s; a++) {
          for (int b = 0; b < s; b++) {
            boolean on = a >= top && a < top + 3 && b >= left && b < left + 3;
            x[((i * c + ch) * s + a) * s + b] = (float) (0.3 * r.nextGaussian() + (on ? 1.5 : 0));
          }
        }
      }
    }
    return new Dataset("squares", x, y, c * s * s, 4, new ImageShape(c, s, s));
  }

  static float[] train(Model m, Method method, int threads, int steps, Dataset data, int shard) {
    TrainingConfig c = TrainingConfig.builder().batch(32).epochs(1).threads(threads).shardSize(shard).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(method), Schedule.constant(0.02, 0.9), c)) {
      int[] order = new int[data.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      for (int s = 0; s < steps; s++) t.trainStep(data, order, 32 * s, 32);
    }
    return m.parameters().clone();
  }

  @Test
  void convTrainingIsBitIdenticalForAnyThreadCount() {
    Dataset data = images(96, 2, 11, 1);
    String spec = "2x11x11:c4k3p1-mp2-c6k3s2p1-fc8-4";
    for (Method method : new Method[] {Method.SGD, Method.PATH_SGD}) {
      float[] one = train(ConvNetSpec.parse(spec).build(3), method, 1, 3, data, 16);
      assertArrayEquals(one, train(ConvNetSpec.parse(spec).build(3), method, 2, 3, data, 16), method + ", 2 threads");
      assertArrayEquals(one, train(ConvNetSpec.parse(spec).build(3), method, 3, 3, data, 16), method + ", 3 threads");
    }
  }

  /**
   * The automatic split: a conv net (shared weights, work per sample ≫ parameters) gets two shards, a
   * dense net of the same parameter count one; training with it is bit-identical for 1, 2 and 3 threads.
   */
  @Test
  void convNetsAreShardedAutomaticallyAndStayBitIdentical() {
    String spec = "1x32x32:c8k3p1-c8k3p1-mp2-c16k3p1-mp2-4";
    Model conv = ConvNetSpec.parse(spec).build(5);
    long work = conv.multiplyAddsPerSample();
    assertEquals(8L * 9 * 1024 + 8L * 72 * 1024 + 16L * 72 * 256 + (4L * 1024 + 4), work); // the dense layer counts its parameters
    assertEquals(16, Trainer.autoShardSize(conv.parameterCount(), work, 32));
    assertEquals(32, Trainer.autoShardSize(conv.parameterCount(), conv.parameterCount(), 32));
    Dataset data = images(96, 1, 32, 2);
    float[] one = train(ConvNetSpec.parse(spec).build(5), Method.SGD, 1, 3, data, 0);
    assertArrayEquals(one, train(ConvNetSpec.parse(spec).build(5), Method.SGD, 2, 3, data, 0), "2 threads");
    assertArrayEquals(one, train(ConvNetSpec.parse(spec).build(5), Method.SGD, 3, 3, data, 0), "3 threads");
  }

  /** Batch-norm models train on whole batches (their GEMMs use the threads); parameters and running statistics agree. */
  @Test
  void batchNormTrainingIsBitIdenticalForAnyThreadCount() {
    Dataset data = images(96, 1, 9, 2);
    String spec = "1x9x9:c4k3p1bn-mp2-fc6bn-4";
    Sequential a = ConvNetSpec.parse(spec).build(5);
    float[] one = train(a, Method.SGD, 1, 3, data, 0);
    for (int threads : new int[] {2, 3}) {
      Sequential b = ConvNetSpec.parse(spec).build(5);
      assertArrayEquals(one, train(b, Method.SGD, threads, 3, data, 0), threads + " threads");
      for (var e : a.buffers().entrySet()) assertArrayEquals(e.getValue(), b.buffers().get(e.getKey()), e.getKey());
    }
    assertEquals(3f, a.buffers().get("1.num_batches_tracked")[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(ConvNetSpec.parse(spec).build(5), Method.PATH_SGD,
        1, 1, data, 0));
    assertTrue(e.getMessage().contains("batch statistics"), e.getMessage());
  }

  @Test
  void convNetsLearnTheSquares() {
    Dataset train = images(512, 1, 12, 3), test = images(256, 1, 12, 4);
    for (String spec : new String[] {"1x12x12:c6k3p1-mp2-c8k3p1-mp2-fc16-4", "1x12x12:c6k3p1bn-mp2-c8k3p1bn-ap3-4"}) {
      for (Method method : new Method[] {Method.SGD, Method.PATH_SGD}) {
        Sequential m = ConvNetSpec.parse(spec).build(7);
        if (method == Method.PATH_SGD && m.usesBatchStatistics()) continue;
        try (Trainer t = new Trainer(m, OptimizerSpec.of(method), Schedule.constant(method == Method.SGD ? 0.05 : 0.01, 0.9),
            TrainingConfig.builder().batch(32).epochs(6).build())) {
          TrainingResult r = t.fit(train, null, test);
          assertTrue(r.last().testError() < 0.1, spec + " " + method + ": test error " + r.last().testError());
          assertEquals(r.last().testError(), m.evaluate(test.features(), test.labels(), Loss.CROSS_ENTROPY).error(), 1e-12);
        }
      }
    }
  }

  /** 4 warm-up steps, then at most 5 of 60 steps may allocate, none more than 1 KiB (JVM events). */
  @Test
  void convTrainingStepsAllocateNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Dataset data = images(128, 2, 9, 5);
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (String spec : new String[] {"2x9x9:c4k3p1-mp2-c5k1-ap2-fc6-4", "2x9x9:c4k3p1bn-mp2-fc6bn-4"}) {
      for (String opt : new String[] {"sgd", "path-sgd"}) {
        Sequential m = ConvNetSpec.parse(spec).build(1);
        if (opt.equals("path-sgd") && m.usesBatchStatistics()) continue;
        try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.parse(opt)), Schedule.constant(0.01, 0.9),
            TrainingConfig.builder().batch(32).epochs(1).dropout(m.usesBatchStatistics() ? 0 : 0.2).kernels(KernelSelection.scalar()).build())) {
          SteadyStateAllocation.assertStepsAllocateNothing(counter, st -> t.trainStep(data, order, 32 * (st % 4), 32), 60,
              spec + " " + opt + ": ");
        }
      }
    }
  }
}
