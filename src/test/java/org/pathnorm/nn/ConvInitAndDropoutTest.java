package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link ConvNetSpec#build(long, Initializer)} for every initialiser, and the dropout sites of the {@code do} token. */
class ConvInitAndDropoutTest {

  @Test
  void gaussianInitHasStdOneOverRootFanInAndZeroBiases() {
    Sequential m = ConvNetSpec.parse("4x10x10:c64k3p1-mp2-fc300-10").build(3, Initializer.GAUSSIAN);
    float[] p = m.parameters();
    // conv: 64 × (4·3·3 = 36) weights, fan-in 36
    double sq = 0, mean = 0;
    for (int e = 0; e < 64 * 36; e++) {
      sq += (double) p[e] * p[e];
      mean += p[e];
    }
    assertEquals(1.0 / 36, sq / (64 * 36), 0.1 / 36);
    assertEquals(0, mean / (64 * 36), 3 / Math.sqrt(64.0 * 36) / 6);
    for (int e = 64 * 36; e < 64 * 37; e++) assertEquals(0f, p[e]);
    // dense: 300 × 1600, fan-in 1600
    int off = m.layerOffset(3);
    sq = 0;
    for (int e = off; e < off + 300 * 1600; e++) sq += (double) p[e] * p[e];
    assertEquals(1.0 / 1600, sq / (300 * 1600), 0.02 / 1600);
    assertArrayEquals(p, ConvNetSpec.parse("4x10x10:c64k3p1-mp2-fc300-10").build(3, Initializer.GAUSSIAN).parameters());
  }

  @Test
  void pytorchInitIsTheDefaultBuild() {
    String spec = "2x6x6:c5k3bn-ap2-fc4bn-3";
    assertArrayEquals(ConvNetSpec.parse(spec).build(8).parameters(), ConvNetSpec.parse(spec).build(8, Initializer.PYTORCH).parameters());
    float[] p = ConvNetSpec.parse(spec).build(8).parameters();
    double bound = 1 / Math.sqrt(18);
    for (int e = 0; e < 5 * 18 + 5; e++) assertTrue(Math.abs(p[e]) <= bound, "conv parameter " + e);
  }

  /**
   * The unbalanced init is the Gaussian draw (same seed) with channels rescaled across each ReLU: the
   * parameters differ, the function does not (with batch norm the rescaled channel is the batch norm's).
   */
  @Test
  void unbalancedInitComputesTheGaussianFunction() {
    Kernels k = KernelsUnderTest.all().get(0);
    for (String spec : new String[] {"2x6x6:c8k3p1-mp2-c8k3-fc12-3", "2x6x6:c8k3p1bn-mp2-fc12bn-3"}) {
      Sequential g = ConvNetSpec.parse(spec).build(5, Initializer.GAUSSIAN);
      Sequential u = ConvNetSpec.parse(spec).build(5, Initializer.UNBALANCED);
      float[] x = new float[4 * g.inputSize()];
      for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.37);
      float[] a = g.newWorkspace(4, k, new Gemm(k, null)).forward(g, x, 0, 4).clone();
      float[] b = u.newWorkspace(4, k, new Gemm(k, null)).forward(u, x, 0, 4);
      for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4 * (1 + Math.abs(a[i])), spec + " output " + i);
      double ratio = 1;
      for (int e = 0; e < g.parameterCount(); e++) {
        if (g.parameters()[e] != 0) ratio = Math.max(ratio, Math.abs(u.parameters()[e] / g.parameters()[e]));
      }
      assertTrue(ratio > 2, spec + ": some channel is rescaled by more than 2, got " + ratio);
    }
  }

  @Test
  void vggPresetsDropOutAfterEachStacksPooling() {
    ConvNetSpec spec = ConvNetSpec.parse("3x32x32:vgg*0.0625-10");
    List<Layer> layers = spec.layers();
    Set<Integer> sites = spec.dropoutSites();
    assertEquals(4, sites.size());
    for (int i : sites) assertTrue(layers.get(i) instanceof MaxPool2d || layers.get(i) instanceof AvgPool2d, "site " + i + ": " + layers.get(i));
    assertEquals(4, spec.pytorchModules().stream().filter(s -> s.equals("nn.Dropout()")).count());
    Sequential m = spec.build(1);
    for (int i = 0; i < layers.size(); i++) assertEquals(sites.contains(i), m.dropoutAfter(i), "layer " + i);
    for (int i = 0; i < layers.size(); i++) assertEquals(sites.contains(i), m.copy().dropoutAfter(i), "copy, layer " + i);
    // without a do token: every hidden ReLU layer, as for feedforward networks
    Sequential plain = ConvNetSpec.parse("1x4x4:c2k3p1-mp2-fc3-2").build(1);
    assertEquals(List.of(true, false, false, true, false), java.util.stream.IntStream.range(0, 5).mapToObj(plain::dropoutAfter).toList());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConvNetSpec.parse("1x4x4:do-c2k3-2")).getMessage()
        .contains("token 'do': dropout needs a layer before it"));
  }

  /** Training dropout masks the pooled output only: the conv output before the site is unmasked. */
  @Test
  void dropoutMasksOnlyTheNamedSites() {
    Sequential m = ConvNetSpec.parse("1x4x4:c3k3p1-mp2-do-fc5-2").build(2);
    Kernels k = KernelsUnderTest.all().get(0);
    float[] x = new float[2 * 16];
    for (int i = 0; i < x.length; i++) x[i] = 0.1f * (i % 7) - 0.2f;
    int[] y = {0, 1};
    float[] gradDrop = new float[m.parameterCount()], gradNone = new float[m.parameterCount()];
    ModelWorkspace ws = m.newWorkspace(2, k, new Gemm(k, null));
    ws.forwardBackward(m, x, 0, y, 0, 2, Loss.CROSS_ENTROPY, 1f, gradDrop, false, new Dropout(0.5, 3), 0, 0);
    ws.forwardBackward(m, x, 0, y, 0, 2, Loss.CROSS_ENTROPY, 1f, gradNone, false, null, 0, 0);
    // the dense layers see masked, rescaled pooled features: their gradients differ
    int fc = m.layerOffset(3);
    boolean differs = false;
    for (int e = fc; e < fc + 5 * 12; e++) differs |= gradDrop[e] != gradNone[e];
    assertTrue(differs);
    // a site that never drops (p = 0) is the identity
    float[] gradZero = new float[m.parameterCount()];
    ws.forwardBackward(m, x, 0, y, 0, 2, Loss.CROSS_ENTROPY, 1f, gradZero, false, new Dropout(0, 3), 0, 0);
    assertArrayEquals(gradNone, gradZero);
  }
}
