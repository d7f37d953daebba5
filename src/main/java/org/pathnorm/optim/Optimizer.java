package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Network;

/**
 * A first-order optimiser over the flat parameter and gradient arrays of a {@link Network}.
 *
 * <p>A step is {@link #beginStep} once, then {@link #update} over disjoint parameter ranges that may
 * run in parallel. Global per-step work goes in {@code beginStep}: Adam's step count, and for the
 * path-normalised methods (docs/algorithms.md §3.2, §3.5) the diagonal preconditioner κ computed from the current
 * weights. {@code update} is element-wise and allocation-free.
 */
public interface Optimizer {

  /** Short name, e.g. {@code sgd}. */
  String name();

  /** Per-step work that needs the whole network (called before the updates of the step). */
  default void beginStep(Network net) {}

  /** Updates params[from, to) using grad[from, to), the gradient of the mini-batch mean loss. */
  void update(float[] params, float[] grad, int from, int to);

  float learningRate();

  void setLearningRate(float lr);

  /** Momentum coefficient, where the method has one; 0 otherwise. */
  default float momentum() {
    return 0f;
  }

  /** Sets the momentum coefficient; ignored by methods without momentum. */
  default void setMomentum(float momentum) {}

  /** Named state arrays (velocities, accumulators) as live references, for checkpoints. */
  Map<String, float[]> state();

  /** Number of steps taken (restored from checkpoints). */
  long steps();

  void setSteps(long steps);
}
