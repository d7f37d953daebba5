package org.pathnorm.measures;

import java.util.SplittableRandom;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;

/** Small random networks and datasets for the measure tests. */
final class TestNets {
  private TestNets() {}

  static Network random(long seed, boolean biases, int... widths) {
    Network net = new Network(new Architecture(widths));
    SplittableRandom r = new SplittableRandom(seed);
    Architecture a = net.architecture();
    float[] p = net.parameters();
    for (int l = 0; l < a.depth(); l++) {
      for (int i = 0; i < a.in(l) * a.out(l); i++) p[a.weightOffset(l) + i] = (float) (gaussian(r) / Math.sqrt(a.in(l)));
      for (int j = 0; j < a.out(l); j++) p[a.biasOffset(l) + j] = biases ? (float) (0.3 * gaussian(r)) : 0f;
    }
    return net;
  }

  static Dataset data(long seed, int n, int dim, int classes) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * dim];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) x[i] = (float) gaussian(r);
    for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
    return new Dataset("random", x, y, dim, classes);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** f(x) in double for weights given per layer as double matrices (bias-free), ReLU on hidden layers. */
  static double[] forward(double[][][] w, double[] x) {
    double[] h = x;
    for (int l = 0; l < w.length; l++) {
      double[] z = new double[w[l].length];
      for (int j = 0; j < z.length; j++) {
        double s = 0;
        for (int k = 0; k < h.length; k++) s += w[l][j][k] * h[k];
        z[j] = l < w.length - 1 ? Math.max(0, s) : s;
      }
      h = z;
    }
    return h;
  }
}
