package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/** AdaGrad (Duchi et al.; docs/algorithms.md §3.6): G ← G + g∘g; w ← w − η·g ⊘ (√G + ε). Not rescaling-invariant. */
public final class AdaGrad implements Optimizer {
  private final Kernels kernels;
  private final float eps;
  private final float[] accumulator;
  private float lr;
  private long steps;

  AdaGrad(Kernels kernels, int parameters, float lr, float eps) {
    this.kernels = kernels;
    this.lr = lr;
    this.eps = eps;
    this.accumulator = new float[parameters];
  }

  @Override public String name() {
    return "adagrad";
  }

  @Override public void beginStep(Model net) {
    steps++;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    kernels.adagradStep(params, grad, accumulator, from, to - from, lr, eps);
  }

  @Override public float learningRate() {
    return lr;
  }

  @Override public void setLearningRate(float lr) {
    this.lr = lr;
  }

  @Override public Map<String, float[]> state() {
    return Map.of("accumulator", accumulator);
  }

  @Override public long steps() {
    return steps;
  }

  @Override public void setSteps(long steps) {
    this.steps = steps;
  }
}
