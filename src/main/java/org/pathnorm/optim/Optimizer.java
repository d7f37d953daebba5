package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.FusedWeightUpdate;
import org.pathnorm.nn.Model;

/**
 * A first-order optimiser over the flat parameter and gradient arrays of a {@link Model}.
 *
 * <p>A step is {@link #beginStep} once, then {@link #update} over disjoint parameter ranges that may
 * run in parallel. Global per-step work goes in {@code beginStep}: Adam's step count, and for the
 * path-normalised methods (docs/algorithms.md §3.2, §3.5) the diagonal preconditioner κ computed from the current
 * weights. {@code update} is element-wise and allocation-free.
 */
public interface Optimizer {

  /** Short name, e.g. {@code sgd}. */
  String name();

  /**
   * Lets the per-step work of {@link #beginStep} (the path-normalised methods' κ) use {@code pool}'s
   * threads; results must not change. Default: ignored.
   */
  default void useThreads(java.util.concurrent.ForkJoinPool pool) {}

  /** Per-step work that needs the whole model (called before the updates of the step). */
  default void beginStep(Model model) {}

  /**
   * Refuses a model this method is not defined on (e.g. a path-normalised method on a model whose
   * normalisation its κ ignores), with a message naming the option.
   *
   * @throws IllegalArgumentException if the method cannot train {@code model}
   */
  default void checkModel(Model model) {}

  /**
   * Whether the coming {@link #update} wants one call over all parameters, from the calling thread,
   * because it splits its work over the pool of {@link #useThreads} itself (Path-SGD's update that
   * computes the next κ). Asked after {@link #beginStep}. Default: false, the caller may split the
   * update into ranges.
   */
  default boolean updatesWhole() {
    return false;
  }

  /**
   * This optimiser's update applied to dense layers' weights inside the GEMMs that compute their gradients
   * ({@code nn.ModelWorkspace#fuseWeightUpdates}, docs/architecture.md "The update inside the weight
   * gradient"), with the same bits as {@link #update}; null (the default) where it has none. With a
   * {@link FusedWeightUpdate#wholeUpdate} the backward pass updates every parameter: the caller then calls
   * {@link #beginStep} before the pass and no {@link #update} after it.
   */
  default FusedWeightUpdate fusedUpdate(Model model) {
    return null;
  }

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
