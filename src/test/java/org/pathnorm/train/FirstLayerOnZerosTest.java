package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * The first layer trained on its input's zeros (its weights stored transposed during an epoch's steps) gives the dense
 * steps' bits: every epoch's losses and errors, the weights and the velocity after the run, on every kernel set, over
 * awkward widths (a last partial column panel, inputs not a multiple of a vector), with momentum and weight decay,
 * data kept as bytes and as floats; and it stays off where it cannot hold.
 */
class FirstLayerOnZerosTest {

  /** Mostly-zero 8-bit images ({@code zeros} of the pixels 0) with random labels, as bytes or as the floats v / 255. */
  private static Dataset images(int n, int d, int classes, long seed, double zeros, boolean bytes) {
    return TrainerEvaluationTest.bytesAndFloats(n, d, classes, seed, zeros)[bytes ? 0 : 1];
  }

  @AfterEach
  void restoreTheWarmupWindow() {
    CompileWarmup.reset(CompileWarmup.DEFAULT_WORK, Runtime.getRuntime().availableProcessors());
  }

  private static Trainer trainer(String arch, int batch, int epochs, Kernels k, String method, double weightDecay) {
    return trainer(arch, batch, epochs, k, method, weightDecay, 1);
  }

  private static Trainer trainer(String arch, int batch, int epochs, Kernels k, String method, double weightDecay, int threads) {
    Network net = new Network(Architecture.parse(arch));
    Initializer.GAUSSIAN.initialize(net, 3);
    Schedule schedule = Schedule.constant(0.05, 0.9);
    // every layer's weights updated inside the backward pass (the default takes only those beyond 512 KiB)
    return new Trainer(net, OptimizerSpec.of(Method.parse(method)).withWeightDecay(weightDecay).create(net, schedule, k), schedule,
        TrainingConfig.builder().batch(batch).epochs(epochs).threads(threads).seed(7).kernels(k).build(), Trainer.Fusion.EVERY_LAYER);
  }

  private record Run(List<EpochStats> history, float[] parameters, float[] velocity, long passesOnZeros) {}

  private static Run fit(String arch, int batch, Kernels k, Dataset train, Dataset test, boolean onZeros, double weightDecay,
      TrainingListener listener) {
    try (Trainer t = trainer(arch, batch, 2, k, "sgd", weightDecay)) {
      t.sparseTraining(onZeros);
      if (listener != null) t.addListener(listener);
      TrainingResult result = t.fit(train, null, test);
      float[] v = t.optimizer().state().get("velocity");
      return new Run(result.epochs(), t.model().parameters().clone(), v == null ? null : v.clone(), t.passesOnZeros());
    }
  }

  @Test
  void theStepsOnTheZerosHaveTheDenseBits() {
    for (Kernels k : KernelsUnderTest.all()) {
      // 70-150-7: 150 outputs, a last partial panel on every vector width; 33-300-10 with weight decay; 100-256-40-10;
      // 20-16-3: a first layer smaller than a chunk of xᵀ's rows at batch 64; 17-128-5 and 100-256-40-10 store their
      // weights as column panels on every kernel set (P = 8 … 128), 20-16-3 on the scalar one (P = 8)
      for (String arch : List.of("70-150-7", "33-300-10", "100-256-40-10", "20-16-3", "17-128-5")) {
        int d = Integer.parseInt(arch.substring(0, arch.indexOf('-')));
        int classes = Integer.parseInt(arch.substring(arch.lastIndexOf('-') + 1));
        double wd = arch.startsWith("33") ? 1e-3 : 0;
        for (boolean bytes : new boolean[] {true, false}) {
          Dataset train = images(301, d, classes, 5, 0.6, bytes);
          Dataset test = images(97, d, classes, 6, 0.6, bytes);
          for (int batch : new int[] {1, 17, 64}) {
            String where = k.name() + " " + arch + " batch " + batch + (bytes ? " bytes" : " floats");
            Run dense = fit(arch, batch, k, train, test, false, wd, null);
            Run zeros = fit(arch, batch, k, train, test, true, wd, null);
            assertEquals(0, dense.passesOnZeros(), where + ": turned off");
            assertTrue(zeros.passesOnZeros() > 0, where + ": the first layer never ran on the zeros");
            for (int e = 0; e < dense.history().size(); e++) {
              EpochStats a = dense.history().get(e);
              EpochStats b = zeros.history().get(e);
              assertEquals(a.trainLoss(), b.trainLoss(), 0.0, where + " epoch " + e + " training loss");
              assertEquals(a.testLoss(), b.testLoss(), 0.0, where + " epoch " + e + " test loss");
              assertEquals(a.trainError(), b.trainError(), 0.0, where + " epoch " + e + " training error");
              assertEquals(a.testError(), b.testError(), 0.0, where + " epoch " + e + " test error");
            }
            assertArrayEquals(dense.parameters(), zeros.parameters(), where + ": the weights after the run");
            assertArrayEquals(dense.velocity(), zeros.velocity(), where + ": the velocity after the run");
          }
        }
      }
    }
  }

  /**
   * On two threads (a step's products split over the pool: its two products on the zeros by panels of the units, each
   * worker updating its own), the bits of the dense steps on one, with and without a warm-up window of steps on the
   * calling thread alone; 784-256-10 (weights as column panels) and 784-200-10 (plain W₀ᵀ where 200 is no multiple of
   * the panel width).
   */
  @Test
  void onTwoThreadsTheStepsOnTheZerosHaveTheOneThreadDenseBits() {
    for (Kernels k : KernelsUnderTest.all()) {
      Dataset train = images(400, 784, 10, 11, 0.7, true);
      for (String arch : List.of("784-256-10", "784-200-10")) {
        String where = k.name() + " " + arch;
        Run dense = fit(arch, 64, k, train, null, false, 0, null);
        for (long window : new long[] {0, 3L * 64 * 203_530}) {
          // as on a machine with as many cores as workers, where the window applies
          CompileWarmup.reset(window, 2);
          Run zeros;
          try (Trainer t = trainer(arch, 64, 2, k, "sgd", 0, 2)) {
            assertTrue(t.splitsProducts(), where + ": the step's products on the pool");
            TrainingResult result = t.fit(train, null, null);
            float[] v = t.optimizer().state().get("velocity");
            zeros = new Run(result.epochs(), t.model().parameters().clone(), v.clone(), t.passesOnZeros());
          }
          assertTrue(zeros.passesOnZeros() > 0, where + ": the first layer never ran on the zeros");
          for (int e = 0; e < dense.history().size(); e++) {
            assertEquals(dense.history().get(e).trainLoss(), zeros.history().get(e).trainLoss(), 0.0, where + " epoch " + e);
          }
          assertArrayEquals(dense.parameters(), zeros.parameters(), where + " window " + window + ": the weights after the run");
          assertArrayEquals(dense.velocity(), zeros.velocity(), where + " window " + window + ": the velocity after the run");
        }
      }
    }
  }

  /**
   * Where the workers take every core, inputs whose pairs are nonzero at ≈ 0.64 evaluate on sparse rows only after
   * steps that trained the first layer on its zeros (the kernel then compiled), not after dense steps (bound 0.5).
   */
  @Test
  void onEveryCoreTheEvaluationTakesSparseRowsAfterStepsOnTheZeros() {
    int cores = Runtime.getRuntime().availableProcessors();
    Kernels k = KernelsUnderTest.all().get(0);
    Dataset train = images(600, 100, 7, 12, 0.6, false);
    for (boolean onZeros : new boolean[] {false, true}) {
      try (Trainer t = trainer("100-256-7", 32, 1, k, "sgd", 0, cores)) {
        t.sparseTraining(onZeros);
        t.fit(train, null, train);
        assertEquals(onZeros, t.passesOnZeros() > 0, "steps on the zeros");
        assertEquals(onZeros || cores == 1, t.sparseChunksEvaluated() > 0, (onZeros ? "after steps on the zeros" : "after dense steps")
            + " on " + cores + " cores");
      }
    }
  }

  /** An infinite weight on an input that is always 0: the dense product's 0·∞ is NaN, and so is the run on the zeros. */
  @Test
  void anInfiniteWeightDivergesAsInTheDenseSteps() {
    for (Kernels k : KernelsUnderTest.all()) {
      Dataset sparse = images(200, 40, 5, 9, 0.6, false);
      float[] x = sparse.features();
      for (int s = 0; s < sparse.size(); s++) x[s * 40] = 0f;
      // 150 units: plain W₀ᵀ; 128: column panels
      for (String arch : List.of("40-150-5", "40-128-5")) for (boolean onZeros : new boolean[] {false, true}) {
        try (Trainer t = trainer(arch, 20, 1, k, "sgd", 0)) {
          t.sparseTraining(onZeros);
          t.model().parameters()[0] = Float.POSITIVE_INFINITY;
          DivergenceException e = org.junit.jupiter.api.Assertions.assertThrows(DivergenceException.class, () -> t.fit(sparse, null, null),
              k.name() + " " + arch + (onZeros ? " on the zeros" : " dense"));
          assertTrue(e.getMessage().contains("mini-batch loss is NaN"), e.getMessage());
        }
      }
    }
  }

  @Test
  void itStaysOffForDenseInputsAndForAListenerThatReadsTheModelAfterEachStep() {
    Kernels k = KernelsUnderTest.all().get(0);
    Dataset dense = images(300, 50, 5, 8, 0.0, false);
    assertEquals(0, fit("50-200-5", 20, k, dense, null, true, 0, null).passesOnZeros(), "dense inputs");
    Dataset sparse = images(300, 50, 5, 8, 0.7, false);
    float[][] seen = new float[1][];
    TrainingListener reads = new TrainingListener() {
      @Override public void onStep(Trainer t, int epoch, long step, double loss, int done, int size, double elapsed) {
        seen[0] = t.model().parameters();
      }
    };
    assertEquals(0, fit("50-200-5", 20, k, sparse, null, true, 0, reads).passesOnZeros(), "a listener reading the model");
    TrainingListener onlyEpochs = new TrainingListener() {
      @Override public void onEpoch(Trainer t, EpochStats stats) {}
    };
    assertTrue(fit("50-200-5", 20, k, sparse, null, true, 0, onlyEpochs).passesOnZeros() > 0, "a listener of epochs only");
    // on the pool, a layer of one panel of units (P): no split by panels, so the dense products' split
    int p = new org.pathnorm.linalg.Gemm(k, null).sparsePanelWidth();
    CompileWarmup.reset(0, 2);
    // one panel; several (at least 64 units, so that the pool's batch is one the update takes inside the backward pass)
    for (int units : new int[] {p, Math.max(2 * p, 64)}) {
      // a step of at least 2²³ multiply-adds (the pool) and under 2²⁴ (one shard)
      int batch = (int) ((1L << 23) / (785L * units + 10L * (units + 1)) + 1);
      // the scalar kernels' one panel (8 units) would need a batch beyond the update's (Gemm.singleBlockDepth)
      if (batch > org.pathnorm.linalg.Gemm.singleBlockDepth()) continue;
      Dataset images = images(2 * batch, 784, 10, 13, 0.7, true);
      try (Trainer t = trainer("784-" + units + "-10", batch, 1, k, "sgd", 0, 2)) {
        assertTrue(t.splitsProducts(), units + " units: the step's products on the pool");
        t.fit(images, null, null);
        assertEquals(units > p, t.passesOnZeros() > 0, units + " units, panels of " + p + ", on the pool");
      }
    }
  }
}
