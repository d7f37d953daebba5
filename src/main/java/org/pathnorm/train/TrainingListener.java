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
}
