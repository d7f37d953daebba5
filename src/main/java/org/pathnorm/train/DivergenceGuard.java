package org.pathnorm.train;

import java.util.Locale;

/**
 * Stops a run whose loss explodes without becoming NaN: if the training loss after an epoch is above
 * {@code factor} × the reference (the loss of the run's first mini-batch) for {@code epochs}
 * consecutive epochs, it throws a {@link DivergenceException}. Add it before the {@link Checkpoint},
 * so the epoch that trips it is not committed and the last committed epoch is kept. NaN and ±∞ are
 * caught by the {@link Trainer} itself, at the step where they appear.
 */
public final class DivergenceGuard implements TrainingListener {
  /** Default factor over the first mini-batch loss (CE starts near ln C, so 100× is far outside training). */
  public static final double DEFAULT_FACTOR = 100;
  /** Default number of consecutive epochs above the threshold. */
  public static final int DEFAULT_EPOCHS = 3;

  private final double factor;
  private final int epochs;
  private double reference = Double.NaN;
  private int strikes;

  /**
   * @param factor threshold as a multiple of the first mini-batch loss; &gt; 1
   * @param epochs consecutive epochs above it that stop the run; &gt;= 1
   */
  public DivergenceGuard(double factor, int epochs) {
    if (!(factor > 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("--divergence-factor: expected a finite number > 1, got " + factor);
    }
    if (epochs < 1) throw new IllegalArgumentException("--divergence-epochs: expected an integer >= 1, got " + epochs);
    this.factor = factor;
    this.epochs = epochs;
  }

  /** The reference loss (NaN before the first step). */
  public double reference() {
    return reference;
  }

  /** Consecutive epochs above the threshold so far. */
  public int strikes() {
    return strikes;
  }

  /** Continues a resumed run's count. */
  void restore(double ref, int strikeCount) {
    this.reference = ref;
    this.strikes = strikeCount;
  }

  // the step's loss and time only: the weights may stay in a working layout (TrainingListener#stepReadsModel)
  @Override public boolean stepReadsModel() {
    return false;
  }

  @Override public void onStep(Trainer t, int epoch, long step, double batchLoss, int samples, int size, double seconds) {
    if (Double.isNaN(reference)) reference = batchLoss;
  }

  @Override public void onEpoch(Trainer t, EpochStats stats) {
    double threshold = factor * reference;
    strikes = stats.trainLoss() > threshold ? strikes + 1 : 0;
    if (strikes >= epochs) {
      throw new DivergenceException(String.format(Locale.ROOT,
          "training diverged: the training loss stayed above %.4g (%s x the first mini-batch loss %.4g) for %d epochs, %.4g after epoch %d;"
              + " the last committed checkpoint is kept (thresholds: --divergence-factor, --divergence-epochs)",
          threshold, factor, reference, strikes, stats.trainLoss(), stats.epoch()));
    }
  }
}
