package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link BatchNormFolding}: the folded model computes the eval-mode function; its weights follow the formula. */
class BatchNormFoldingTest {

  /** A model of {@code spec} with random parameters and random running statistics in every batch norm. */
  static Sequential withRandomStatistics(String spec, long seed) {
    Sequential m = ConvNetSpec.parse(spec).build(seed);
    SplittableRandom r = new SplittableRandom(seed + 100);
    float[] p = m.parameters();
    for (int i = 0; i < m.layers().size(); i++) {
      Layer l = m.layers().get(i);
      if (!(l instanceof BatchNorm bn)) continue;
      int c = bn.units(), off = m.layerOffset(i);
      for (int ch = 0; ch < c; ch++) {
        p[off + ch] = (float) (0.3 + 1.5 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);  // γ of either sign
        p[off + c + ch] = (float) r.nextGaussian();
      }
      Map<String, float[]> b = bn.buffers();
      for (int ch = 0; ch < c; ch++) {
        b.get("running_mean")[ch] = (float) (0.5 * r.nextGaussian());
        b.get("running_var")[ch] = (float) (0.05 + 2 * r.nextDouble());
      }
    }
    return m;
  }

  static float[] inputs(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  static float[] forward(Model m, float[] x, int n, Kernels k) {
    ModelWorkspace ws = m.newWorkspace(n, k, new Gemm(k, null));
    return ws.forward(m, x, 0, n).clone();
  }

  @Test
  void foldedModelGivesTheEvalModeLogits() {
    String[] specs = {"2x6x6:c3k3p1bn-mp2-fc5bn-3", "3x7x5:c4k3bn-c2k1bn-ap2-4", "1x8x8:c5k3s2p1bn-fc7-fc3bn-2", "3x32x32:vgg*0.0625-10"};
    for (Kernels k : KernelsUnderTest.all()) {
      for (String spec : specs) {
        Sequential m = withRandomStatistics(spec, 7);
        Sequential folded = BatchNormFolding.fold(m);
        assertTrue(folded.layers().stream().noneMatch(l -> l instanceof BatchNorm), spec);
        int n = 5;
        float[] x = inputs(n, m.inputSize(), 3);
        float[] want = forward(m, x, n, k), got = forward(folded, x, n, k);
        double scale = 0;
        for (float v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 2e-5 * scale + 1e-6, spec + " logit " + i);
      }
    }
  }

  @Test
  void foldedWeightsFollowTheFormulaAndTensorNamesStay() {
    Sequential m = withRandomStatistics("2x4x4:c3k3p1bn-fc4bn-2", 11);
    Sequential f = BatchNormFolding.fold(m);
    // conv (0) + bn (1) → conv; relu (module 2); flatten (3); linear (4) + bn (5) → linear; relu; linear
    assertEquals(List.of("0.weight", "0.bias", "4.weight", "4.bias", "7.weight", "7.bias"),
        f.tensors().stream().map(ParameterTensor::name).toList());
    assertTrue(f.layers().get(0).relu() && f.layers().get(2).relu() && !f.layers().get(3).relu());
    float[] p = m.parameters(), q = f.parameters();
    BatchNorm bn = (BatchNorm) m.layers().get(1);
    int bnOff = m.layerOffset(1);
    for (int o = 0; o < 3; o++) {
      double s = p[bnOff + o] / Math.sqrt(bn.buffers().get("running_var")[o] + 1e-5);
      for (int e = 0; e < 18; e++) assertEquals(s * p[o * 18 + e], q[o * 18 + e], 1e-6 * Math.abs(s * p[o * 18 + e]) + 1e-7);
      double b = p[bnOff + 3 + o] + s * (p[54 + o] - bn.buffers().get("running_mean")[o]);
      assertEquals(b, q[54 + o], 1e-6 * Math.abs(b) + 1e-7);
    }
    // the original is untouched, and a model without batch norm folds to an equal copy
    Sequential plain = ConvNetSpec.parse("1x4x4:c2k3-mp2-3").build(2);
    Sequential copy = BatchNormFolding.fold(plain);
    assertFalse(copy.parameters() == plain.parameters());
    assertEquals(java.util.Arrays.toString(plain.parameters()), java.util.Arrays.toString(copy.parameters()));
  }

  @Test
  void aConvolutionWithoutBiasGainsOne() {
    Conv2d conv = new Conv2d(2, 3, 3, 2, 3, 1, 1, false, false);
    BatchNorm bn = BatchNorm.of2d(2, 3, 3, true);
    Sequential m = new Sequential(List.of(conv, bn, new Flatten(2, 3, 3), new Dense(18, 2, false)), List.of("0", "1", "3", "4"));
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < m.parameters().length; i++) m.parameters()[i] = (float) r.nextGaussian();
    bn.buffers().get("running_mean")[1] = 0.7f;
    bn.buffers().get("running_var")[0] = 3f;
    Sequential f = BatchNormFolding.fold(m);
    assertEquals(m.parameterCount() - 4 + 2, f.parameterCount());
    float[] x = inputs(3, 18, 8);
    Kernels k = KernelsUnderTest.all().get(0);
    float[] want = forward(m, x, 3, k), got = forward(f, x, 3, k);
    for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-5 * (1 + Math.abs(want[i])));
  }

  @Test
  void aBatchNormThatFollowsNoFoldableLayerIsRefused() {
    Sequential first = new Sequential(List.of(BatchNorm.of1d(3, false), new Dense(3, 2, false)), List.of("0", "1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(first)).getMessage()
        .contains("batch norm at layer 0 (0) does not follow a convolution or dense layer"));
    Sequential afterRelu = new Sequential(List.of(new Dense(3, 3, true), BatchNorm.of1d(3, false), new Dense(3, 2, false)),
        List.of("0", "1", "2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(afterRelu)).getMessage()
        .contains("not a convolution or dense layer without activation"));
  }
}
