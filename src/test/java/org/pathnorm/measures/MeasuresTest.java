package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.Json;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.io.Safetensors;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.JacobiSvd;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;

/** The report against direct references; brute-force path norms; sharpness, PAC-Bayes and C1–C3. */
class MeasuresTest {
  /**
   * Layers of up to 2¹⁸ weights take their spectral norms (of W and of W − W⁰) on the scalar Gram kernel,
   * whatever kernels run the rest, and larger ones on the kernels given: the report's values are those
   * of Lanczos on the chosen kernels, bit for bit.
   */
  @Test
  void smallLayersTakeTheirSpectralNormsOnTheScalarGramKernel() {
    assertEquals("scalar", LayerMeasures.gramKernels(KernelSelection.kernels(), 1 << 18).name());
    org.junit.jupiter.api.Assertions.assertSame(KernelSelection.kernels(), LayerMeasures.gramKernels(KernelSelection.kernels(), (1 << 18) + 1));
    Network net = TestNets.random(4, true, 33, 17, 3);
    Network init = TestNets.random(5, true, 33, 17, 3);
    MeasureReport r = Measures.compute(net, init, TestNets.data(6, 50, 33, 3), MeasureOptions.defaults());
    Architecture a = net.architecture();
    MeasureOptions o = MeasureOptions.defaults();
    for (int l = 0; l < a.depth(); l++) {
      int rows = a.out(l), cols = a.in(l), off = a.weightOffset(l);
      float[] diff = new float[rows * cols];
      for (int i = 0; i < diff.length; i++) diff[i] = net.parameters()[off + i] - init.parameters()[off + i];
      assertEquals(org.pathnorm.linalg.SpectralNorm.lanczos(KernelSelection.scalar(), null, net.parameters(), off, rows, cols,
          o.spectralTolerance(), o.spectralMaxIterations()), r.layers().get(l).spectral());
      assertEquals(org.pathnorm.linalg.SpectralNorm.lanczos(KernelSelection.scalar(), null, diff, 0, rows, cols,
          o.spectralTolerance(), o.spectralMaxIterations()).value(), r.layers().get(l).distSpectral(), 0.0);
    }
  }

  @Test
  void reportEqualsDirectReferences() {
    Network net = TestNets.random(1, true, 5, 7, 6, 3);
    Network init = TestNets.random(2, true, 5, 7, 6, 3);
    Dataset data = TestNets.data(3, 200, 5, 3);
    MeasureReport r = Measures.compute(net, init, data, MeasureOptions.defaults());
    Architecture a = net.architecture();
    double fro = 1, spec = 1, trace = 1, distFro2 = 0;
    for (int l = 0; l < a.depth(); l++) {
      double f = 0, df = 0;
      for (int i = 0; i < a.in(l) * a.out(l); i++) {
        double v = net.parameters()[a.weightOffset(l) + i], v0 = init.parameters()[a.weightOffset(l) + i];
        f += v * v;
        df += (v - v0) * (v - v0);
      }
      fro *= Math.sqrt(f);
      distFro2 += df;
      double[] sv = JacobiSvd.singularValues(net.parameters(), a.weightOffset(l), a.out(l), a.in(l));
      spec *= sv[0];
      double t = 0;
      for (double s : sv) t += s;
      trace *= t;
      assertEquals(sv[0], r.layers().get(l).spectral().value(), 1e-5 * sv[0]);
    }
    assertEquals(fro, r.products().frobenius(), 1e-10 * fro);
    assertEquals(spec, r.products().spectral(), 1e-5 * spec);
    assertEquals(trace, r.products().traceNorm().orElseThrow(), 1e-10 * trace);
    assertEquals(Math.sqrt(distFro2), r.distanceFromInit().orElseThrow().frobenius(), 1e-10);
    double[] margins = Margins.of(net, data, KernelSelection.kernels(), new Gemm());
    assertEquals(Margins.percentile(margins, 5), r.margin(), 0);
    assertEquals(fro / r.margin(), r.normalized().products().frobenius(), 1e-12 * Math.abs(fro / r.margin()));
    assertEquals(fro * fro / (r.margin() * r.margin()), r.normalizedSquared().products().frobenius(), 1e-9 * fro * fro / (r.margin() * r.margin()));
    assertEquals(bruteForcePathNorm(net, 2, true), r.pathNorms().of(2).withBiases(), 1e-9);
    assertEquals(bruteForcePathNorm(net, 1, false), r.pathNorms().of(1).withoutBiases(), 1e-9);
    assertEquals(bruteForcePathNorm(net, 1.5, true), r.pathNorms().of(1.5).withBiases(), 1e-9);
    assertEquals(a.parameters(), r.parameters());
    // spec_fro_neyshabur2018 by its formula (docs/algorithms.md §2.8)
    double sum = 0;
    for (LayerMeasures l : r.layers()) sum += l.rows() * l.distFrobenius() * l.distFrobenius() / Math.pow(l.spectral().value(), 2);
    assertEquals(3 * r.products().spectral() * Math.sqrt(sum) / (r.margin() * Math.sqrt(200)),
        r.bounds().specFroNeyshabur2018().orElseThrow(), 1e-9);
    Map<?, ?> json = (Map<?, ?>) Json.parse(MeasureJson.toJson(r));
    assertEquals(r.pathNorms().of(2).withBiases(), ((Number) json.get("l2_path_norm")).doubleValue(), 0);
    assertEquals(r.bounds().specFroNeyshabur2018().orElseThrow(),
        ((Number) ((Map<?, ?>) json.get("bounds")).get("spec_fro_neyshabur2018")).doubleValue(), 0);
    assertEquals(3, ((List<?>) json.get("layers")).size());
    MeasureReport noInit = Measures.compute(net, null, data, MeasureOptions.defaults());
    assertTrue(noInit.bounds().specFroNeyshabur2018().isEmpty());
    assertTrue(noInit.distanceFromInit().isEmpty() && !noInit.hasInit());
  }

  /** The report is bit-identical on 1 and 3 threads (spectral norms, margins). */
  @Test
  void reportDoesNotDependOnTheThreadCount() {
    Network net = TestNets.random(13, true, 20, 300, 200, 10);
    Network init = TestNets.random(14, true, 20, 300, 200, 10);
    Dataset data = TestNets.data(15, 700, 20, 10);
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(3);
    try {
      assertEquals(MeasureJson.toJson(Measures.compute(net, init, data, MeasureOptions.defaults())),
          MeasureJson.toJson(Measures.compute(net, init, data, MeasureOptions.defaults(), pool)));
    } finally {
      pool.shutdown();
    }
  }

  /**
   * A DDP-normalised network is measured as the plain network with its normalisation folded in; the
   * folding is done by hand here ({@link org.pathnorm.testing.HandFolded}), independently of
   * {@code DdpNormalization.folded}. Runs get measures.json.
   */
  @Test
  void ddpNormalisedNetworksAreMeasuredFolded(@TempDir Path dir) throws Exception {
    Network plain = TestNets.random(16, true, 5, 7, 3);
    org.pathnorm.nn.DdpNormalization norm = new org.pathnorm.nn.DdpNormalization(plain.architecture(), 0.5, true);
    float[] mean = norm.runningMean(1);
    float[] statistic = norm.runningStatistic(1);
    for (int j = 0; j < mean.length; j++) {
      mean[j] = 0.1f * j - 0.3f;
      statistic[j] = 0.5f + 0.25f * j;
    }
    Network normalised = new Network(plain.architecture(), plain.parameters().clone(), norm);
    Network byHand = org.pathnorm.testing.HandFolded.of(normalised);
    Dataset data = TestNets.data(17, 50, 5, 3);
    assertJsonClose(MeasureJson.toJson(Measures.compute(byHand, null, data, MeasureOptions.defaults())),
        MeasureJson.toJson(Measures.compute(normalised, null, data, MeasureOptions.defaults())), 1e-5, "");
    assertTrue(!MeasureJson.toJson(Measures.compute(plain, null, data, MeasureOptions.defaults()))
        .equals(MeasureJson.toJson(Measures.compute(normalised, null, data, MeasureOptions.defaults()))), "the folding changed nothing");
    RunMeasures.write(dir, normalised, null, data, 1);
    assertTrue(java.nio.file.Files.exists(dir.resolve(RunMeasures.FILE)));
  }

  /** Same JSON structure, strings and booleans; numbers equal within {@code relative} (null only where null). */
  static void assertJsonClose(String expected, String actual, double relative, String path) {
    assertJsonClose(org.pathnorm.io.Json.parse(expected), org.pathnorm.io.Json.parse(actual), relative, path);
  }

  private static void assertJsonClose(Object want, Object got, double relative, String path) {
    if (want instanceof Number w && got instanceof Number g) {
      double a = w.doubleValue();
      double b = g.doubleValue();
      assertEquals(a, b, relative * Math.max(1e-12, Math.abs(a)), path);
    } else if (want instanceof java.util.Map<?, ?> w && got instanceof java.util.Map<?, ?> g) {
      assertEquals(w.keySet(), g.keySet(), path);
      for (Object k : w.keySet()) assertJsonClose(w.get(k), g.get(k), relative, path + "." + k);
    } else if (want instanceof java.util.List<?> w && got instanceof java.util.List<?> g) {
      assertEquals(w.size(), g.size(), path);
      for (int i = 0; i < w.size(); i++) assertJsonClose(w.get(i), g.get(i), relative, path + "[" + i + "]");
    } else {
      assertEquals(want, got, path);
    }
  }

  /** φ_p by explicit enumeration of every input→output and bias→output path (docs/algorithms.md §5.1 item 1). */
  static double bruteForcePathNorm(Network net, double p, boolean biases) {
    Architecture a = net.architecture();
    double total = 0;
    for (int out = 0; out < a.outputs(); out++) total += paths(net, a.depth() - 1, out, p, biases);
    return Math.pow(total, 1 / p);
  }

  /** Σ over paths ending at unit j of layer l's output of Π|w|^p. */
  private static double paths(Network net, int l, int j, double p, boolean biases) {
    Architecture a = net.architecture();
    double s = biases ? Math.pow(Math.abs(net.bias(l, j)), p) : 0;
    for (int k = 0; k < a.in(l); k++) {
      double w = Math.pow(Math.abs(net.weight(l, j, k)), p);
      s += l == 0 ? w : w * paths(net, l - 1, k, p, biases);
    }
    return s;
  }

  /** A PyTorch-layout safetensors file (F64, names 0.weight/0.bias/2.weight/…) gives the same numbers. */
  @Test
  void pytorchLayoutSafetensorsGivesTheSameMeasures(@TempDir Path dir) throws Exception {
    Network net = TestNets.random(5, true, 6, 8, 4);
    Architecture a = net.architecture();
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    for (int l = 0; l < a.depth(); l++) {
      float[] w = java.util.Arrays.copyOfRange(net.parameters(), a.weightOffset(l), a.weightOffset(l) + a.in(l) * a.out(l));
      float[] b = java.util.Arrays.copyOfRange(net.parameters(), a.biasOffset(l), a.biasOffset(l) + a.out(l));
      tensors.put((2 * l) + ".weight", new Safetensors.Tensor("F64", new long[] {a.out(l), a.in(l)}, w));
      tensors.put((2 * l) + ".bias", new Safetensors.Tensor("F64", new long[] {a.out(l)}, b));
    }
    Path file = dir.resolve("torch.safetensors");
    Safetensors.write(file, tensors, Map.of("format", "pt"));
    Network loaded = NetworkFiles.load(file);
    Dataset data = TestNets.data(6, 100, 6, 4);
    assertEquals(MeasureJson.toJson(Measures.compute(net, null, data, MeasureOptions.defaults())),
        MeasureJson.toJson(Measures.compute(loaded, null, data, MeasureOptions.defaults())));
  }

  /** docs/algorithms.md §5.5 item 28. */
  @Test
  void keskarSharpnessRespectsTheBoxIsNonNegativeGrowsWithAlphaAndIsNotRescalingInvariant() {
    Network net = TestNets.random(7, true, 5, 12, 3);
    Dataset data = TestNets.data(8, 128, 5, 3);
    Gemm gemm = new Gemm();
    double previous = -1;
    for (double alpha : new double[] {1e-3, 1e-2, 1e-1}) {
      Sharpness.Result r = Sharpness.compute(net, data, new Sharpness.Options(alpha, 100, 32, 0.01, 0.9, 0), 1,
          KernelSelection.kernels(), gemm);
      assertTrue(r.maxViolation() <= 0, "box violated by " + r.maxViolation());
      assertTrue(r.sharpness() >= 0);
      assertTrue(r.sharpness() >= previous, "not monotone in alpha: " + r.sharpness() + " < " + previous);
      previous = r.sharpness();
    }
    Network moved = net.copy();
    for (int j = 0; j < 12; j++) moved.rescaleHiddenUnit(1, j, 100);
    Sharpness.Options o = new Sharpness.Options(1e-2, 100, 32, 0.01, 0.9, 0);
    double a = Sharpness.compute(net, data, o, 1, KernelSelection.kernels(), gemm).sharpness();
    double b = Sharpness.compute(moved, data, o, 1, KernelSelection.kernels(), gemm).sharpness();
    assertNotEquals(a, b, 0.05 * a, "rescaling by 100 should change the sharpness");
  }

  /** docs/algorithms.md §5.5 item 27: the KL is the closed-form Gaussian KL; expected sharpness → 0 as α → 0 and grows with α. */
  @Test
  void pacBayesKlAndExpectedSharpness() {
    float[] w = {0.5f, -2f, 0f, 3f};
    double alpha = 0.03, closed = 0;
    for (float x : w) {
      double s = alpha * (10 * Math.abs(x) + 1);
      // KL(N(μ₁, s²) ‖ N(μ₀, s²)) = ln(s/s) + (s² + (μ₁ − μ₀)²)/(2s²) − ½
      closed += Math.log(s / s) + (s * s + x * x) / (2 * s * s) - 0.5;
    }
    assertEquals(closed, PacBayes.kl(w, alpha), 1e-12 * closed);
    Network net = TestNets.random(9, true, 5, 10, 3);
    Dataset data = TestNets.data(10, 128, 5, 3);
    PacBayes.Options o = new PacBayes.Options(List.of(1e-5, 1e-2, 1e-1), 200, 32, 0.1);
    PacBayes.Result r = PacBayes.compute(net, data, o, 1, KernelSelection.kernels(), new Gemm());
    double tiny = r.frontier().get(0).expectedSharpness(), mid = r.frontier().get(1).expectedSharpness(),
        big = r.frontier().get(2).expectedSharpness();
    assertTrue(Math.abs(tiny) < 1e-4, "alpha 1e-5 gives " + tiny);
    assertTrue(tiny < mid && mid < big, tiny + " " + mid + " " + big);
    assertTrue(r.frontier().get(0).kl() > r.frontier().get(2).kl());
    double sigma = r.sigmaAtTarget().orElseThrow();
    assertTrue(sigma > 0 && Double.isFinite(sigma), "sigma " + sigma);
  }

  /** C1 ratios are ≥ 1 (sub-multiplicativity); C3 ratios average to 1; C2 flips grow with ε. */
  @Test
  void perturbationConditions() {
    Network net = TestNets.random(11, true, 6, 9, 8, 7, 3);
    Dataset data = TestNets.data(12, 40, 6, 3);
    PerturbationConditions.Result r = PerturbationConditions.compute(net, data,
        new PerturbationConditions.Options(20, List.of(1e-4, 1e-1, 1.0)), 1);
    assertTrue(r.c1All().min() >= 1 - 1e-6, "C1 min " + r.c1All().min());
    assertEquals(r.c1All().count(), r.c1Interior().count() + r.c1Boundary().count());
    assertTrue(r.c1Interior().count() > 0);
    assertEquals(r.c1All().max(), r.inverseMu());
    double[] c3 = PerturbationConditions.relativeRowNorms(net.parameters(), net.architecture(), 0);
    double mean = 0;
    for (double v : c3) mean += v / c3.length;
    assertEquals(1, mean, 1e-12);
    assertEquals(3, r.c3().size());
    assertTrue(r.c2().get(0).meanFraction()[0] <= r.c2().get(2).meanFraction()[0]);
    assertTrue(r.c2().get(2).meanFraction()[0] > 0);
  }
}
