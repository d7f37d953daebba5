package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Evaluation;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/**
 * The trainer on real-valued targets (Loss.SQUARED_ERROR): the addition problem at a small T is learnt
 * (test MSE far below the trivial 1/6), runs are bit-identical for any thread count, the reported loss
 * is the MSE that Model.evaluate computes, and targets against a label loss (or the reverse) are refused.
 */
class RegressionTrainingTest {
  static final double TRIVIAL_MSE = 1.0 / 6;

  static Sequential rnn(int steps, int hidden, long seed) {
    return RecurrentModels.build(steps, 2, new int[] {hidden}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
        RecurrentInit.IRNN, seed);
  }

  static TrainingConfig config(int threads, int epochs) {
    return TrainingConfig.builder().batch(50).epochs(epochs).threads(threads).seed(5).loss(Loss.SQUARED_ERROR).shardSize(25).build();
  }

  @Test
  void rnnPathLearnsTheAdditionProblemAtSmallT() {
    DatasetSpec.Splits d = DatasetSpec.load("addition:steps=10,train=3000,test=500,seed=2", 0);
    // RNN-Path from the Gaussian init (at the IRNN init the tiny input weights make κ⁽¹⁾ of W_hh tiny and the steps diverge)
    Sequential m = RecurrentModels.build(10, 2, new int[] {32}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
        RecurrentInit.GAUSSIAN, 1);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.PATH_SGD), Schedule.constant(0.01, 0.9), config(1, 10))) {
      TrainingResult r = t.fit(d.train(), null, d.test());
      double mse = r.last().testLoss();
      assertTrue(mse < 0.3 * TRIVIAL_MSE, "test MSE " + mse + " (always predicting 1: " + TRIVIAL_MSE + ")");
      Evaluation e = m.evaluate(d.test().features(), d.test().targets());
      assertEquals(mse, e.loss(), 1e-12 * Math.max(1, mse), "the trainer reports what Model.evaluate computes");
      assertEquals(r.last().testError(), e.error(), 1e-12);
      assertTrue(e.error() < 0.9, "error fraction (|o - t| >= 0.04) " + e.error());
    }
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    Dataset data = DatasetSpec.load("addition:steps=6,train=400,test=10,seed=3", 0).train();
    float[] one = train(data, 1);
    assertArrayEquals(one, train(data, 2), "2 threads");
    assertArrayEquals(one, train(data, 3), "3 threads");
  }

  private static float[] train(Dataset data, int threads) {
    Sequential m = rnn(6, 8, 4);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), config(threads, 2))) {
      t.fit(data, null, null);
    }
    return m.parameters();
  }

  @Test
  void targetsAndLabelLossesAreNotMixed() {
    Dataset add = DatasetSpec.load("addition:steps=4,train=20,test=5", 0).train();
    TrainingConfig ce = TrainingConfig.builder().batch(10).epochs(1).build();
    try (Trainer t = new Trainer(rnn(4, 4, 1), OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0), ce)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(add, null, null));
      assertTrue(e.getMessage().contains("--loss squared-error"), e.getMessage());
    }
    Dataset digits = DatasetSpec.load("seq:digits", 0).train();
    Sequential m = RecurrentModels.build(64, 1, new int[] {4}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 10,
        RecurrentInit.IRNN, 1);
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0), config(1, 1))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(digits, null, null));
      assertTrue(e.getMessage().contains("class labels"), e.getMessage());
    }
  }
}
