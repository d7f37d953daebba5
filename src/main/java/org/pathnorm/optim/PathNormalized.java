package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * Path-AdaGrad, Path-Adam and Path-RMSProp (docs/algorithms.md §3.6): the path-normalised gradient g ⊘ κ (κ of
 * {@link PathPreconditioner}, from the current weights every step) fed to an adaptive method in place of g.
 * Unlike Path-SGD these are <b>not</b> exactly invariant to node rescaling: the per-coordinate
 * accumulators of AdaGrad, Adam and RMSProp see g ⊘ κ, whose scale changes with the rescaling.
 * The gradient buffer is normalised in place.
 */
final class PathNormalized implements Optimizer {
  private final PathPreconditioner kappa;
  private final Optimizer inner;

  PathNormalized(Kernels kernels, Model model, Optimizer inner) {
    this.kappa = PathPreconditioner.forModel(model, kernels);
    this.inner = inner;
  }

  @Override public String name() {
    return "path-" + inner.name();
  }

  @Override public void checkModel(Model model) {
    PathMethods.check(name(), model);
  }

  /** κ of a plain feedforward network is computed on {@code pool} (same values). */
  @Override public void useThreads(java.util.concurrent.ForkJoinPool pool) {
    if (kappa instanceof PathKappa k) k.useThreads(pool);
  }

  @Override public void beginStep(Model net) {
    kappa.compute(net);
    inner.beginStep(net);
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    kappa.normalize(grad, from, to);
    inner.update(params, grad, from, to);
  }

  @Override public float learningRate() {
    return inner.learningRate();
  }

  @Override public void setLearningRate(float lr) {
    inner.setLearningRate(lr);
  }

  @Override public Map<String, float[]> state() {
    return inner.state();
  }

  @Override public long steps() {
    return inner.steps();
  }

  @Override public void setSteps(long steps) {
    inner.setSteps(steps);
  }
}
