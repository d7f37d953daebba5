package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.Kernels;

/**
 * Path-AdaGrad and Path-Adam (docs/algorithms.md §3.6): the path-normalised gradient g ⊘ κ (κ of
 * {@link PathKappa}, from the current weights every step) fed to an adaptive method in place of g.
 * Unlike Path-SGD these are <b>not</b> exactly invariant to node rescaling: the per-coordinate
 * accumulators of AdaGrad and Adam see g ⊘ κ, whose scale changes with the rescaling.
 * The gradient buffer is normalised in place.
 */
public final class PathNormalized implements Optimizer {
  private final Kernels kernels;
  private final Architecture arch;
  private final PathKappa kappa;
  private final Optimizer inner;

  public PathNormalized(Kernels kernels, Architecture arch, Optimizer inner) {
    this.kernels = kernels;
    this.arch = arch;
    this.kappa = new PathKappa(arch, kernels);
    this.inner = inner;
  }

  @Override public String name() {
    return "path-" + inner.name();
  }

  public PathKappa kappa() {
    return kappa;
  }

  @Override public void beginStep(Network net) {
    kappa.compute(net.parameters());
    inner.beginStep(net);
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    for (int l = 0; l < arch.depth(); l++) {
      int in = arch.in(l);
      int wStart = arch.weightOffset(l);
      int bStart = arch.biasOffset(l);
      for (int i = Math.max(from, wStart), end = Math.min(to, bStart); i < end; ) {
        int r = (i - wStart) / in;
        int c = (i - wStart) - r * in;
        int n = Math.min(in - c, end - i);
        // g ← g ⊘ κ with κ⁻¹ = (1/γ_out²_r)·(1/γ_in²)
        kernels.mul(kappa.ginInverse[l], c, grad, i, n);
        kernels.scale(kappa.goutInverse[l][r], grad, i, n);
        i += n;
      }
      int i = Math.max(from, bStart);
      int end = Math.min(to, bStart + arch.out(l));
      if (i < end) kernels.mul(kappa.goutInverse[l], i - bStart, grad, i, end - i);
    }
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
