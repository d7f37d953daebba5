package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * Adam (Kingma &amp; Ba): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η·m̂ ⊘ (√v̂ + ε) with the
 * bias-corrected m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 */
public final class Adam implements Optimizer {
  private final Kernels kernels;
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float[] m;
  private final float[] v;
  private float lr;
  private long steps;
  private float correction1 = 1;
  private float correction2 = 1;

  Adam(Kernels kernels, int parameters, float lr, float beta1, float beta2, float eps) {
    this.kernels = kernels;
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.m = new float[parameters];
    this.v = new float[parameters];
  }

  @Override public String name() {
    return "adam";
  }

  @Override public void beginStep(Model net) {
    steps++;
    correction1 = (float) (1 - Math.pow(beta1, steps));
    correction2 = (float) (1 - Math.pow(beta2, steps));
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    kernels.adamStep(params, grad, m, v, from, to - from, lr, beta1, beta2, eps, correction1, correction2);
  }

  @Override public float learningRate() {
    return lr;
  }

  @Override public void setLearningRate(float lr) {
    this.lr = lr;
  }

  @Override public Map<String, float[]> state() {
    return Map.of("m", m, "v", v);
  }

  @Override public long steps() {
    return steps;
  }

  @Override public void setSteps(long steps) {
    this.steps = steps;
  }
}
