package org.pathnorm.train;

import java.util.OptionalDouble;
import org.pathnorm.nn.Loss;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * Settings of a training run, built with defaults: {@code TrainingConfig.builder().batch(32).epochs(15).build()}.
 * Defaults: batch 100, 10 epochs, no stop loss, no early stopping, 1 thread, seed 1, automatic
 * shards, no dropout, cross-entropy, the training loss from a full pass ({@link TrainingLoss#FULL_PASS}),
 * and the kernels chosen at start-up ({@link KernelSelection}).
 */
public final class TrainingConfig {
  private final int batch;
  private final int epochs;
  private final OptionalDouble stopLoss;
  private final int patience;
  private final int threads;
  private final long seed;
  private final int shardSize;
  private final double dropout;
  private final Loss loss;
  private final Kernels kernels;
  private final GradientClipping clipping;
  private final TrainingLoss trainingLoss;
  private final HiddenState hiddenState;

  private TrainingConfig(Builder b) {
    if (b.batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + b.batch);
    if (b.epochs < 0) throw new IllegalArgumentException("--epochs must be >= 0, got " + b.epochs);
    if (b.patience < 0) throw new IllegalArgumentException("--patience must be >= 0, got " + b.patience);
    if (b.threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + b.threads);
    if (b.shardSize < 0) throw new IllegalArgumentException("--shard must be >= 0, got " + b.shardSize);
    if (!(b.dropout >= 0 && b.dropout < 1)) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + b.dropout);
    if (b.stopLoss.isPresent() && !(b.stopLoss.getAsDouble() >= 0)) {
      throw new IllegalArgumentException("--stop-loss must be >= 0, got " + b.stopLoss.getAsDouble());
    }
    if (b.clipping == null) throw new IllegalArgumentException("gradient clipping must be set (GradientClipping.None for none)");
    if (b.trainingLoss == null) throw new IllegalArgumentException("the training loss report must be set (TrainingLoss.FULL_PASS by default)");
    if (b.hiddenState == null) throw new IllegalArgumentException("the hidden state policy must be set (HiddenState.RESET by default)");
    if (b.loss == null || b.kernels == null) throw new IllegalArgumentException("a loss and kernels are required");
    batch = b.batch;
    epochs = b.epochs;
    stopLoss = b.stopLoss;
    patience = b.patience;
    threads = b.threads;
    seed = b.seed;
    shardSize = b.shardSize;
    dropout = b.dropout;
    loss = b.loss;
    kernels = b.kernels;
    clipping = b.clipping;
    trainingLoss = b.trainingLoss;
    hiddenState = b.hiddenState;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.batch = batch;
    b.epochs = epochs;
    b.stopLoss = stopLoss;
    b.patience = patience;
    b.threads = threads;
    b.seed = seed;
    b.shardSize = shardSize;
    b.dropout = dropout;
    b.loss = loss;
    b.kernels = kernels;
    b.clipping = clipping;
    b.trainingLoss = trainingLoss;
    b.hiddenState = hiddenState;
    return b;
  }

  /** How the per-epoch training loss is obtained (default {@link TrainingLoss#FULL_PASS}). */
  public TrainingLoss trainingLoss() {
    return trainingLoss;
  }

  /** Whether a recurrent model's hidden state is reset per window or carried across windows (default {@link HiddenState#RESET}). */
  public HiddenState hiddenState() {
    return hiddenState;
  }

  /** Gradient clipping applied to the summed gradient before the optimiser (default none). */
  public GradientClipping clipping() {
    return clipping;
  }

  /** Mini-batch size. */
  public int batch() {
    return batch;
  }

  /** Maximum number of epochs. */
  public int epochs() {
    return epochs;
  }

  /** Stop once the training loss (mean over the training set) is below this; empty: never. */
  public OptionalDouble stopLoss() {
    return stopLoss;
  }

  /**
   * Early stopping: stop after this many epochs without a better validation error and restore the
   * best weights; 0: off (needs a validation set).
   */
  public int patience() {
    return patience;
  }

  /** Threads of the trainer's ForkJoin pool. */
  public int threads() {
    return threads;
  }

  /** Seeds the data order and dropout masks. */
  public long seed() {
    return seed;
  }

  /**
   * Samples per shard of a mini-batch (shards run in parallel with their own gradient buffers, summed
   * in shard order); 0: automatic ({@link Trainer#autoShardSize}).
   */
  public int shardSize() {
    return shardSize;
  }

  /** Drop probability of hidden units, 0 for none. */
  public double dropout() {
    return dropout;
  }

  /** The training loss. */
  public Loss loss() {
    return loss;
  }

  /** The kernels the trainer computes with. */
  public Kernels kernels() {
    return kernels;
  }

  /** Builds a {@link TrainingConfig}; every setter validates nothing until {@link #build}. */
  public static final class Builder {
    private int batch = 100;
    private int epochs = 10;
    private OptionalDouble stopLoss = OptionalDouble.empty();
    private int patience;
    private int threads = 1;
    private long seed = 1;
    private int shardSize;
    private GradientClipping clipping = new GradientClipping.None();
    private TrainingLoss trainingLoss = TrainingLoss.FULL_PASS;
    private HiddenState hiddenState = HiddenState.RESET;
    private double dropout;
    private Loss loss = Loss.CROSS_ENTROPY;
    private Kernels kernels = KernelSelection.kernels();

    private Builder() {}

    public Builder batch(int samples) {
      batch = samples;
      return this;
    }

    public Builder epochs(int count) {
      epochs = count;
      return this;
    }

    /** Stop once the training loss is below {@code loss}. */
    public Builder stopLoss(double value) {
      stopLoss = OptionalDouble.of(value);
      return this;
    }

    /** Stop at the loss given, or never if empty. */
    public Builder stopLoss(OptionalDouble value) {
      stopLoss = value;
      return this;
    }

    public Builder patience(int epochs) {
      patience = epochs;
      return this;
    }

    public Builder threads(int count) {
      threads = count;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder shardSize(int samples) {
      shardSize = samples;
      return this;
    }

    /** Gradient clipping by global norm or element-wise ({@link GradientClipping}). */
    public Builder clipping(GradientClipping c) {
      clipping = c;
      return this;
    }

    /** How the per-epoch training loss is obtained ({@link TrainingLoss}). */
    public Builder trainingLoss(TrainingLoss value) {
      trainingLoss = value;
      return this;
    }

    /** Truncated BPTT with the hidden state carried across consecutive windows, or reset per window ({@link HiddenState}). */
    public Builder hiddenState(HiddenState value) {
      hiddenState = value;
      return this;
    }

    public Builder dropout(double probability) {
      dropout = probability;
      return this;
    }

    public Builder loss(Loss value) {
      loss = value;
      return this;
    }

    /** Overrides the kernels chosen at start-up (e.g. the scalar kernels, in tests). */
    public Builder kernels(Kernels value) {
      kernels = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option whose value is out of range
     */
    public TrainingConfig build() {
      return new TrainingConfig(this);
    }
  }
}
