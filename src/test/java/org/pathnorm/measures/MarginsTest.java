package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;

/** docs/algorithms.md §5.5 item 24. */
class MarginsTest {
  @Test
  void handBuiltLogits() {
    float[] out = {3, 1, 2,
                   0, 5, 1};
    assertArrayEquals(new double[] {1, -4}, Margins.of(out, 2, 3, new int[] {0, 2}, 0), 0);
    // a correct point has a positive margin (not f_y − f_argmax = 0), a tie gives 0
    assertArrayEquals(new double[] {4, 0}, Margins.of(new float[] {1, 5, 2, 2}, 2, 2, new int[] {1, 0}, 0), 0);
    assertEquals(0.5, Margins.marginLoss(new double[] {4, 0}, 0), 0);   // the tie is an error
  }

  @Test
  void percentilesAsNumpyWithLinearInterpolation() {
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
    // numpy.percentile(x, q) for q = 5, 10, 30, 50, 100: sorted [1,1,2,3,4,5,6,9], position 7q/100
    assertEquals(1.0, Margins.percentile(x, 5), 1e-12);
    assertEquals(1.0, Margins.percentile(x, 10), 1e-12);
    assertEquals(2.1, Margins.percentile(x, 30), 1e-12);
    assertEquals(3.5, Margins.percentile(x, 50), 1e-12);
    assertEquals(9.0, Margins.percentile(x, 100), 0);
    assertEquals(1.2, Margins.percentile(new double[] {5, 4, 3, 2, 1}, 5), 1e-12);
  }

  @Test
  void networkMarginsEqualAnExplicitLoop() {
    Network net = TestNets.random(3, true, 5, 7, 4);
    Dataset data = TestNets.data(4, 300, 5, 4);
    double[] got = Margins.of(net, data, KernelSelection.kernels(), new Gemm());
    for (int s = 0; s < data.size(); s++) {
      double[] x = new double[5];
      for (int k = 0; k < 5; k++) x[k] = data.features()[s * 5 + k];
      double[] f = PerturbationConditions.forwardMasks(net, net.parameters(), x, new boolean[2][]);
      int y = data.labels()[s];
      double other = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 4; j++) if (j != y) other = Math.max(other, f[j]);
      assertEquals(f[y] - other, got[s], 1e-5 * (1 + Math.abs(f[y])), "sample " + s);
    }
    assertTrue(got.length == 300);
  }
}
