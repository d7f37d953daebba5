package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.simd.Kernels;

/**
 * κ for any model by the path-norm pass over its layers ({@link PathNormPass}): stored per parameter,
 * as its reciprocal, so the update multiplies. Used for models whose κ does not factorise per layer
 * (recurrent and convolutional layers share weights: κ sums over the copies, docs/algorithms.md §3.4).
 * The pass runs on the layers' fast scratch ({@code Layer.newPathCache(kernels, gemm)}): a convolution
 * in single precision as im2col + GEMM on |W|², since κ is stored in float anyway; a recurrent layer
 * and its read-out in single precision too, with the double pass where float's range ends.
 */
final class LayerKappa implements PathPreconditioner {
  /** Guards the reciprocal where a dead unit makes κ = 0 (its gradient is 0 too). */
  private static final float EPS = PathKappa.EPS;
  private final Kernels kernels;
  private final PathNormPass pass;
  /** κ, then overwritten by 1/(κ + ε). */
  private final float[] inverse;

  LayerKappa(Model model, Kernels kernels) {
    this.kernels = kernels;
    this.pass = new PathNormPass(model, kernels);
    this.inverse = new float[model.parameterCount()];
  }

  @Override public void compute(Model model) {
    pass.kappa(model, inverse);
    for (int i = 0; i < inverse.length; i++) inverse[i] = 1f / (inverse[i] + EPS);
  }

  @Override public void step(float[] params, float[] grad, float[] velocity, int from, int to, float lr, float momentum) {
    kernels.pathSgdStep(params, grad, velocity, from, to - from, lr, momentum, 1f, inverse, from);
  }

  @Override public void normalize(float[] grad, int from, int to) {
    kernels.mul(inverse, from, grad, from, to - from);
  }

  @Override public Map<String, float[]> state() {
    return Map.of("kappa.inverse", inverse);
  }
}
