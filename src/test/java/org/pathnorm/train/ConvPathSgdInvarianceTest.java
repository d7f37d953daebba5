package org.pathnorm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;

/**
 * Path-SGD's invariance to node rescaling (docs/algorithms.md §3.2) on conv nets: scaling output
 * channel v of a conv layer by a and its input channel in the next layer (through pooling and
 * flatten) by 1/a gives a network whose Path-SGD trajectory computes the same function; plain SGD's
 * does not.
 */
class ConvPathSgdInvarianceTest {

  static double largestDifference(float[] a, float[] b) {
    double d = 0, scale = 1e-3;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(a[i]));
    }
    return d / scale;
  }

  @Test
  void pathSgdFollowsTheSameFunctionFromARescaledConvNet() {
    Dataset data = ConvTrainingTest.images(96, 2, 9, 6);
    String spec = "2x9x9:c4k3p1-mp2-c5k3p1-fc6-4";
    float[] x = java.util.Arrays.copyOf(data.features(), 16 * data.dimension());
    double[] gaps = new double[2];
    Method[] methods = {Method.PATH_SGD, Method.SGD};
    for (int k = 0; k < 2; k++) {
      Sequential plain = ConvNetSpec.parse(spec).build(2);
      Sequential moved = plain.copy();
      SplittableRandom r = new SplittableRandom(3);
      for (int layer : new int[] {0, 2, 4}) {
        for (int i = 0; i < 3; i++) moved.rescaleUnit(layer, r.nextInt(moved.layers().get(layer).units()), Math.pow(10, r.nextDouble(-1, 1)));
      }
      assertTrue(largestDifference(plain.predict(x), moved.predict(x)) < 1e-5, "the rescaling keeps the function");
      ConvTrainingTest.train(plain, methods[k], 1, 3, data, 0);
      ConvTrainingTest.train(moved, methods[k], 1, 3, data, 0);
      gaps[k] = largestDifference(plain.predict(x), moved.predict(x));
    }
    assertTrue(gaps[0] < 1e-3, "Path-SGD: outputs differ by " + gaps[0]);
    assertTrue(gaps[1] > 100 * Math.max(gaps[0], 1e-6), "SGD is not invariant: " + gaps[1] + " vs Path-SGD " + gaps[0]);
    assertEquals(2, gaps.length);
  }
}
