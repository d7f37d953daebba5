package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.simd.KernelSelection;

class CensoredLabelsTest {
  @Test
  void replacesEveryLabelByTheSmallNetworksPrediction() {
    DatasetSpec.Splits s = DatasetSpec.load("digits", 200);
    List<String> steps = new ArrayList<>();
    CensoredLabels censor = new CensoredLabels(4, 10, 1, 1, KernelSelection.kernels());
    DatasetSpec.Splits c = censor.relabel(s, steps);
    assertEquals(1, steps.size());
    int changed = 0, total = 0;
    for (var pair : List.of(List.of(s.train(), c.train()), List.of(s.validation(), c.validation()), List.of(s.test(), c.test()))) {
      assertArrayEquals(pair.get(0).features(), pair.get(1).features());
      for (int i = 0; i < pair.get(0).size(); i++) if (pair.get(0).labels()[i] != pair.get(1).labels()[i]) changed++;
      total += pair.get(0).size();
    }
    // a 64-4-10 network learns digits well but not perfectly: some labels change, most stay
    assertTrue(changed > 0 && changed < total / 3, changed + " of " + total + " changed");
    assertTrue(steps.get(0).contains(changed + " labels"), steps.get(0));
    assertArrayEquals(c.test().labels(), censor.relabel(s, new ArrayList<>()).test().labels(), "deterministic");
  }
}
