package org.pathnorm.nn;

import java.util.List;

/**
 * Buffers for forward and backward passes of one model over mini-batches of up to {@link #maxBatch}
 * samples, allocated once: a pass allocates nothing. Not thread-safe: one per worker.
 */
public interface ModelWorkspace {

  /** The largest mini-batch this workspace holds. */
  int maxBatch();

  /**
   * Forward pass (evaluation mode) of {@code batch} samples x [batch × inputSize] at {@code x[xOff]};
   * returns the buffer holding the outputs [batch × outputSize], valid until the next pass.
   */
  float[] forward(Model model, float[] x, int xOff, int batch);

  /**
   * Forward pass in training mode (batch statistics, dropout masks of (step, firstSample + r)), the
   * loss, and the backward pass: writes (or adds, with {@code accumulate}) scale · ∂(Σ_s ℓ_s)/∂θ into
   * {@code grad} (laid out like the parameters) and returns Σ_s ℓ_s. With k = {@link
   * Model#labelsPerSample()} &gt; 1 the labels of sample s are {@code labels[(labelOff + s)·k …]} and the
   * sums run over the batch·k output rows.
   */
  double forwardBackward(Model model, float[] x, int xOff, int[] labels, int labelOff, int batch, Loss loss, float scale,
      float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample);

  /**
   * As {@link #forwardBackward(Model, float[], int, int[], int, int, Loss, float, float[], boolean, Dropout, long, int)}
   * for regression: the loss ({@link Loss#SQUARED_ERROR}) scores the output [batch × outputSize] against
   * the real-valued targets of sample s, {@code targets[(targetOff + s)·outputSize …]}, and Σ_s ℓ_s is
   * returned.
   *
   * @throws UnsupportedOperationException if this model's workspace trains on class labels only
   */
  default double forwardBackward(Model model, float[] x, int xOff, float[] targets, int targetOff, int batch, Loss loss, float scale,
      float[] grad, boolean accumulate, Dropout dropout, long step, int firstSample) {
    throw new UnsupportedOperationException(model.describe() + ": this model trains on class labels only, not real-valued targets");
  }

  /**
   * Zeroes the state the model's layers carry between passes through this workspace ({@link
   * Layer#stateSize()}) and turns carrying on or off: truncated BPTT over consecutive windows, where
   * sample row r of a pass continues the stream of row r of the previous pass (docs/algorithms.md
   * §3.4). No-op for a model without state.
   */
  default void resetState(boolean carry) {}

  /**
   * Keeps the per-node moments of the inputs and pre-activations of every training pass, for
   * data-dependent optimisers (docs/algorithms.md §3.5).
   *
   * @throws UnsupportedOperationException for models whose layers have no such moments
   */
  default void collectMoments() {
    throw new UnsupportedOperationException("this model's workspace collects no batch moments");
  }

  /** The moments of the last training pass, or null unless {@link #collectMoments} was called. */
  default BatchMoments moments() {
    return null;
  }

  /**
   * From now on, training passes ({@code forwardBackward} without accumulating) hand the weight gradient
   * of the layers this workspace can do it for to {@code update} as the GEMM computes it, updating those
   * weights during the pass instead of writing their gradient into the gradient array, whose values in
   * the returned ranges are then left as they were. The caller applies its update to every other
   * parameter. A pass then updates a layer's weights after that layer's gradient with respect to its
   * input has been computed from the old ones, so the results are the bits of the separate update.
   * Default: no layer (an empty list).
   *
   * @return the weight ranges updated during the passes, in increasing order
   */
  default List<ParameterRange> fuseWeightUpdates(Model model, FusedWeightUpdate update) {
    return List.of();
  }
}
