package org.pathnorm.train;

import java.io.IOException;

/** Callbacks of a {@link Trainer}; all default to doing nothing. */
public interface TrainingListener {

  /** Before the first step (after a resume: before the first new step). */
  default void onStart(Trainer trainer) throws IOException {}

  /** After each optimisation step: mean mini-batch loss, samples processed in the epoch so far. */
  default void onStep(Trainer trainer, int epoch, long step, double batchLoss, int samplesInEpoch,
      int epochSize, double elapsedSeconds) {}

  /** After each epoch's evaluation. */
  default void onEpoch(Trainer trainer, EpochStats stats) throws IOException {}

  /** Once at the end (also after early stopping), not after divergence. */
  default void onEnd(Trainer trainer, TrainingResult result) throws IOException {}

  /**
   * Whether {@link #onStep}, where this listener has one of its own, reads the model: true unless it says otherwise.
   * While no listener does, a run may keep weights in a working layout of its own between the steps of an epoch
   * (docs/architecture.md, "A training step on the input's zeros"); {@link #onEpoch} and {@link #onEnd} always see the
   * model as it is.
   */
  default boolean stepReadsModel() {
    return true;
  }

  /** Whether {@code l} reads the model after each step: it has an {@link #onStep} of its own and {@link #stepReadsModel}. */
  static boolean readsModelOnStep(TrainingListener l) {
    try {
      Class<?> declaring = l.getClass().getMethod("onStep", Trainer.class, int.class, long.class, double.class, int.class,
          int.class, double.class).getDeclaringClass();
      return declaring != TrainingListener.class && l.stepReadsModel();
    } catch (NoSuchMethodException e) {
      return true;
    }
  }
}
