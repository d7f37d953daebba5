package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.measures.PathNorms;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * {@link ModelContract} on the feedforward {@link Network} and on the same layers stacked by
 * {@link Sequential} (the general path every other layer type takes), and the two paths against each
 * other.
 */
class ModelContractTest {

  static Sequential sequentialTwin(Network net) {
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < net.layers().size(); i++) paths.add(net.modulePath(i));
    return new Sequential(net.layers(), paths, net.parameters().clone());
  }

  static Network random(long seed, int... widths) {
    Network net = Network.builder(new Architecture(widths)).init(Initializer.PYTORCH, seed).build();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < net.parameters().length; i++) net.parameters()[i] += (float) (0.05 * r.nextGaussian());
    return net;
  }

  @Test
  void networkAndSequentialSatisfyTheContract(@TempDir Path dir) throws Exception {
    for (Kernels k : KernelsUnderTest.all()) {
      Network net = random(3, 5, 7, 6, 3);
      for (Model m : List.of(net, sequentialTwin(net))) {
        // the feed-forward Network workspace trains on class labels only; Sequential also on real-valued targets
        for (Loss loss : Loss.values()) if (!(loss.regression() && m instanceof Network)) ModelContract.gradients(m, k, 4, loss, 11, 6, 2e-2);
        ModelContract.rescalingInvariance(m, k, 5, 3, 1e-4, 1e-5);
        ModelContract.tensorsTileTheParameters(m);
        ModelContract.fileRoundTrip(m, dir);
      }
    }
  }

  /** The contract's gradient check fails on a wrong gradient (a layer whose backward drops its bias gradient). */
  @Test
  void theGradientCheckCanFail() {
    Dense real = new Dense(4, 3, false);
    Layer broken = new Layer() {
      @Override public int inputSize() { return 4; }
      @Override public int outputSize() { return 3; }
      @Override public int parameterCount() { return real.parameterCount(); }
      @Override public List<ParameterTensor> tensors() { return real.tensors(); }
      @Override public boolean relu() { return false; }
      @Override public Cache newCache(int maxBatch, Kernels kernels, Gemm gemm) { return real.newCache(maxBatch, kernels, gemm); }
      @Override public void forward(float[] p, int pOff, float[] x, int xOff, int batch, float[] y, Cache cache) {
        real.forward(p, pOff, x, xOff, batch, y, cache);
      }
      @Override public void backward(float[] p, int pOff, float[] x, int xOff, float[] y, float[] dY, int batch, float[] grad, int gOff,
          boolean accumulate, float[] dX, Cache cache) {
        real.backward(p, pOff, x, xOff, y, dY, batch, grad, gOff, accumulate, dX, cache);
        java.util.Arrays.fill(grad, gOff + 12, gOff + 15, 0f);
      }
      @Override public void pathForward(float[] p, int pOff, double power, double[] in, double[] out, boolean biasPaths, PathCache c) {
        real.pathForward(p, pOff, power, in, out, biasPaths, c);
      }
      @Override public void pathBackward(float[] p, int pOff, double power, double[] in, double[] dOut, double[] dIn, float[] dq,
          int dqOff, PathCache c) {
        real.pathBackward(p, pOff, power, in, dOut, dIn, dq, dqOff, c);
      }
      @Override public int units() { return 3; }
      @Override public void scaleUnit(float[] p, int pOff, int unit, double c) { real.scaleUnit(p, pOff, unit, c); }
      @Override public void divideInput(float[] p, int pOff, int unit, double c) { real.divideInput(p, pOff, unit, c); }
    };
    Sequential m = new Sequential(List.of(broken), List.of("0"));
    new SplittableRandom(1).doubles(m.parameterCount(), -1, 1).forEach(new java.util.function.DoubleConsumer() {
      int i;
      @Override public void accept(double v) { m.parameters()[i++] = (float) v; }
    });
    assertThrows(AssertionError.class, () -> ModelContract.gradients(m, KernelsUnderTest.all().get(0), 4, Loss.MSE, 2, 3, 2e-2));
  }

  /** The general layer-by-layer passes give the fused Network workspace's results bit for bit. */
  @Property(tries = 20)
  void sequentialPassesEqualTheNetworkWorkspace(@ForAll long seed, @ForAll @IntRange(min = 1, max = 33) int batch) {
    Network net = random(seed, 6, 9, 7, 4);
    Sequential seq = sequentialTwin(net);
    Kernels k = KernelsUnderTest.all().get(0);
    float[] x = ModelContract.inputs(net, batch, seed);
    int[] y = new int[batch];
    for (int s = 0; s < batch; s++) y[s] = Math.floorMod((int) seed + s, 4);
    float[] g1 = new float[net.parameterCount()], g2 = new float[net.parameterCount()];
    ModelWorkspace a = net.newWorkspace(batch, k, new Gemm(k, null)), b = seq.newWorkspace(batch, k, new Gemm(k, null));
    Dropout dropout = new Dropout(0.3, seed);
    double la = a.forwardBackward(net, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 0.5f, g1, false, dropout, 3, 0);
    double lb = b.forwardBackward(seq, x, 0, y, 0, batch, Loss.CROSS_ENTROPY, 0.5f, g2, false, dropout, 3, 0);
    assertEquals(la, lb);
    assertArrayEquals(g1, g2);
    assertArrayEquals(a.forward(net, x, 0, batch).clone(), b.forward(seq, x, 0, batch));
  }

  /** The path-norm pass over layers gives PathNorms' φ_p and Path-SGD's factored κ. */
  @Property(tries = 20)
  void pathNormPassMatchesTheFeedforwardFormulas(@ForAll long seed) {
    Network net = random(seed, 5, 8, 6, 3);
    PathNormPass pass = new PathNormPass(net);
    for (double p : new double[] {1, 1.5, 2, 3}) {
      for (boolean bias : new boolean[] {true, false}) {
        double expected = PathNorms.lpPower(net, p, bias);
        assertEquals(expected, pass.lpPower(net, p, bias), 1e-12 * expected, "phi_" + p + "^p");
      }
    }
    float[] kappa = new float[net.parameterCount()];
    pass.kappa(net, kappa);
    org.pathnorm.optim.PathKappaProbe.assertSameKappa(net, kappa, 1e-5);
  }

  /** κ of a weight is the change of φ₂² when its square goes from 0 to 1 (φ₂² is linear in each θ_e² of a DAG). */
  @Test
  void kappaIsTheDerivativeOfPhiTwoSquared() {
    Network net = random(4, 3, 4, 2);
    PathNormPass pass = new PathNormPass(net);
    float[] kappa = new float[net.parameterCount()];
    pass.kappa(net, kappa);
    for (int e = 0; e < net.parameterCount(); e++) {
      float saved = net.parameters()[e];
      net.parameters()[e] = 1;
      double one = pass.lpPower(net, 2, true);
      net.parameters()[e] = 0;
      double zero = pass.lpPower(net, 2, true);
      net.parameters()[e] = saved;
      assertEquals(one - zero, kappa[e], 1e-5 * Math.max(1, Math.abs(one - zero)), "parameter " + e);
    }
  }

  @Test
  void sequentialRefusesMismatchedLayers() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sequential(List.of(new Dense(4, 3, true), new Dense(5, 2, false)), List.of("a", "b")));
    assertTrue(e.getMessage().contains("takes 5 inputs but layer 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sequential(List.of(new Dense(4, 3, true)), List.of("a"), new float[3]));
    Network net = random(1, 3, 4, 2);
    assertThrows(IllegalArgumentException.class, () -> net.rescaleUnit(1, 0, 2));   // the output layer has no ReLU
    assertThrows(IllegalArgumentException.class, () -> net.rescaleUnit(0, 4, 2));
    assertThrows(IllegalArgumentException.class, () -> net.rescaleUnit(0, 0, -1));
  }

  @Test
  void predictAndEvaluateAgreeWithTheWorkspace() {
    Network net = random(9, 6, 5, 3);
    float[] x = ModelContract.inputs(net, 300, 2);
    int[] y = new int[300];
    for (int i = 0; i < y.length; i++) y[i] = i % 3;
    float[] out = net.predict(x);
    Kernels k = KernelsUnderTest.all().get(0);
    float[] direct = net.newWorkspace(300, k, new Gemm(k, null)).forward(net, x, 0, 300);
    assertArrayEquals(direct, out);
    Evaluation e = net.evaluate(x, y, Loss.CROSS_ENTROPY);
    assertEquals(Loss.CROSS_ENTROPY.evaluate(direct, 300, 3, y, 0, 1f, null) / 300, e.loss(), 1e-12);
    assertEquals(Loss.errors(direct, 300, 3, y, 0) / 300.0, e.error(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> net.predict(new float[7]));
  }
}
