package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;

/**
 * RNN-Path with both terms of the shared-weight preconditioner (docs/algorithms.md §3.4, §4 E6):
 * θ ← θ − η · g ⊘ (κ⁽¹⁾ + κ⁽²⁾ + ε), κ recomputed from the current weights every step ({@link RnnKappa};
 * κ⁽²⁾ costs O(T·H³) per recurrent layer, which is why RNN-Path proper uses κ⁽¹⁾ alone). No momentum.
 * The E6 comparison trains this against {@code path-sgd} (κ⁽¹⁾ only). Allocates its buffers once.
 */
public final class RnnPathBothTerms implements Optimizer {
  private final RnnKappa kappa;
  private final float[] kappa1;
  private final double[] kappa2;
  private float lr;
  private long steps;

  public RnnPathBothTerms(Model model, float lr) {
    this.kappa = new RnnKappa(model);
    this.kappa1 = new float[model.parameterCount()];
    this.kappa2 = new double[model.parameterCount()];
    this.lr = lr;
  }

  @Override public String name() {
    return "path-sgd-k2";
  }

  @Override public void beginStep(Model model) {
    kappa.first(model, kappa1);
    kappa.second(model, kappa2);
    steps++;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    for (int i = from; i < to; i++) params[i] -= (float) (lr * grad[i] / (kappa1[i] + kappa2[i] + PathKappa.EPS));
  }

  @Override public float learningRate() {
    return lr;
  }

  @Override public void setLearningRate(float value) {
    lr = value;
  }

  @Override public Map<String, float[]> state() {
    return Map.of();
  }

  @Override public long steps() {
    return steps;
  }

  @Override public void setSteps(long value) {
    steps = value;
  }
}
