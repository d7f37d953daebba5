package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.FusedWeightUpdate;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * Mini-batch SGD with optional heavy-ball momentum and weight decay (docs/algorithms.md §3.1, classical form):
 * with d = g + λw, v ← μv − ηd and w ← w + v; without momentum (μ = 0 and no velocity) w ← w − ηd.
 */
public final class Sgd extends MomentumOptimizer {
  private final Kernels kernels;
  private final float weightDecay;

  /**
   * @param useMomentum keep a velocity (needed whenever the schedule may make μ &gt; 0)
   */
  Sgd(Kernels kernels, int parameters, float lr, float momentum, float weightDecay, boolean useMomentum) {
    super(parameters, lr, momentum, useMomentum);
    this.kernels = kernels;
    this.weightDecay = weightDecay;
  }

  @Override public String name() {
    return "sgd";
  }

  @Override public void beginStep(Model net) {
    steps++;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    kernels.sgdStep(params, grad, velocity, from, to - from, lr, momentum, weightDecay);
  }

  /**
   * This update applied to a dense layer's weights while the GEMM computes their gradient, row segment by
   * row segment ({@code nn.ModelWorkspace#fuseWeightUpdates}): the operations of {@link #update}, with the
   * step size, momentum and weight decay in force when the segment arrives, so the same bits.
   */
  @Override public FusedWeightUpdate fusedUpdate(Model model) {
    return (weightOffset, rows, columns) -> (row, col, g, off, n) -> kernels.sgdStep(model.parameters(),
        weightOffset + row * columns + col, g, off, velocity, n, lr, momentum, weightDecay);
  }

  public float weightDecay() {
    return weightDecay;
  }

  @Override public Map<String, float[]> state() {
    return velocity == null ? Map.of() : Map.of("velocity", velocity);
  }
}
