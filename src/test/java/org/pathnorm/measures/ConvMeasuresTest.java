package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.ImageShape;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.BatchNorm;
import org.pathnorm.nn.BatchNormFolding;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Layer;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.Sequential;

/**
 * The measures of conv nets (docs/algorithms.md §2.8): kernels measured as [out × in·kh·kw] matrices,
 * batch norm folded first, d and the parameter count of the convolution and dense layers, and the path
 * norm of a conv net equal to that of the dense network it unrolls to.
 */
class ConvMeasuresTest {

  static Dataset images(int n, int c, int h, int w, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * c * h * w];
    int[] y = new int[n];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
    return new Dataset("images", x, y, c * h * w, classes, new ImageShape(c, h, w));
  }

  static Sequential randomModel(String spec, long seed) {
    Sequential m = ConvNetSpec.parse(spec).build(seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < m.parameters().length; i++) m.parameters()[i] += (float) (0.1 * r.nextGaussian());
    return m;
  }

  /** σ_max of the row-major matrix a [rows × cols] by power iteration on AᵀA, in double. */
  static double spectral(double[] a, int rows, int cols) {
    double[] v = new double[cols];
    java.util.Arrays.fill(v, 1);
    double s = 0;
    for (int it = 0; it < 5000; it++) {
      double[] u = new double[rows];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) u[i] += a[i * cols + j] * v[j];
      double[] next = new double[cols];
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) next[j] += a[i * cols + j] * u[i];
      double norm = 0;
      for (double x : next) norm += x * x;
      norm = Math.sqrt(norm);
      for (int j = 0; j < cols; j++) v[j] = next[j] / norm;
      s = Math.sqrt(norm);
    }
    return s;
  }

  @Test
  void kernelsAreMeasuredAsOutByInTimesKernelMatrices() {
    Sequential m = randomModel("2x5x5:c3k3p1-mp2-fc4-3", 4);
    MeasureReport r = Measures.compute(m, null, images(40, 2, 5, 5, 3, 1), MeasureOptions.defaults(), null);
    assertEquals(3, r.depth());
    assertEquals(3 * 2 * 9 + 3 + 4 * 12 + 4 + 3 * 4 + 3, r.parameters());
    float[] p = m.parameters();
    // the conv kernel W[o, c, i, j] written out, flattened by hand into row o, column (c, i, j)
    double[] w = new double[3 * 18];
    double fro = 0, l1inf = 0;
    for (int o = 0; o < 3; o++) {
      double row = 0;
      for (int c = 0; c < 2; c++)
        for (int i = 0; i < 3; i++)
          for (int j = 0; j < 3; j++) {
            double v = p[((o * 2 + c) * 3 + i) * 3 + j];
            w[o * 18 + c * 9 + i * 3 + j] = v;
            fro += v * v;
            row += Math.abs(v);
          }
      l1inf = Math.max(l1inf, row);
    }
    LayerMeasures conv = r.layers().get(0);
    assertEquals(3, conv.rows());
    assertEquals(18, conv.cols());
    assertEquals(Math.sqrt(fro), conv.frobenius(), 1e-6 * Math.sqrt(fro));
    assertEquals(l1inf, conv.l1Inf(), 1e-6 * l1inf);
    double sigma = spectral(w, 3, 18);
    assertEquals(sigma, conv.spectral().value(), 1e-4 * sigma);
    // the trace norm of a 3-row matrix: Σ sqrt(eigenvalues of W Wᵀ), checked through Σσ² = ‖W‖_F² and σ_max
    assertTrue(conv.traceNorm() >= sigma && conv.traceNorm() <= Math.sqrt(3 * fro) + 1e-9);
    LayerMeasures fc = r.layers().get(1);
    assertEquals(4, fc.rows());
    assertEquals(12, fc.cols());
    assertEquals(r.products().frobenius(), r.layers().stream().mapToDouble(LayerMeasures::frobenius).reduce(1, (a, b) -> a * b),
        1e-9 * r.products().frobenius());
    assertEquals(3, r.layers().size());
  }

  @Test
  void batchNormIsFoldedBeforeMeasuring() {
    Sequential m = randomModel("2x6x6:c3k3p1bn-mp2-fc5bn-3", 6);
    SplittableRandom r = new SplittableRandom(2);
    for (Layer l : m.layers()) {
      if (!(l instanceof BatchNorm bn)) continue;
      Map<String, float[]> b = bn.buffers();
      for (int c = 0; c < bn.units(); c++) {
        b.get("running_mean")[c] = (float) r.nextGaussian();
        b.get("running_var")[c] = (float) (0.1 + r.nextDouble());
      }
    }
    Dataset data = images(60, 2, 6, 6, 3, 3);
    MeasureReport withBn = Measures.compute(m, m, data, MeasureOptions.defaults(), null);
    Sequential folded = BatchNormFolding.fold(m);
    MeasureReport plain = Measures.compute(folded, folded, data, MeasureOptions.defaults(), null);
    assertEquals(3, withBn.depth());
    assertEquals(3 * 18 + 3 + 5 * 27 + 5 + 3 * 5 + 3, withBn.parameters());
    assertEquals(plain.margin(), withBn.margin(), 0);
    assertEquals(plain.products().frobenius(), withBn.products().frobenius(), 0);
    assertEquals(plain.pathNorms().values().get(0).withBiases(), withBn.pathNorms().values().get(0).withBiases(), 0);
    // the margins are those of the model in evaluation mode
    float[] logits = m.predict(data.features());
    double[] margins = Margins.of(logits, data.size(), 3, data.labels(), 0);
    double gamma = Margins.percentile(margins, 5);
    assertEquals(gamma, withBn.margin(), 1e-4 * (1 + Math.abs(gamma)));
    // folding changed the first layer: its norms differ from the unfolded kernel's
    double unfolded = 0;
    for (int e = 0; e < 54; e++) unfolded += (double) m.parameters()[e] * m.parameters()[e];
    assertTrue(Math.abs(Math.sqrt(unfolded) - withBn.layers().get(0).frobenius()) > 1e-3);
    assertEquals(0, withBn.distanceFromInit().orElseThrow().frobenius(), 0);
  }

  /**
   * A conv net (conv → ReLU → average pool → dense → ReLU → dense) unrolled by hand into the dense
   * network with the same paths: the convolution's Toeplitz matrix with its bias at every position, the
   * pool's matrix of 1/4 with bias 0 (a ReLU after non-negative averages changes nothing). Same logits,
   * same margins, same φ_p with and without bias paths.
   */
  @Test
  void pathNormOfAConvNetIsThatOfItsUnrolledDenseNet() {
    int c = 2, h = 4, w = 4, oc = 3, hidden = 5, classes = 3;
    Sequential m = randomModel(c + "x" + h + "x" + w + ":c" + oc + "k3p1-ap2-fc" + hidden + "-" + classes, 12);
    float[] p = m.parameters();
    int in = c * h * w, convUnits = oc * h * w, pooled = oc * 2 * 2;
    Architecture a = new Architecture(in, convUnits, pooled, hidden, classes);
    Network net = new Network(a);
    float[] q = net.parameters();
    for (int o = 0; o < oc; o++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int unit = (o * h + y) * w + x;
          q[a.biasOffset(0) + unit] = p[oc * c * 9 + o];
          for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < 3; i++)
              for (int j = 0; j < 3; j++) {
                int iy = y - 1 + i, ix = x - 1 + j;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                q[a.weightOffset(0) + unit * in + (ch * h + iy) * w + ix] = p[((o * c + ch) * 3 + i) * 3 + j];
              }
        }
      }
    }
    for (int o = 0; o < oc; o++)
      for (int py = 0; py < 2; py++)
        for (int px = 0; px < 2; px++)
          for (int y = 2 * py; y < 2 * py + 2; y++)
            for (int x = 2 * px; x < 2 * px + 2; x++) q[a.weightOffset(1) + ((o * 2 + py) * 2 + px) * convUnits + (o * h + y) * w + x] = 0.25f;
    int denseOff = m.layerOffset(m.layers().size() - 3);
    System.arraycopy(p, denseOff, q, a.weightOffset(2), hidden * pooled);
    System.arraycopy(p, denseOff + hidden * pooled, q, a.biasOffset(2), hidden);
    int outOff = m.layerOffset(m.layers().size() - 1);
    System.arraycopy(p, outOff, q, a.weightOffset(3), classes * hidden);
    System.arraycopy(p, outOff + classes * hidden, q, a.biasOffset(3), classes);

    Dataset data = images(30, c, h, w, classes, 5);
    float[] convLogits = m.predict(data.features()), denseLogits = net.predict(data.features());
    for (int i = 0; i < convLogits.length; i++) assertEquals(denseLogits[i], convLogits[i], 1e-5 * (1 + Math.abs(denseLogits[i])));
    MeasureReport conv = Measures.compute(m, null, data, MeasureOptions.defaults(), null);
    MeasureReport dense = Measures.compute(net, null, data, MeasureOptions.defaults(), null);
    assertEquals(dense.margin(), conv.margin(), 1e-5 * (1 + Math.abs(dense.margin())));
    List<PathNormValue> cv = conv.pathNorms().values(), dv = dense.pathNorms().values();
    assertEquals(dv.size(), cv.size());
    for (int i = 0; i < cv.size(); i++) {
      assertEquals(dv.get(i).withBiases(), cv.get(i).withBiases(), 1e-9 * dv.get(i).withBiases(), "phi_" + cv.get(i).p());
      assertEquals(dv.get(i).withoutBiases(), cv.get(i).withoutBiases(), 1e-9 * dv.get(i).withoutBiases(), "phi_" + cv.get(i).p());
    }
    // the unrolled convolution's Toeplitz matrix is not the reshaped kernel: the per-layer norms differ by design
    assertTrue(dense.layers().get(0).frobenius() > conv.layers().get(0).frobenius());
  }

  @Test
  void sharpnessAndPacBayesRunOnConvNets() {
    Sequential m = randomModel("1x6x6:c2k3bn-mp2-4", 3);
    Dataset data = images(50, 1, 6, 6, 4, 9);
    MeasureOptions o = MeasureOptions.defaults().withSharpness(new Sharpness.Options(5e-4, 20, 16, 0.01, 0.9, 0))
        .withPacBayes(new PacBayes.Options(List.of(1e-3, 1e-1), 10, 16, 0));
    MeasureReport r = Measures.compute(m, null, data, o, null);
    Sharpness.Result s = r.sharpness().orElseThrow();
    assertTrue(s.sharpness() >= 0 && s.maxViolation() <= 1e-9, s.toString());
    List<PacBayes.Point> f = r.pacBayes().orElseThrow().frontier();
    assertTrue(f.get(1).expectedSharpness() > f.get(0).expectedSharpness(), f.toString());
    assertTrue(f.get(0).kl() > f.get(1).kl());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Measures.compute(m, null, data,
        MeasureOptions.defaults().withConditions(PerturbationConditions.Options.defaults()), null)).getMessage().contains("conditions C1–C3"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Measures.compute(m, null, images(5, 1, 5, 5, 4, 1),
        MeasureOptions.defaults(), null)).getMessage().contains("has 25 features but the model takes 36 inputs"));
  }
}
