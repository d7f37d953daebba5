package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link Trainer#evaluate} on all threads against the plain one-workspace loop it replaced, and the running training loss. */
class TrainerEvaluationTest {

  private static Trainer trainer(String arch, int batch, int epochs, int threads, Kernels k, TrainingLoss report) {
    Network net = new Network(Architecture.parse(arch));
    Initializer.GAUSSIAN.initialize(net, 3);
    return new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.05, 0.9),
        TrainingConfig.builder().batch(batch).epochs(epochs).threads(threads).seed(7).kernels(k).trainingLoss(report).build());
  }

  /** The evaluation as it was: one workspace, chunks of max(batch, 256) rows in order, the chunk sums added in order. */
  static double[] reference(Model net, Dataset data, int batch, Kernels k, Loss loss) {
    int chunk = Math.max(batch, 256);
    ModelWorkspace ws = net.newWorkspace(chunk, k, new Gemm(k, null));
    int d = data.dimension();
    int c = net.outputSize();
    double sum = 0;
    long errors = 0;
    for (int first = 0; first < data.size(); first += chunk) {
      int rows = Math.min(chunk, data.size() - first);
      float[] out = ws.forward(net, data.features(), first * d, rows);
      sum += loss.evaluate(out, rows, c, data.labels(), first, 1f, null);
      errors += Loss.errors(out, rows, c, data.labels(), first);
    }
    return new double[] {sum / data.size(), errors / (double) data.size()};
  }

  @Test
  void evaluationOnAnyThreadCountEqualsThePlainLoopBitForBit() {
    for (Kernels k : KernelsUnderTest.all()) {
      // small steps (no training pool: evaluation gets a pool of its own) and a step worth a pool (200-300-10 at batch 300)
      // and 40-700-9: chunks of 256 rows narrower than the hidden layer (the plain pass computes it as (W·xᵀ)ᵀ)
      for (String arch : List.of("13-33-17-5", "200-300-10", "40-700-9")) {
        int d = Integer.parseInt(arch.substring(0, arch.indexOf('-')));
        int batch = arch.startsWith("200") ? 300 : 31;
        for (int n : new int[] {1, 7, 255, 257, 1000, 1537}) {
          Dataset data = Synthetic.clusters(n, d, 5, n);
          double[] expected = null;
          for (int threads : new int[] {1, 2, 3}) {
            try (Trainer t = trainer(arch, batch, 1, threads, k, TrainingLoss.FULL_PASS)) {
              // a few steps first, so the weights are not the initial ones
              int[] order = new int[n];
              for (int i = 0; i < n; i++) order[i] = i;
              for (int first = 0; first + batch <= n && first < 3 * batch; first += batch) t.trainStep(data, order, first, batch);
              double[] got = t.evaluate(data);
              assertTrue(t.evaluatedOnPackedWeights(), "a plain network evaluates on weights packed once");
              double[] ref = reference(t.model(), data, batch, k, Loss.CROSS_ENTROPY);
              String where = k.name() + " " + arch + " n=" + n + " threads=" + threads;
              assertEquals(ref[0], got[0], 0.0, where);
              assertEquals(ref[1], got[1], 0.0, where);
              if (expected == null) expected = got;
              assertEquals(expected[0], got[0], 0.0, where + ": differs from 1 thread");
              assertEquals(expected[1], got[1], 0.0, where + ": differs from 1 thread");
            }
          }
        }
      }
    }
  }

  /** Random 8-bit images with random labels: the same data kept as bytes and given as the floats v / 255. */
  private static Dataset[] bytesAndFloats(int n, int d, int classes, long seed) {
    return bytesAndFloats(n, d, classes, seed, 0.0);
  }

  /** As {@link #bytesAndFloats(int, int, int, long)} with a share {@code zeros} of the pixels 0 (and some more at random). */
  static Dataset[] bytesAndFloats(int n, int d, int classes, long seed, double zeros) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    byte[] px = new byte[n * d];
    r.nextBytes(px);
    for (int i = 0; i < px.length; i++) if (r.nextDouble() < zeros) px[i] = 0;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
    float[] x = new float[px.length];
    for (int i = 0; i < px.length; i++) x[i] = (px[i] & 0xff) / 255f;
    return new Dataset[] {Dataset.ofUnitBytes("bytes", px, y, d, classes, null), new Dataset("floats", x, y, d, classes)};
  }

  /**
   * Training and evaluating on a set kept as bytes gives the bits of the same values given as floats: the
   * gather (whole and split over threads), the evaluation's chunks and the weights after every epoch.
   */
  @Test
  void aSetKeptAsBytesTrainsAndEvaluatesAsItsFloats() {
    for (Kernels k : KernelsUnderTest.all()) {
      // 200-300-10 at batch 300: a step worth the pool, its gather split over the threads
      for (String arch : List.of("49-33-5", "200-300-10")) {
        int d = Integer.parseInt(arch.substring(0, arch.indexOf('-')));
        int classes = Integer.parseInt(arch.substring(arch.lastIndexOf('-') + 1));
        int batch = d == 200 ? 300 : 20;
        Dataset[] train = bytesAndFloats(1203, d, classes, 5);
        Dataset[] test = bytesAndFloats(517, d, classes, 6);
        for (int threads : new int[] {1, 2}) {
          List<List<EpochStats>> stats = new ArrayList<>();
          List<float[]> weights = new ArrayList<>();
          for (int form = 0; form < 2; form++) {
            try (Trainer t = trainer(arch, batch, 2, threads, k, TrainingLoss.FULL_PASS)) {
              stats.add(t.fit(train[form], null, test[form]).epochs());
              weights.add(t.model().parameters().clone());
            }
          }
          String where = k.name() + " " + arch + " threads=" + threads;
          org.junit.jupiter.api.Assertions.assertArrayEquals(weights.get(1), weights.get(0), 0f, where);
          for (int e = 0; e < 2; e++) {
            EpochStats a = stats.get(0).get(e), b = stats.get(1).get(e);
            assertEquals(b.trainLoss(), a.trainLoss(), 0.0, where);
            assertEquals(b.trainError(), a.trainError(), 0.0, where);
            assertEquals(b.testLoss(), a.testLoss(), 0.0, where);
            assertEquals(b.testError(), a.testError(), 0.0, where);
          }
        }
      }
    }
  }

  /**
   * Mostly-zero inputs (80% zeros, as MNIST's 81%: pairs of rows nonzero at ≈ 0.36 of their inputs, under the bound on
   * any thread count) evaluate on sparse rows ({@link Trainer#sparseChunksEvaluated}) with the bits of the plain loop;
   * dense ones never take that path.
   */
  @Test
  void mostlyZeroInputsEvaluateOnSparseRowsAsThePlainLoopBitForBit() {
    for (Kernels k : KernelsUnderTest.all()) {
      for (String arch : List.of("100-40-7", "200-300-10")) {
        int d = Integer.parseInt(arch.substring(0, arch.indexOf('-')));
        int classes = Integer.parseInt(arch.substring(arch.lastIndexOf('-') + 1));
        int batch = d == 200 ? 300 : 31;
        for (int n : new int[] {1, 7, 257, 1000}) {
          Dataset[] data = bytesAndFloats(n, d, classes, n, 0.8);
          for (int form = 0; form < 2; form++) {
            for (int threads : new int[] {1, 2, 3}) {
              try (Trainer t = trainer(arch, batch, 1, threads, k, TrainingLoss.FULL_PASS)) {
                int[] order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
                for (int first = 0; first + batch <= n && first < 3 * batch; first += batch) t.trainStep(data[form], order, first, batch);
                double[] got = t.evaluate(data[form]);
                String where = k.name() + " " + arch + " n=" + n + " " + data[form].name() + " threads=" + threads;
                if (n >= 257) assertTrue(t.sparseChunksEvaluated() > 0, where + ": no chunk on sparse rows");
                double[] ref = reference(t.model(), data[1], batch, k, Loss.CROSS_ENTROPY);
                assertEquals(ref[0], got[0], 0.0, where);
                assertEquals(ref[1], got[1], 0.0, where);
                // again after a step: the chunks' pairings kept from the first evaluation
                if (batch <= n) t.trainStep(data[form], order, 0, batch);
                got = t.evaluate(data[form]);
                ref = reference(t.model(), data[1], batch, k, Loss.CROSS_ENTROPY);
                assertEquals(ref[0], got[0], 0.0, where + ", second evaluation");
                assertEquals(ref[1], got[1], 0.0, where + ", second evaluation");
              }
            }
          }
        }
      }
      try (Trainer t = trainer("13-33-17-5", 20, 1, 1, k, TrainingLoss.FULL_PASS)) {
        t.evaluate(Synthetic.clusters(600, 13, 5, 3));
        assertEquals(0, t.sparseChunksEvaluated(), k.name() + ": dense inputs on sparse rows");
      }
    }
  }

  /**
   * A chunk's pairing kept from an earlier evaluation is only a cost: after a set's values change (other zeros), its
   * evaluation on the old pairings still gives the plain loop's bits.
   */
  @Test
  void aSetWhoseZerosChangedStillEvaluatesAsThePlainLoop() {
    for (Kernels k : KernelsUnderTest.all()) {
      Dataset data = bytesAndFloats(700, 100, 7, 9, 0.8)[1];
      try (Trainer t = trainer("100-40-7", 31, 1, 1, k, TrainingLoss.FULL_PASS)) {
        t.evaluate(data);
        int before = t.sparseChunksEvaluated();
        float[] x = data.features();
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < x.length; i++) {
          if (r.nextInt(5) == 0) x[i] = x[i] == 0f ? (float) r.nextDouble() : 0f;
        }
        double[] got = t.evaluate(data);
        assertTrue(t.sparseChunksEvaluated() > before, k.name() + ": the second evaluation on sparse rows");
        double[] ref = reference(t.model(), data, 31, k, Loss.CROSS_ENTROPY);
        assertEquals(ref[0], got[0], 0.0, k.name());
        assertEquals(ref[1], got[1], 0.0, k.name());
      }
    }
  }

  /**
   * Inputs 60% zeros (pairs of rows nonzero at ≈ 0.64 of their inputs, as Fashion-MNIST's 0.63) take the product on
   * sparse rows where a core is left for the JIT (bound 0.7), not where the workers take every core (bound 0.5).
   */
  @Test
  void theBoundOnSparseChunksDependsOnWhetherTheWorkersTakeEveryCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    Dataset data = bytesAndFloats(1000, 100, 7, 3, 0.6)[0];
    for (int threads : new int[] {1, cores}) {
      try (Trainer t = trainer("100-40-7", 31, 1, threads, org.pathnorm.simd.KernelSelection.kernels(), TrainingLoss.FULL_PASS)) {
        t.evaluate(data);
        assertEquals(threads < cores, t.sparseChunksEvaluated() > 0, "threads=" + threads + " of " + cores + " cores");
      }
    }
  }

  /** An epoch over a set kept as bytes never makes its float array (four times the bytes), dense or mostly zeros. */
  @Test
  void anEpochOverASetKeptAsBytesMakesNoFloatArray() {
    for (double zeros : new double[] {0.0, 0.8}) {
      epochOverBytesMakesNoFloatArray(bytesAndFloats(20_000, 784, 10, 7, zeros));
    }
  }

  private static void epochOverBytesMakesNoFloatArray(Dataset[] data) {
    // the scalar kernels: Vector API code not yet compiled by C2 allocates its vectors
    try (Trainer t = trainer("784-16-10", 64, 1, 1, org.pathnorm.simd.KernelSelection.scalar(), TrainingLoss.FULL_PASS)) {
      t.fit(data[1], null, data[1]); // the code warm, its buffers made
      org.pathnorm.testing.ThreadAllocation counter = org.pathnorm.testing.ThreadAllocation.ofCurrentThread();
      long before = counter.bytes();
      t.fit(data[0], null, data[0]);
      long allocated = counter.bytes() - before;
      long floats = 4L * data[0].unitBytes().length;
      assertTrue(allocated < floats / 4, "an epoch allocated " + allocated + " bytes; the float array is " + floats);
    }
  }

  @Test
  void epochStatsEqualThePlainLoopAndAreTheSameOnOneAndTwoThreads() {
    Dataset train = Synthetic.clusters(700, 13, 5, 1);
    Dataset test = Synthetic.clusters(300, 13, 5, 2);
    for (Kernels k : KernelsUnderTest.all()) {
      List<List<EpochStats>> runs = new ArrayList<>();
      for (int threads : new int[] {1, 2}) {
        try (Trainer t = trainer("13-33-17-5", 20, 3, threads, k, TrainingLoss.FULL_PASS)) {
          int[] checked = {0};
          t.addListener(new TrainingListener() {
            @Override public void onEpoch(Trainer tr, EpochStats s) {
              double[] tr0 = reference(tr.model(), train, 20, k, Loss.CROSS_ENTROPY);
              double[] te0 = reference(tr.model(), test, 20, k, Loss.CROSS_ENTROPY);
              assertEquals(tr0[0], s.trainLoss(), 0.0);
              assertEquals(tr0[1], s.trainError(), 0.0);
              assertEquals(te0[0], s.testLoss(), 0.0);
              assertEquals(te0[1], s.testError(), 0.0);
              checked[0]++;
            }
          });
          runs.add(t.fit(train, null, test).epochs());
          assertEquals(3, checked[0]);
        }
      }
      for (int e = 0; e < 3; e++) {
        EpochStats a = runs.get(0).get(e), b = runs.get(1).get(e);
        assertEquals(a.trainLoss(), b.trainLoss(), 0.0);
        assertEquals(a.trainError(), b.trainError(), 0.0);
        assertEquals(a.testLoss(), b.testLoss(), 0.0);
        assertEquals(a.testError(), b.testError(), 0.0);
      }
    }
  }

  @Test
  void runningTrainingLossIsTheSizeWeightedMeanOfTheEpochsBatchLosses() {
    Dataset train = Synthetic.clusters(333, 13, 5, 4);  // 333 = 10 batches of 32 and one of 13
    try (Trainer t = trainer("13-33-17-5", 32, 2, 2, KernelsUnderTest.all().get(0), TrainingLoss.RUNNING)) {
      double[] sum = new double[2];
      int[] last = new int[2];
      t.addListener(new TrainingListener() {
        @Override public void onStep(Trainer tr, int epoch, long step, double batchLoss, int samplesInEpoch, int total, double elapsed) {
          sum[epoch] += batchLoss * (samplesInEpoch - last[epoch]);
          last[epoch] = samplesInEpoch;
        }
      });
      List<EpochStats> h = t.fit(train, null, null).epochs();
      for (int e = 0; e < 2; e++) {
        assertEquals(333, last[e]);
        assertEquals(sum[e] / 333, h.get(e).trainLoss(), 1e-12 * Math.abs(sum[e]));
        assertTrue(Double.isNaN(h.get(e).trainError()), "no training error under RUNNING");
      }
      // the weights are those of the default report: the option changes only what is reported
      try (Trainer full = trainer("13-33-17-5", 32, 2, 2, KernelsUnderTest.all().get(0), TrainingLoss.FULL_PASS)) {
        full.fit(train, null, null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(full.model().parameters(), t.model().parameters(), 0f);
      }
    }
  }

  @Test
  void trainingLossParsesAndRejectsWithTheOptionName() {
    assertEquals(TrainingLoss.RUNNING, TrainingLoss.parse(" Running", "--train-loss"));
    assertEquals(TrainingLoss.FULL_PASS, TrainingLoss.parse("full", "--train-loss"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> TrainingLoss.parse("fast", "--train-loss"));
    assertEquals("--train-loss: expected full or running, got 'fast'", e.getMessage());
  }
}
