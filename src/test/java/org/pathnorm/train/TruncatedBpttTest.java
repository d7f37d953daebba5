package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.CharText;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/**
 * The trainer's truncated BPTT ({@link HiddenState#CARRIED}, docs/algorithms.md §3.4): the stream order
 * visits every window once with row b continuing stream b; training is bit-identical for any thread
 * count (several shards, each carrying its rows); streamed evaluation equals one long pass over each
 * stream's concatenated windows; the carried state changes training; a model without state is refused.
 */
class TruncatedBpttTest {

  static DatasetSpec.Source text(int chars, int steps) {
    StringBuilder b = new StringBuilder();
    SplittableRandom rnd = new SplittableRandom(1);
    // the letter after a run of 'a's depends on the run's length, which often began in the previous window
    while (b.length() < chars) {
      int run = 1 + rnd.nextInt(6);
      b.append("a".repeat(run)).append(run % 2 == 0 ? 'e' : 'o').append(' ');
    }
    return CharText.split("t", "memory", b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), steps, 0.2);
  }

  static Sequential lm(int steps, int vocabulary, long seed) {
    return RecurrentModels.build(steps, vocabulary, new int[] {12}, Recurrent.Activation.RELU, RecurrentModels.Readout.EVERY_STEP, vocabulary,
        RecurrentInit.GAUSSIAN, seed);
  }

  @Test
  void streamOrderVisitsEveryWindowOnceWithRowsContinuingTheirStreams() {
    for (int n : new int[] {1, 2, 7, 31, 32, 33, 100}) {
      for (int b : new int[] {1, 4, 7, 32}) {
        int[] order = new int[n];
        Trainer.streamOrder(order, b);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) assertEquals(i, sorted[i], "n=" + n + " B=" + b + ": not a permutation");
        int streams = Math.min(b, n);
        for (int first = streams; first < n; first += streams) {
          int rows = Math.min(streams, n - first);
          for (int r = 0; r < rows; r++) {
            assertEquals(order[first - streams + r] + 1, order[first + r], "n=" + n + " B=" + b + ": row " + r + " at " + first);
          }
        }
      }
    }
  }

  static float[] train(Sequential m, Dataset train, int threads, HiddenState state, int epochs) {
    TrainingConfig c = TrainingConfig.builder().batch(8).epochs(epochs).threads(threads).shardSize(3).hiddenState(state)
        .clipping(new GradientClipping.GlobalNorm(1)).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0.9), c)) {
      t.fit(train, null, null);
    }
    return m.parameters().clone();
  }

  @Test
  void carriedTrainingIsBitIdenticalForAnyThreadCountAndDiffersFromReset() {
    DatasetSpec.Source s = text(1500, 7);
    int v = s.train().classes();
    float[] one = train(lm(7, v, 2), s.train(), 1, HiddenState.CARRIED, 2);
    assertArrayEquals(one, train(lm(7, v, 2), s.train(), 2, HiddenState.CARRIED, 2), "2 threads");
    assertArrayEquals(one, train(lm(7, v, 2), s.train(), 3, HiddenState.CARRIED, 2), "3 threads");
    assertFalse(Arrays.equals(one, train(lm(7, v, 2), s.train(), 1, HiddenState.RESET, 2)), "carried and reset training coincide");
  }

  /** Streamed evaluation of n = B·m windows equals the mean loss of a model of m·T steps over each stream's concatenation. */
  @Test
  void streamedEvaluationEqualsOneLongPassPerStream() {
    int steps = 5, batch = 4;
    DatasetSpec.Source s = text(2000, steps);
    int v = s.train().classes();
    int m = s.train().size() / batch;
    Dataset data = s.train().slice("t", 0, m * batch);
    Sequential model = lm(steps, v, 4);
    double streamed;
    double reset;
    try (Trainer t = new Trainer(model, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0),
        TrainingConfig.builder().batch(batch).hiddenState(HiddenState.CARRIED).build())) {
      t.fit(data, null, null);
      streamed = t.evaluate(data)[0];
    }
    try (Trainer t = new Trainer(model, OptimizerSpec.of(Method.SGD), Schedule.constant(0.1, 0), TrainingConfig.builder().batch(batch).build())) {
      reset = t.evaluate(data)[0];
    }
    Sequential lng = lm(m * steps, v, 4);
    System.arraycopy(model.parameters(), 0, lng.parameters(), 0, lng.parameterCount());
    // stream b = windows b·m … b·m + m − 1, concatenated: exactly the features of those windows, in order
    float[] x = Arrays.copyOf(data.features(), data.size() * data.dimension());
    int[] labels = Arrays.copyOf(data.labels(), data.size() * steps);
    double lngLoss = lng.evaluate(x, labels, Loss.CROSS_ENTROPY).loss();
    assertEquals(lngLoss, streamed, 1e-5 * lngLoss, "streamed evaluation");
    assertTrue(Math.abs(reset - streamed) > 1e-4, "reset " + reset + " and carried " + streamed + " evaluations coincide");
  }

  @Test
  void aModelWithoutStateIsRefused() {
    Network net = Network.builder(new Architecture(4, 3, 2)).init(Initializer.GAUSSIAN, 1).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net, OptimizerSpec.of(Method.SGD),
        Schedule.constant(0.1, 0), TrainingConfig.builder().hiddenState(HiddenState.CARRIED).build()));
    assertTrue(e.getMessage().contains("--hidden-state carried"), e.getMessage());
  }
}
