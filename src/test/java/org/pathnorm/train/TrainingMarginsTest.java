package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.measures.Margins;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link Trainer#trainingMargins}: the margins that the last evaluation of the training set kept are those of a forward
 * pass ({@link Margins#of(org.pathnorm.nn.Model, Dataset, Kernels, Gemm)}) bit for bit, on every evaluation path, and
 * they are given only while they are of the model's parameters and of the set asked for.
 */
class TrainingMarginsTest {

  @AfterEach
  void restoreTheWarmupWindow() {
    CompileWarmup.reset(CompileWarmup.DEFAULT_WORK, Runtime.getRuntime().availableProcessors());
  }

  private static Trainer trainer(String arch, int batch, int epochs, int threads, Kernels k, TrainingLoss report) {
    return trainer(arch, batch, epochs, threads, k, report, Trainer.Fusion.LARGE_WEIGHTS);
  }

  private static Trainer trainer(String arch, int batch, int epochs, int threads, Kernels k, TrainingLoss report, Trainer.Fusion fusion) {
    Network net = new Network(Architecture.parse(arch));
    Initializer.GAUSSIAN.initialize(net, 3);
    Schedule schedule = Schedule.constant(0.05, 0.9);
    return new Trainer(net, OptimizerSpec.of(Method.parse("sgd")).create(net, schedule, k), schedule, TrainingConfig.builder()
        .batch(batch).epochs(epochs).threads(threads).seed(7).kernels(k).trainingLoss(report).build(), fusion);
  }

  private static double[] forwardPass(Trainer t, Dataset data, Kernels k) {
    return Margins.of(t.model(), data, k, new Gemm(k, null));
  }

  @Test
  void theLastEvaluationsMarginsAreAForwardPassesBitForBit() {
    for (Kernels k : KernelsUnderTest.all()) {
      // a first layer of 128 units on inputs 60% zeros (kept as bytes: its steps on the zeros, the evaluation on sparse
      // rows), dense floats on packed weights, a deeper net with a chunk of 1 row at the end
      Dataset[] zeros = TrainerEvaluationTest.bytesAndFloats(1031, 100, 5, 11, 0.6);
      List<Object[]> cases = List.of(new Object[] {"100-128-5", zeros[0], 64}, new Object[] {"100-128-5", zeros[1], 64},
          new Object[] {"49-33-5", Synthetic.clusters(777, 49, 5, 3), 20}, new Object[] {"13-33-17-5", Synthetic.clusters(257, 13, 5, 4), 31});
      for (Object[] c : cases) {
        String arch = (String) c[0];
        Dataset train = (Dataset) c[1];
        for (int threads : new int[] {1, 2}) {
          String where = k.name() + " " + arch + " " + train.name() + " threads=" + threads;
          // every layer's weights updated in the backward pass, which the steps on the zeros need (the default: those beyond 512 KiB)
          try (Trainer t = trainer(arch, (Integer) c[2], 2, threads, k, TrainingLoss.FULL_PASS, Trainer.Fusion.EVERY_LAYER)) {
            t.keepTrainingMargins(true);
            t.fit(train, null, Synthetic.clusters(99, train.dimension(), 5, 8));
            double[] kept = t.trainingMargins(train).orElseThrow(() -> new AssertionError(where + ": no margins kept"));
            assertArrayEquals(forwardPass(t, train, k), kept, where);
            if (train == zeros[0]) {
              assertTrue(t.passesOnZeros() > 0 && t.sparseChunksEvaluated() > 0, where + ": trained on the zeros, evaluated on sparse rows");
            }
          }
        }
      }
    }
  }

  @Test
  void givenOnlyWhileOfTheParametersAndTheSet() {
    Kernels k = KernelsUnderTest.all().get(0);
    Dataset train = Synthetic.clusters(300, 8, 3, 1);
    Dataset test = Synthetic.clusters(100, 8, 3, 2);
    try (Trainer t = trainer("8-16-3", 25, 2, 1, k, TrainingLoss.FULL_PASS)) {
      t.fit(train, null, test);
      assertEquals(Optional.empty(), t.trainingMargins(train), "not kept unless asked for");
    }
    try (Trainer t = trainer("8-16-3", 25, 2, 1, k, TrainingLoss.FULL_PASS)) {
      t.keepTrainingMargins(true).fit(train, null, test);
      double[] kept = t.trainingMargins(train).orElseThrow();
      kept[0] = Double.NaN;
      assertFalse(Double.isNaN(t.trainingMargins(train).orElseThrow()[0]), "a copy each time");
      assertEquals(Optional.empty(), t.trainingMargins(test), "of the training set only");
      assertEquals(Optional.empty(), t.trainingMargins(Synthetic.clusters(300, 8, 3, 1)), "of that set, not an equal one");
      int[] order = new int[train.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      t.trainStep(train, order, 0, 25);
      assertEquals(Optional.empty(), t.trainingMargins(train), "the parameters changed since");
    }
    try (Trainer t = trainer("8-16-3", 25, 2, 1, k, TrainingLoss.FULL_PASS)) {
      t.keepTrainingMargins(true).fit(train, null, test);
      t.keepTrainingMargins(false);
      assertEquals(Optional.empty(), t.trainingMargins(train), "dropped when no longer kept");
    }
    try (Trainer t = trainer("8-16-3", 25, 2, 1, k, TrainingLoss.RUNNING)) {
      t.keepTrainingMargins(true).fit(train, null, test);
      assertEquals(Optional.empty(), t.trainingMargins(train), "no evaluation of the training set, no margins");
    }
  }

  @Test
  void earlyStoppingsRestoredWeightsHaveThemOnlyIfTheyAreTheLastEpochs() {
    Kernels k = KernelsUnderTest.all().get(0);
    Dataset train = Synthetic.clusters(400, 8, 3, 1);
    Dataset validation = Synthetic.clusters(150, 8, 3, 9);
    int restored = 0;
    // a large step size makes the validation error wander, so that some runs restore an earlier epoch's weights
    for (long seed = 1; seed <= 6; seed++) {
      Network net = new Network(Architecture.parse("8-16-3"));
      Initializer.GAUSSIAN.initialize(net, seed);
      try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(2.0, 0.9), TrainingConfig.builder()
          .batch(10).epochs(8).threads(1).seed(seed).kernels(k).patience(2).build())) {
        TrainingResult r = t.keepTrainingMargins(true).fit(train, validation, null);
        boolean last = r.weightsFromEpoch() == r.epochs().size() - 1;
        if (!last) restored++;
        assertEquals(last, t.trainingMargins(train).isPresent(), "seed " + seed + ": weights of epoch " + r.weightsFromEpoch()
            + " of " + r.epochs().size());
        if (last) assertArrayEquals(forwardPass(t, train, k), t.trainingMargins(train).orElseThrow());
      }
    }
    assertTrue(restored > 0, "no run restored earlier weights: the test does not test them");
  }
}
