package org.pathnorm.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: every epoch's statistics, why training stopped, and the epoch
 * whose weights the network holds at the end (the best validation epoch under early stopping).
 */
public record TrainingResult(List<EpochStats> epochs, String stopReason, int weightsFromEpoch) {

  /** The last epoch's statistics, or null if no epoch ran. */
  public EpochStats last() {
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
  }
}
