package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Subsets, label corruption and normalisation. */
class LabelTransformsTest {
  private final Dataset d = ImageTransformsTest.images(1000, new ImageShape(3, 2, 2), 9);

  @Test
  void labelNoiseChangesExactlyTheFractionAndRandomLabelsAreFixedPerSeed() {
    LabelCorruption.Result noise = LabelCorruption.labelNoise(d, 0.05, 1);
    assertEquals(50, noise.changed());
    int diff = 0;
    for (int i = 0; i < d.size(); i++) if (noise.data().labels()[i] != d.labels()[i]) diff++;
    assertEquals(50, diff);
    LabelCorruption.Result all = LabelCorruption.randomLabels(d, 1, 2);
    // uniform over 10 classes: ~90% change (binomial sd ~ 9.5)
    assertTrue(all.changed() > 850 && all.changed() < 950, "changed " + all.changed());
    assertArrayEquals(all.data().labels(), LabelCorruption.randomLabels(d, 1, 2).data().labels());
    assertNotEquals(java.util.Arrays.toString(all.data().labels()), java.util.Arrays.toString(LabelCorruption.randomLabels(d, 1, 3).data().labels()));
    // a smaller fraction corrupts a subset of the samples of a larger one, with the same new labels
    int[] half = LabelCorruption.randomLabels(d, 0.5, 2).data().labels();
    for (int i = 0; i < d.size(); i++) assertTrue(half[i] == d.labels()[i] || half[i] == all.data().labels()[i]);
    assertArrayEquals(d.features(), all.data().features());
  }

  @Test
  void balancedSubsetHasEqualClassCounts() {
    Dataset s = Subsets.random(d, 200, 4, true);
    int[] counts = new int[10];
    for (int y : s.labels()) counts[y]++;
    for (int c : counts) assertEquals(20, c);
    Dataset u = Subsets.random(d, 200, 4, false);
    assertEquals(200, u.size());
    assertArrayEquals(u.labels(), Subsets.random(d, 200, 4, false).labels());
    java.util.Set<Integer> rows = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) rows.add(java.util.Arrays.hashCode(java.util.Arrays.copyOfRange(u.features(), i * 12, i * 12 + 12)));
    assertEquals(200, rows.size(), "drawn without replacement");
    // the unbalanced subset's samples are randomIndices's, in its order
    int[] pick = Subsets.randomIndices(d.size(), 200, 4);
    for (int i = 0; i < 200; i++) {
      assertArrayEquals(java.util.Arrays.copyOfRange(d.features(), pick[i] * 12, pick[i] * 12 + 12),
          java.util.Arrays.copyOfRange(u.features(), i * 12, i * 12 + 12), "sample " + i);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subsets.randomIndices(5, 6, 1));
    assertEquals("a subset of 6 of 5 samples: expected 1..5", e.getMessage());
  }

  @Test
  void normalizationGivesZeroMeanUnitStdPerChannelOnTheTrainingSet() {
    Normalization n = Normalization.fit(d);
    Normalization after = Normalization.fit(n.apply(d));
    for (int c = 0; c < 3; c++) {
      assertEquals(0, after.mean()[c], 1e-6);
      assertEquals(1, after.std()[c], 1e-5);
      assertEquals(0.5, n.mean()[c], 0.02);
    }
  }
}
