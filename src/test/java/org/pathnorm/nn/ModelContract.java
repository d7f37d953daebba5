package org.pathnorm.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * What every {@link Model} and every {@link Layer} type must satisfy, written against the interfaces
 * so that each new layer type (recurrent, convolutional, …) is checked by calling these with a model
 * that contains it (docs/architecture.md, "The model abstraction"; docs/algorithms.md §5.1):
 * <ul>
 *   <li>{@link #gradients}: backward agrees with central differences of the forward pass along random
 *       directions, over the whole parameter vector and over each tensor alone;</li>
 *   <li>{@link #rescalingInvariance}: node rescaling of every hidden ReLU layer leaves the outputs and
 *       φ_p unchanged and changes the parameters;</li>
 *   <li>{@link #tensorsTileTheParameters} and {@link #fileRoundTrip}: the named tensors cover the
 *       parameter vector exactly once, and a saved model loads back bit for bit.</li>
 * </ul>
 */
public final class ModelContract {
  private ModelContract() {}

  /** Random samples x [batch × inputSize]. */
  public static float[] inputs(Model m, int batch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[batch * m.inputSize()];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    return x;
  }

  /** Σ ℓ over the batch·k rows of the model's outputs on (x, y) (k labels per sample), forward only, in evaluation mode. */
  static double loss(Model m, ModelWorkspace ws, float[] x, int[] y, int batch, Loss loss) {
    int k = m.labelsPerSample();
    return loss.evaluate(ws.forward(m, x, 0, batch), batch * k, m.outputSize() / k, y, 0, 1f, null);
  }

  /**
   * Backward against central differences (step ε relative to the parameters' scale) along
   * {@code directions} random directions over all parameters and one per tensor: |fd − g·v| ≤
   * tol·(|g·v| + 1e-3·‖g‖·‖v‖).
   */
  public static void gradients(Model m, Kernels kernels, int batch, Loss loss, long seed, int directions, double tol) {
    gradients(m, kernels, batch, loss, seed, directions, tol, new double[] {1e-3}, false);
  }

  /**
   * The check for piecewise-linear models with many kinks (convolutions, max pooling): a direction
   * passes if the central, forward or backward difference agrees at one of the relative steps 10⁻³,
   * 3·10⁻⁴, 10⁻⁴. A convolution moves every position of a channel with one weight, and max pooling
   * switches when two entries of a window cross, so at one step some kink lies within it on both sides
   * for many random points; a smaller step, or the side of it that crosses no kink, gives the
   * derivative that backward computes, while a wrong gradient disagrees with all nine differences.
   */
  public static void gradientsNearKinks(Model m, Kernels kernels, int batch, Loss loss, long seed, int directions, double tol) {
    gradients(m, kernels, batch, loss, seed, directions, tol, new double[] {1e-3, 3e-4, 1e-4}, true);
  }

  private static void gradients(Model m, Kernels kernels, int batch, Loss loss, long seed, int directions, double tol, double[] steps,
      boolean oneSided) {
    float[] x = inputs(m, batch, seed);
    int labels = m.labelsPerSample();
    int[] y = new int[batch * labels];
    SplittableRandom r = new SplittableRandom(seed + 1);
    for (int s = 0; s < y.length; s++) y[s] = r.nextInt(m.outputSize() / labels);
    ModelWorkspace ws = m.newWorkspace(batch, kernels, new Gemm(kernels, null));
    float[] grad = new float[m.parameterCount()];
    double total = ws.forwardBackward(m, x, 0, y, 0, batch, loss, 1f, grad, false, null, 0, 0);
    assertEquals(loss(m, ws, x, y, batch, loss), total, 1e-5 * Math.max(1, Math.abs(total)), "forwardBackward's loss = forward's loss");
    float[] p = m.parameters();
    double scale = 0;
    for (float v : p) scale = Math.max(scale, Math.abs(v));
    double base = loss(m, ws, x, y, batch, loss);
    List<ParameterTensor> tensors = m.tensors();
    for (int d = 0; d < directions + tensors.size(); d++) {
      int from = d < directions ? 0 : tensors.get(d - directions).offset();
      int to = d < directions ? p.length : from + tensors.get(d - directions).size();
      double[] v = new double[p.length];
      double gv = 0, gNorm = 0, vNorm = 0;
      for (int i = from; i < to; i++) {
        v[i] = r.nextGaussian();
        gv += grad[i] * v[i];
        gNorm += (double) grad[i] * grad[i];
        vNorm += v[i] * v[i];
      }
      double bound = tol * (Math.abs(gv) + 1e-3 * Math.sqrt(gNorm * vNorm));
      boolean agrees = false;
      double fd = Double.NaN;
      float[] saved = p.clone();
      for (int k = 0; k < steps.length && !agrees; k++) {
        double eps = steps[k] * Math.max(scale, 1e-2);
        for (int i = from; i < to; i++) p[i] = (float) (saved[i] + eps * v[i]);
        double plus = loss(m, ws, x, y, batch, loss);
        for (int i = from; i < to; i++) p[i] = (float) (saved[i] - eps * v[i]);
        double minus = loss(m, ws, x, y, batch, loss);
        System.arraycopy(saved, 0, p, 0, p.length);
        if (k == 0) fd = (plus - minus) / (2 * eps);
        agrees = Math.abs((plus - minus) / (2 * eps) - gv) <= bound
            || oneSided && (Math.abs((plus - base) / eps - gv) <= bound || Math.abs((base - minus) / eps - gv) <= bound);
      }
      String what = d < directions ? "all parameters" : tensors.get(d - directions).name();
      assertTrue(agrees, m.describe() + ", direction over " + what + ": finite difference " + fd + " vs backward " + gv);
    }
  }

  /**
   * Rescales {@code unitsPerLayer} random units of every hidden ReLU layer by factors in [1e-2, 1e2]:
   * outputs equal to {@code outputTol} (relative to their scale), φ_1 and φ_2 (with and without bias
   * paths) to {@code normTol}, and the parameters change.
   */
  public static void rescalingInvariance(Model m, Kernels kernels, long seed, int unitsPerLayer, double outputTol, double normTol) {
    Model moved = m.copy();
    SplittableRandom r = new SplittableRandom(seed);
    int rescaled = 0;
    for (int l = 0; l < m.layers().size() - 1; l++) {
      if (!m.layers().get(l).relu()) continue;
      for (int i = 0; i < unitsPerLayer; i++) {
        double c = Math.pow(10, r.nextDouble(-2, 2));
        moved.rescaleUnit(l, r.nextInt(m.layers().get(l).units()), c);
        rescaled++;
      }
    }
    assertTrue(rescaled > 0, m.describe() + " has no hidden ReLU layer to rescale");
    float[] x = inputs(m, 5, seed);
    float[] a = m.predict(x), b = moved.predict(x);
    double outScale = 0;
    for (float v : a) outScale = Math.max(outScale, Math.abs(v));
    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], outputTol * Math.max(outScale, 1e-3), "output " + i);
    PathNormPass pass = new PathNormPass(m);
    for (double power : new double[] {1, 2}) {
      for (boolean bias : new boolean[] {true, false}) {
        double before = pass.lpPower(m, power, bias), after = pass.lpPower(moved, power, bias);
        assertEquals(before, after, normTol * before, "phi_" + power + (bias ? "" : " without bias paths"));
      }
    }
    boolean changed = false;
    for (int i = 0; i < m.parameterCount(); i++) changed |= m.parameters()[i] != moved.parameters()[i];
    assertTrue(changed, "the rescaling changed no parameter");
  }

  /** The named tensors cover every parameter exactly once and their names are distinct. */
  public static void tensorsTileTheParameters(Model m) {
    int[] covered = new int[m.parameterCount()];
    List<ParameterTensor> tensors = m.tensors();
    for (ParameterTensor t : tensors) for (int i = t.offset(); i < t.offset() + t.size(); i++) covered[i]++;
    for (int i = 0; i < covered.length; i++) assertEquals(1, covered[i], "parameter " + i + " covered by " + covered[i] + " tensors");
    assertEquals(tensors.size(), tensors.stream().map(ParameterTensor::name).distinct().count(), "tensor names are distinct");
  }

  /** Saving with {@link ModelFiles} and loading into a zeroed copy gives the same parameters and buffers. */
  public static void fileRoundTrip(Model m, Path dir) throws Exception {
    Path file = dir.resolve("model.safetensors");
    ModelFiles.save(file, m, Map.of());
    Model back = m.copy();
    java.util.Arrays.fill(back.parameters(), 0f);
    ModelFiles.loadInto(file, back);
    assertArrayEquals(m.parameters(), back.parameters());
    for (Map.Entry<String, float[]> e : m.buffers().entrySet()) assertArrayEquals(e.getValue(), back.buffers().get(e.getKey()), e.getKey());
    assertTrue(Files.size(file) > 4L * m.parameterCount());
  }
}
