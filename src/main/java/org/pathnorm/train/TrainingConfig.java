package org.pathnorm.train;

import org.pathnorm.nn.Loss;

/**
 * Settings of a training run.
 *
 * @param batch      mini-batch size
 * @param epochs     maximum number of epochs
 * @param stopLoss   stop when the training loss (mean over the training set) falls below this; NaN: never
 * @param patience   early stopping: stop after this many epochs without a better validation error and
 *                   restore the best weights; 0: off (needs a validation set)
 * @param threads    ForkJoin threads
 * @param seed       seeds the data order and dropout masks
 * @param shardSize  samples per shard of a mini-batch; shards run in parallel with their own gradient
 *                   buffers, summed in shard order; 0: automatic (see {@link Trainer#autoShardSize})
 * @param dropout    drop probability of hidden units, 0 for none
 * @param loss       training loss
 */
public record TrainingConfig(int batch, int epochs, double stopLoss, int patience, int threads, long seed,
    int shardSize, double dropout, Loss loss) {

  public TrainingConfig {
    if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
    if (epochs < 0) throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
    if (patience < 0) throw new IllegalArgumentException("--patience must be >= 0, got " + patience);
    if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    if (shardSize < 0) throw new IllegalArgumentException("--shard must be >= 0, got " + shardSize);
    if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
    if (loss == null) throw new IllegalArgumentException("loss is required");
  }

  /** Defaults: batch 100, 10 epochs, no stop loss, no early stopping, 1 thread, seed 1, auto shards. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(100, 10, Double.NaN, 0, 1, 1, 0, 0, Loss.CROSS_ENTROPY);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(batch, e, stopLoss, patience, threads, seed, shardSize, dropout, loss);
  }

  public TrainingConfig withThreads(int t) {
    return new TrainingConfig(batch, epochs, stopLoss, patience, t, seed, shardSize, dropout, loss);
  }

  public TrainingConfig withBatch(int b) {
    return new TrainingConfig(b, epochs, stopLoss, patience, threads, seed, shardSize, dropout, loss);
  }
}
