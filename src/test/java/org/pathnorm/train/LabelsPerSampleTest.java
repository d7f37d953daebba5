package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Dense;
import org.pathnorm.nn.Evaluation;
import org.pathnorm.nn.Layer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;

/**
 * A label at every step (character language models): a model whose output [k × V] per sample is k rows,
 * each scored against its own label; the trainer's loss is the mean over batch·k rows and its gradient is
 * that mean's.
 */
class LabelsPerSampleTest {
  static final int K = 3;
  static final int V = 4;
  static final int D = 5;

  /** A dense layer read as k rows of V outputs (what a per-step read-out declares). */
  record Steps(Dense dense, int k) implements Layer {
    @Override public int outputSteps() { return k; }
    @Override public int inputSize() { return dense.inputSize(); }
    @Override public int outputSize() { return dense.outputSize(); }
    @Override public int parameterCount() { return dense.parameterCount(); }
    @Override public List<ParameterTensor> tensors() { return dense.tensors(); }
    @Override public boolean relu() { return false; }
    @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) { return dense.newCache(maxBatch, kernels, gemm); }
    @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
      dense.forward(p, pOff, x, xOff, batch, y, cache);
    }
    @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
        boolean accumulate, float[] dX, Cache cache) {
      dense.backward(p, pOff, x, xOff, y, dY, batch, grad, gOff, accumulate, dX, cache);
    }
    @Override public void pathForward(float[] p, int pOff, double power, double[] in, double[] out, boolean biasPaths, PathCache cache) {
      dense.pathForward(p, pOff, power, in, out, biasPaths, cache);
    }
    @Override public void pathBackward(float[] p, int pOff, double power, double[] in, double[] dOut, double[] dIn, float[] dq, int dqOff,
        PathCache cache) {
      dense.pathBackward(p, pOff, power, in, dOut, dIn, dq, dqOff, cache);
    }
    @Override public int units() { return dense.units(); }
    @Override public void scaleUnit(float[] p, int pOff, int unit, double c) { dense.scaleUnit(p, pOff, unit, c); }
    @Override public void divideInput(float[] p, int pOff, int unit, double c) { dense.divideInput(p, pOff, unit, c); }
  }

  static Sequential model(long seed) {
    Sequential m = new Sequential(List.of(new Dense(D, 6, true), new Steps(new Dense(6, K * V, false), K)), List.of("0", "1"));
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = m.parameters();
    for (int i = 0; i < p.length; i++) p[i] = (float) (r.nextGaussian() * 0.5);
    return m;
  }

  static Dataset data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * D];
    int[] y = new int[n * K];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = r.nextInt(V);
    return new Dataset("steps", x, y, D, V, null, K);
  }

  /** Mean loss over the n·k rows, computed row by row from the model's outputs. */
  static double rowMean(Sequential m, Dataset d) {
    float[] out = m.predict(d.features());
    double total = 0;
    for (int r = 0; r < d.size() * K; r++) {
      total += Loss.CROSS_ENTROPY.evaluate(java.util.Arrays.copyOfRange(out, r * V, r * V + V), 1, V, d.labels(), r, 1f, null);
    }
    return total / (d.size() * K);
  }

  @Test
  void evaluationIsTheMeanOverEveryLabelledRow() {
    Sequential m = model(1);
    Dataset d = data(37, 2);
    assertEquals(K, m.labelsPerSample());
    double expected = rowMean(m, d);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0), TrainingConfig.builder().batch(8)
        .build())) {
      assertEquals(expected, t.evaluate(d)[0], 1e-6 * expected);
    }
    Evaluation e = m.evaluate(d.features(), d.labels(), Loss.CROSS_ENTROPY);
    assertEquals(expected, e.loss(), 1e-6 * expected);
    assertTrue(e.error() > 0 && e.error() < 1);
  }

  @Test
  void aStepFollowsTheGradientOfTheRowMean() {
    Sequential m = model(3);
    Dataset d = data(8, 4);
    Sequential before = m.copy();
    float lr = 0.5f;
    int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(lr, 0), TrainingConfig.builder().batch(8)
        .shardSize(3)
        .build())) {
      double loss = t.trainStep(d, order, 0, 8);
      assertEquals(rowMean(before, d), loss, 1e-5);
    }
    // central differences of the row mean, on coordinates of both layers
    for (int i : new int[] {0, 7, 29, 40, before.parameterCount() - 1}) {
      Sequential plus = before.copy();
      Sequential minus = before.copy();
      float h = 1e-2f;
      plus.parameters()[i] += h;
      minus.parameters()[i] -= h;
      double g = (rowMean(plus, d) - rowMean(minus, d)) / (2 * h);
      double step = (before.parameters()[i] - m.parameters()[i]) / lr;
      assertEquals(g, step, 2e-3 + 1e-2 * Math.abs(g), "coordinate " + i);
    }
  }

  @Test
  void labelsPerSampleMustMatchTheModel() {
    Sequential m = model(1);
    Dataset one = new Dataset("one", new float[2 * D], new int[2], D, V, null, 1);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0), TrainingConfig.builder().batch(2)
        .build())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(one, null, null));
      assertTrue(e.getMessage().contains("1 labels per sample but the model scores 3"), e.getMessage());
    }
  }
}
