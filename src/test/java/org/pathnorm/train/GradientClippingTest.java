package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/** Clipping in the trainer: a plain SGD step moves by η·(clipped g); deterministic for any thread count. */
class GradientClippingTest {

  private static float[] oneStep(Sequential m, GradientClipping clip, int threads, int steps) {
    Dataset data = DatasetSpec.load("digits", 0).train();
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    TrainingConfig c = TrainingConfig.builder().batch(32).epochs(1).threads(threads).shardSize(16).clipping(clip).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0), c)) {
      for (int s = 0; s < steps; s++) t.trainStep(data, order, 32 * s, 32);
    }
    return m.parameters().clone();
  }

  @Test
  void clipsTheSummedGradient() {
    float[] start = RecurrentTrainingTest.rnn(5).parameters().clone();
    float[] free = oneStep(RecurrentTrainingTest.rnn(5), new GradientClipping.None(), 1, 1);
    double norm = 0;
    for (int i = 0; i < start.length; i++) norm += Math.pow((start[i] - free[i]) / 0.1, 2);
    norm = Math.sqrt(norm);
    double max = norm / 4;
    float[] clipped = oneStep(RecurrentTrainingTest.rnn(5), new GradientClipping.GlobalNorm(max), 1, 1);
    double moved = 0;
    for (int i = 0; i < start.length; i++) {
      moved += Math.pow(start[i] - clipped[i], 2);
      // the direction is unchanged: each coordinate moved by a quarter of the free step
      assertEquals((start[i] - free[i]) / 4, start[i] - clipped[i], 1e-4 * Math.abs(start[i] - free[i]) + 1e-6, "parameter " + i);
    }
    assertEquals(0.1 * max, Math.sqrt(moved), 1e-3 * 0.1 * max);
    float[] loose = oneStep(RecurrentTrainingTest.rnn(5), new GradientClipping.GlobalNorm(norm * 2), 1, 1);
    assertArrayEquals(free, loose, "a norm below the threshold is left alone");
    double cap = 1e-3;
    float[] value = oneStep(RecurrentTrainingTest.rnn(5), new GradientClipping.ElementWise(cap), 1, 1);
    boolean hit = false;
    for (int i = 0; i < start.length; i++) {
      double step = (start[i] - value[i]) / 0.1, free1 = (start[i] - free[i]) / 0.1;
      assertTrue(Math.abs(step) <= cap * (1 + 1e-3) + 1e-6, "parameter " + i + " stepped " + step);
      if (Math.abs(free1) > 2 * cap) {
        hit = true;
        assertEquals(Math.signum(free1) * cap, step, 1e-3 * cap + 1e-6);
      }
    }
    assertTrue(hit, "some coordinate exceeded the cap");
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    for (GradientClipping c : new GradientClipping[] {new GradientClipping.GlobalNorm(0.05), new GradientClipping.ElementWise(1e-3)}) {
      float[] one = oneStep(RecurrentTrainingTest.rnn(2), c, 1, 3);
      assertArrayEquals(one, oneStep(RecurrentTrainingTest.rnn(2), c, 2, 3), c + ", 2 threads");
      assertArrayEquals(one, oneStep(RecurrentTrainingTest.rnn(2), c, 3, 3), c + ", 3 threads");
    }
  }

  @Test
  void parsesAndRefuses() {
    assertEquals(new GradientClipping.GlobalNorm(1.5), GradientClipping.parse("norm:1.5"));
    assertEquals(new GradientClipping.ElementWise(0.1), GradientClipping.parse("value:0.1"));
    assertEquals(new GradientClipping.None(), GradientClipping.parse("none"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("norm:-1"));
    assertTrue(e.getMessage().contains("--clip-norm"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("max"));
  }
}
