package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Real-valued targets travel with their samples; the addition spec; one-line errors. */
class RegressionDatasetTest {

  /** Sample i has features (i, 10i) and targets (100i, 1000i + 0.5). */
  static Dataset numbered(int n) {
    float[] x = new float[2 * n];
    float[] t = new float[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 10 * i;
      t[2 * i] = 100 * i;
      t[2 * i + 1] = 1000 * i + 0.5f;
    }
    return Dataset.regression("n", x, t, 2, 2);
  }

  static void consistent(Dataset d) {
    assertTrue(d.hasTargets());
    assertEquals(2, d.targetsPerSample());
    assertEquals(d.size() * 2, d.targets().length);
    for (int s = 0; s < d.size(); s++) {
      float i = d.features()[2 * s];
      assertEquals(100 * i, d.targets()[2 * s]);
      assertEquals(1000 * i + 0.5f, d.targets()[2 * s + 1]);
    }
  }

  @Test
  void targetsFollowTheirSamples() {
    Dataset d = numbered(17);
    consistent(d);
    consistent(d.slice("s", 3, 11));
    assertEquals(8, d.slice("s", 3, 11).size());
    consistent(d.select("p", new int[] {16, 0, 5, 5}));
    consistent(d.shuffled(4));
    consistent(d.withFeatures("f", d.features().clone(), 2, null));
    consistent(d.withLabels("l", d.labels()));
    DatasetSpec.Splits s = DatasetSpec.split(new DatasetSpec.Source(d, null, java.util.List.of()), 3);
    consistent(s.train());
    consistent(s.validation());
    consistent(s.test());
    assertFalse(DatasetSpec.load("digits", 0).train().hasTargets());
    assertEquals(0, DatasetSpec.load("digits", 0).train().targetsPerSample());
    assertThrows(IllegalStateException.class, () -> DatasetSpec.load("digits", 0).train().targets());
  }

  @Test
  void additionSpec() {
    DatasetSpec.Splits s = DatasetSpec.load("addition:steps=12,train=30,test=7,seed=4", 5);
    assertEquals(25, s.train().size());
    assertEquals(5, s.validation().size());
    assertEquals(7, s.test().size());
    assertEquals(24, s.train().dimension());
    assertEquals(1, s.train().targetsPerSample());
    AdditionProblem.Sequences g = AdditionProblem.generate(30, 12, 4);
    assertArrayEquals(java.util.Arrays.copyOf(g.targets(), 25), s.train().targets(), "the training part is the seed's sequences, in order");
    float[] x = s.test().features();
    for (int i = 0; i < 7; i++) {
      float sum = 0;
      for (int t = 0; t < 12; t++) if (x[i * 24 + 2 * t + 1] == 1f) sum += x[i * 24 + 2 * t];
      assertEquals(sum, s.test().targets()[i], 0f, "test target = sum of the marked values");
    }
    assertEquals(2, DatasetSpec.inputsPerStep("addition:steps=5"));
    assertEquals(1, DatasetSpec.inputsPerStep("seq:digits"));
    assertFalse(java.util.Arrays.equals(s.train().targets(), java.util.Arrays.copyOf(
        DatasetSpec.load("addition:steps=12,train=30,test=7,seed=5", 5).train().targets(), 25)), "another seed, other sequences");
  }

  @Test
  void badSpecsAndTargetsGiveOneLineErrors() {
    for (String spec : new String[] {"addition:steps=1", "addition:train=0", "addition:steps=x", "addition:size=3", "addition:seed=q"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.read(spec), spec);
      assertTrue(e.getMessage().startsWith("--data '" + spec + "'"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
    assertThrows(IllegalArgumentException.class, () -> Dataset.regression("r", new float[4], new float[] {1f, Float.NaN}, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> Dataset.regression("r", new float[4], new float[3], 2, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataPipeline.prepare("addition:steps=4,train=20,test=2", new DataTransforms(0, 0, 0, false, 0, 0, 0, false, 0.5, 0, false, 0), null));
    assertTrue(e.getMessage().contains("real-valued targets"), e.getMessage());
  }
}
