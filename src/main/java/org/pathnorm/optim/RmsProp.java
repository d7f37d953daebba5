package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;

/**
 * RMSProp as PyTorch's {@code torch.optim.RMSprop} without momentum or centring (docs/algorithms.md §3.6):
 * v ← αv + (1−α)g∘g; w ← w − η·g ⊘ (√v + ε), defaults α = 0.99, ε = 1e-8, v₀ = 0. Element-wise, in
 * float, allocation-free; not rescaling-invariant. Fed g ⊘ κ it is Path-RMSProp ({@link PathNormalized}).
 */
final class RmsProp implements Optimizer {
  /** PyTorch's default smoothing constant α. */
  static final float ALPHA = 0.99f;
  /** PyTorch's default ε. */
  static final float EPS = 1e-8f;
  private final float alpha;
  private final float eps;
  private final float[] square;
  private float lr;
  private long steps;

  RmsProp(int parameters, float lr, float alpha, float eps) {
    this.lr = lr;
    this.alpha = alpha;
    this.eps = eps;
    this.square = new float[parameters];
  }

  @Override public String name() {
    return "rmsprop";
  }

  @Override public void beginStep(Model net) {
    steps++;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    float keep = alpha;
    float add = 1 - alpha;
    for (int i = from; i < to; i++) {
      float g = grad[i];
      float v = keep * square[i] + add * g * g;
      square[i] = v;
      params[i] -= lr * g / ((float) Math.sqrt(v) + eps);
    }
  }

  @Override public float learningRate() {
    return lr;
  }

  @Override public void setLearningRate(float lr) {
    this.lr = lr;
  }

  @Override public Map<String, float[]> state() {
    return Map.of("square_avg", square);
  }

  @Override public long steps() {
    return steps;
  }

  @Override public void setSteps(long steps) {
    this.steps = steps;
  }
}
