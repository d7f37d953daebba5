package org.pathnorm.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * The path-norm pass of any {@link Model} (docs/algorithms.md §2.2, §3.2, §3.4): the network with
 * every parameter θ replaced by |θ|^p and every activation by the identity, run forward on an
 * all-ones input and backward from all-ones outputs.
 * <ul>
 *   <li>φ_p^p = Σ_paths Π_{e∈path} |θ_e|^p is the sum of the outputs of the forward pass (every path
 *       from an input node, or from a bias node when bias paths are counted, to an output);</li>
 *   <li>the backward pass gives, for every parameter, κ_e = ∂φ_2²/∂(θ_e²) = Σ over the paths through e
 *       of Π_{e'≠e} θ_e'², summed over every copy of a shared weight: Path-SGD's preconditioner, and
 *       for a recurrent layer RNN-Path's κ⁽¹⁾ (docs/algorithms.md §3.4).</li>
 * </ul>
 * The buffers are allocated once per model structure; a pass allocates nothing. For a {@link Network}
 * without normalisation, {@code optim.PathKappa} computes the same κ in factored form, faster.
 */
public final class PathNormPass {
  private final List<Layer> layers;
  /** sums[i]: path sums at the input of layer i (sums[n]: at the outputs). */
  private final double[][] sums;
  /** The adjoint of sums[i] in the backward pass. */
  private final double[][] adjoint;
  private final Layer.PathCache[] caches;

  /** The pass in double precision on every layer: the reference, and what φ_p for measures uses. */
  public PathNormPass(Model model) {
    this(model, null, null, false);
  }

  /**
   * The fast pass on {@code kernels} (the trainer's, so a scalar run stays scalar) with a GEMM on the
   * calling thread: {@code this(model, kernels, new Gemm(kernels, null))}.
   */
  public PathNormPass(Model model, Kernels kernels) {
    this(model, kernels, new Gemm(Objects.requireNonNull(kernels, "kernels"), null));
  }

  /**
   * The pass with every layer's fast scratch ({@link Layer#newPathCache(Kernels, Gemm)}), for
   * Path-SGD's κ at every step: a convolution runs in float as im2col + GEMM on |W|^p (relative error
   * ≈ 1e-6 against the double pass), a recurrent layer and its read-out in float at power 2 (the
   * double pass where the sums leave float's range).
   */
  public PathNormPass(Model model, Kernels kernels, Gemm gemm) {
    this(model, Objects.requireNonNull(kernels, "kernels"), Objects.requireNonNull(gemm, "gemm"), true);
  }

  private PathNormPass(Model model, Kernels kernels, Gemm gemm, boolean fast) {
    layers = model.layers();
    int n = layers.size();
    sums = new double[n + 1][];
    adjoint = new double[n + 1][];
    caches = new Layer.PathCache[n];
    for (int i = 0; i < n; i++) {
      sums[i] = new double[layers.get(i).inputSize()];
      adjoint[i] = new double[layers.get(i).inputSize()];
      caches[i] = fast ? layers.get(i).newPathCache(kernels, gemm) : layers.get(i).newPathCache();
    }
    sums[n] = new double[model.outputSize()];
    adjoint[n] = new double[model.outputSize()];
  }

  /**
   * φ_p^p of the model's current parameters, with or without the paths that start at a bias node.
   *
   * @throws IllegalArgumentException unless p is finite and ≥ 1
   */
  public double lpPower(Model model, double p, boolean biasPaths) {
    if (!(p >= 1) || Double.isInfinite(p)) throw new IllegalArgumentException("path norm: p must be finite and >= 1, got " + p);
    forward(model, p, biasPaths);
    double total = 0;
    for (double v : sums[layers.size()]) total += v;
    return total;
  }

  /**
   * Writes Path-SGD's κ (docs/algorithms.md §3.2; κ⁽¹⁾ of §3.4 for shared weights) for every parameter
   * into {@code kappa} (laid out like the parameters), bias paths included.
   */
  public void kappa(Model model, float[] kappa) {
    forward(model, 2, true);
    Arrays.fill(kappa, 0f);
    int n = layers.size();
    Arrays.fill(adjoint[n], 1.0);
    float[] p = model.parameters();
    for (int i = n - 1; i >= 0; i--) {
      layers.get(i).pathBackward(p, model.layerOffset(i), 2, sums[i], adjoint[i + 1], i == 0 ? null : adjoint[i], kappa,
          model.layerOffset(i), caches[i]);
    }
  }

  private void forward(Model model, double power, boolean biasPaths) {
    Arrays.fill(sums[0], 1.0);
    float[] p = model.parameters();
    for (int i = 0; i < layers.size(); i++) {
      layers.get(i).pathForward(p, model.layerOffset(i), power, sums[i], sums[i + 1], biasPaths, caches[i]);
    }
  }
}
