package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.ParameterRange;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * SGD's and Path-SGD's updates of a dense network's weights inside the weight-gradient GEMM give the bits of
 * the separate update pass: awkward widths, partial last batches, momentum and weight decay, a step-size
 * schedule, one thread and a pool, both kernel paths; and they are used only where they apply.
 */
class FusedUpdateTest {
  private static final DatasetSpec.Splits DIGITS = DatasetSpec.load("digits", 0);

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelsUnderTest.all()) {
      b.add(Arguments.of(k, new int[] {64, 7, 10}, 1, 16, 0.0, 0.0, 1));
      b.add(Arguments.of(k, new int[] {64, 17, 33, 10}, 7, 33, 0.9, 1e-3, 1));
      b.add(Arguments.of(k, new int[] {64, 100, 10}, 100, 100, 0.9, 0.0, 2));
      // large enough for the pool (work x batch >= 2^23), one shard: the GEMMs split rows and columns
      b.add(Arguments.of(k, new int[] {64, 1000, 10}, 256, 256, 0.9, 1e-4, 2));
      b.add(Arguments.of(k, new int[] {64, 1000, 31, 10}, 200, 200, 0.5, 0.0, 3));
    }
    return b.build();
  }

  private static Trainer trainer(Kernels k, int[] widths, int batch, int shard, double momentum, double weightDecay, int threads,
      Trainer.Fusion fusion) {
    Network net = new Network(new Architecture(widths));
    Initializer.GAUSSIAN.initialize(net, 7);
    TrainingConfig c = TrainingConfig.builder().batch(batch).epochs(2).threads(threads).seed(3).shardSize(shard).kernels(k).build();
    OptimizerSpec o = OptimizerSpec.of(Method.SGD).withWeightDecay(weightDecay);
    return new Trainer(net, o.create(net, Schedule.step(0.05, momentum, 0.5, 1), k), Schedule.step(0.05, momentum, 0.5, 1), c, fusion);
  }

  @ParameterizedTest(name = "{0} {1} batch {2} shard {3} momentum {4} decay {5} threads {6}")
  @MethodSource("cases")
  void updatesInsideTheGradientGiveTheBitsOfTheSeparatePass(Kernels k, int[] widths, int batch, int shard, double momentum,
      double weightDecay, int threads) {
    float[] separate;
    float[] fused;
    try (Trainer t = trainer(k, widths, batch, shard, momentum, weightDecay, threads, Trainer.Fusion.NONE)) {
      assertEquals(List.of(), t.fusedWeights());
      t.fit(DIGITS.train(), null, null);
      separate = t.model().parameters().clone();
    }
    try (Trainer t = trainer(k, widths, batch, shard, momentum, weightDecay, threads, Trainer.Fusion.EVERY_LAYER)) {
      Architecture a = ((Network) t.model()).architecture();
      assertEquals(a.depth(), t.fusedWeights().size(), "every dense layer's weights");
      for (int i = 0; i < a.depth(); i++) {
        assertEquals(new ParameterRange(a.weightOffset(i), a.weightOffset(i) + a.in(i) * a.out(i)), t.fusedWeights().get(i));
      }
      t.fit(DIGITS.train(), null, null);
      fused = t.model().parameters().clone();
    }
    assertArrayEquals(separate, fused, "parameters after two epochs");
  }

  static Stream<Arguments> pathCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelsUnderTest.all()) {
      b.add(Arguments.of(k, new int[] {64, 10}, 16, 0.0, 1));
      b.add(Arguments.of(k, new int[] {64, 7, 10}, 1, 0.9, 1));
      // rows beyond one row block (128) of the column sums, and a partial last block
      b.add(Arguments.of(k, new int[] {64, 300, 10}, 33, 0.9, 2));
      b.add(Arguments.of(k, new int[] {64, 17, 259, 10}, 100, 0.0, 3));
      // large enough for the pool (work x batch >= 2^23) and κ's parallel passes: the GEMMs split at row blocks
      b.add(Arguments.of(k, new int[] {64, 1000, 10}, 256, 0.9, 2));
      b.add(Arguments.of(k, new int[] {64, 1000, 131, 10}, 200, 0.9, 3));
      b.add(Arguments.of(k, new int[] {64, 700, 400, 10}, 128, 0.5, 2));
    }
    return b.build();
  }

  private static Trainer pathTrainer(Kernels k, int[] widths, int batch, double momentum, int threads, Trainer.Fusion fusion) {
    Network net = new Network(new Architecture(widths));
    Initializer.GAUSSIAN.initialize(net, 7);
    // one shard: two would sum their gradients first
    TrainingConfig c = TrainingConfig.builder().batch(batch).epochs(2).threads(threads).seed(3).shardSize(batch).kernels(k).build();
    Schedule schedule = Schedule.step(0.02, momentum, 0.5, 1);
    return new Trainer(net, OptimizerSpec.of(Method.PATH_SGD).create(net, schedule, k), schedule, c, fusion);
  }

  /**
   * Path-SGD's whole step at the end of the backward pass, its weights updated inside the GEMMs in its layer
   * order, gives the bits of the update after the pass, κ and momentum included.
   */
  @ParameterizedTest(name = "{0} {1} batch {2} momentum {3} threads {4}")
  @MethodSource("pathCases")
  void pathSgdInsideTheGradientGivesTheBitsOfTheSeparatePass(Kernels k, int[] widths, int batch, double momentum, int threads) {
    float[] separate;
    float[] fused;
    try (Trainer t = pathTrainer(k, widths, batch, momentum, threads, Trainer.Fusion.NONE)) {
      t.fit(DIGITS.train(), null, null);
      separate = t.model().parameters().clone();
    }
    try (Trainer t = pathTrainer(k, widths, batch, momentum, threads, Trainer.Fusion.EVERY_LAYER)) {
      Architecture a = ((Network) t.model()).architecture();
      assertEquals(a.depth(), t.fusedWeights().size(), "every dense layer's weights");
      t.fit(DIGITS.train(), null, null);
      fused = t.model().parameters().clone();
    }
    for (float v : separate) assertTrue(Float.isFinite(v), "Path-SGD stays finite");
    assertArrayEquals(separate, fused, "parameters after two epochs");
  }

  private static org.pathnorm.optim.Optimizer sgd(Network net, Kernels k) {
    return OptimizerSpec.of(Method.SGD).create(net, Schedule.constant(0.1, 0.9), k);
  }

  @Test
  void onlySgdAndPathSgdOnOneShardOfAtMost256SamplesForWeightsBeyondL2() {
    Kernels k = KernelsUnderTest.all().get(0);
    // 784 x 1024 floats = 3.2 MB: beyond any L2 that this project's machines have; 1024 x 10 = 40 KB within
    Network large = new Network(new Architecture(784, 1024, 10));
    TrainingConfig base = TrainingConfig.builder().batch(64).epochs(1).kernels(k).build();
    try (Trainer t = new Trainer(large, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0.9), base)) {
      assertEquals(List.of(new ParameterRange(0, 784 * 1024)), t.fusedWeights(), "plain SGD on one shard, the large matrix");
    }
    Network net = new Network(new Architecture(64, 100, 10));
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0.9), base)) {
      assertEquals(List.of(), t.fusedWeights(), "weights in L2 keep the separate pass");
    }
    try (Trainer t = new Trainer(net, sgd(net, k), Schedule.constant(0.1, 0.9), base, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(2, t.fusedWeights().size(), "every layer when asked");
    }
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.PATH_SGD).create(net, Schedule.constant(0.1, 0.9), k), Schedule.constant(0.1, 0.9), base,
        Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(2, t.fusedWeights().size(), "Path-SGD, κ every step");
    }
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.PATH_SGD).withKappaEvery(2).create(net, Schedule.constant(0.1, 0.9), k),
        Schedule.constant(0.1, 0.9), base, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "Path-SGD with κ kept between steps updates after the pass");
    }
    Network deeper = new Network(new Architecture(64, 20, 20, 20, 10));
    try (Trainer t = new Trainer(deeper, OptimizerSpec.of(Method.PATH_SGD).create(deeper, Schedule.constant(0.1, 0.9), k),
        Schedule.constant(0.1, 0.9), base, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "Path-SGD's fused order needs depth <= 3");
    }
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.ADAM).create(net, Schedule.constant(0.001, 0), k), Schedule.constant(0.001, 0),
        base, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "Adam has no update inside the GEMM");
    }
    TrainingConfig clipped = TrainingConfig.builder().batch(64).epochs(1).kernels(k).clipping(new GradientClipping.GlobalNorm(1)).build();
    try (Trainer t = new Trainer(net, sgd(net, k), Schedule.constant(0.1, 0.9), clipped, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "clipping needs the whole gradient first");
    }
    TrainingConfig shards = TrainingConfig.builder().batch(64).shardSize(32).epochs(1).kernels(k).build();
    try (Trainer t = new Trainer(net, sgd(net, k), Schedule.constant(0.1, 0.9), shards, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "shards' gradients are summed first");
    }
    TrainingConfig deep = TrainingConfig.builder().batch(300).epochs(1).kernels(k).build();
    try (Trainer t = new Trainer(net, sgd(net, k), Schedule.constant(0.1, 0.9), deep, Trainer.Fusion.EVERY_LAYER)) {
      assertEquals(List.of(), t.fusedWeights(), "a mini-batch deeper than one GEMM block");
    }
  }
}
