package org.pathnorm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdditionProblemTest {

  @Test
  void twoMarkersOneInEachHalfAndTheirSumAsTarget() {
    for (int steps : new int[] {2, 3, 10, 101}) {
      AdditionProblem.Sequences d = AdditionProblem.generate(500, steps, 4);
      double mseOfOne = 0;
      for (int s = 0; s < d.size(); s++) {
        int row = s * steps * 2, marks = 0;
        double sum = 0;
        for (int t = 0; t < steps; t++) {
          float v = d.features()[row + 2 * t], m = d.features()[row + 2 * t + 1];
          assertTrue(v >= 0 && v < 1, "value " + v);
          assertTrue(m == 0 || m == 1);
          if (m == 1) {
            marks++;
            sum += v;
            assertEquals(marks == 1, t < steps / 2, "marker " + marks + " at step " + t + " of " + steps);
          }
        }
        assertEquals(2, marks);
        assertEquals(sum, d.targets()[s], 1e-6);
        mseOfOne += Math.pow(d.targets()[s] - 1, 2);
      }
      assertEquals(1 / 6.0, mseOfOne / d.size(), 0.03, "always predicting 1");
    }
    assertArrayEquals(AdditionProblem.generate(3, 7, 1).features(), AdditionProblem.generate(3, 7, 1).features());
    assertTrue(!java.util.Arrays.equals(AdditionProblem.generate(3, 7, 1).features(), AdditionProblem.generate(3, 7, 2).features()));
    assertThrows(IllegalArgumentException.class, () -> AdditionProblem.generate(3, 1, 1));
  }
}
