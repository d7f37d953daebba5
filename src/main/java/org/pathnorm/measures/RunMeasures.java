package org.pathnorm.measures;

import org.pathnorm.linalg.WorkerPools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Subsets;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;

/**
 * The measures a training run writes into its directory as {@code measures.json}, atomically. A
 * DDP-normalised network is measured as its folded plain network, a conv net with its batch norms folded
 * ({@link Measures#compute(Model, Model, Dataset, Dataset, MeasureOptions, ForkJoinPool)}).
 *
 * <p>By default ({@link Level#CHEAP}) they cost a few per cent of a run: everything of
 * {@link MeasureOptions#defaults()} but the Schatten norms (an exact Jacobi SVD per layer, written as
 * null), and the margin γ taken over a seeded random subset of at most {@link #CHEAP_MARGIN_SAMPLES}
 * training samples instead of all of them. {@link Level#FULL} (`pathnorm train --measures full`)
 * computes {@link MeasureOptions#defaults()} on the whole training set. The file has the same keys
 * either way.
 */
public final class RunMeasures {
  public static final String FILE = "measures.json";
  /** Training samples over which the cheap level takes the margin percentile. */
  public static final int CHEAP_MARGIN_SAMPLES = 10_000;
  /** Seed of the cheap level's margin subset. */
  static final long MARGIN_SUBSET_SEED = 1;

  /** How much a run measures at its end. */
  public enum Level {
    /** No SVD (Schatten norms null); margins over at most {@link #CHEAP_MARGIN_SAMPLES} training samples. */
    CHEAP,
    /** {@link MeasureOptions#defaults()} over the whole training set. */
    FULL;

    /** Parses {@code cheap|full} for the option {@code option}. */
    public static Level parse(String s, String option) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "cheap": return CHEAP;
        case "full": return FULL;
        default: throw new IllegalArgumentException(option + ": expected cheap or full, got '" + s + "'");
      }
    }
  }

  private RunMeasures() {}

  /** {@link #write(Path, Model, Model, Dataset, int, Level)} at {@link Level#CHEAP}. */
  public static MeasureReport write(Path runDir, Model net, Model init, Dataset train, int threads) throws IOException {
    return write(runDir, net, init, train, threads, Level.CHEAP);
  }

  /** Computes the measures of {@code level} on {@code threads} threads and writes them; returns them. */
  public static MeasureReport write(Path runDir, Model net, Model init, Dataset train, int threads, Level level)
      throws IOException {
    return write(runDir, net, init, train, null, threads, level);
  }

  /**
   * As {@link #write(Path, Model, Model, Dataset, int, Level)}, the margins taken from {@code trainMargins} where given:
   * the margin of every sample of {@code train} under {@code net}, as a training run's last evaluation of the training
   * set found them ({@code Trainer#trainingMargins}; the values a forward pass gives, so the same file), instead of a
   * forward pass over the margin set. Only a {@link Network} takes them; other models run the pass.
   *
   * @throws IllegalArgumentException if {@code trainMargins} does not have one value per sample of {@code train}
   */
  public static MeasureReport write(Path runDir, Model net, Model init, Dataset train, double[] trainMargins, int threads,
      Level level) throws IOException {
    if (trainMargins != null && trainMargins.length != train.size()) {
      throw new IllegalArgumentException(trainMargins.length + " training margins for " + train.size() + " samples of " + train.name());
    }
    ForkJoinPool pool = WorkerPools.create(threads);
    try {
      MeasureReport r = compute(net, init, train, trainMargins, level, pool);
      AtomicFiles.writeString(runDir.resolve(FILE), MeasureJson.toJson(r) + "\n");
      return r;
    } finally {
      if (pool != null) pool.shutdown();
    }
  }

  /** The measures of {@code level} ({@code pool} may be null; {@code trainMargins} too). */
  static MeasureReport compute(Model net, Model init, Dataset train, double[] trainMargins, Level level, ForkJoinPool pool) {
    MeasureOptions options = level == Level.FULL ? MeasureOptions.defaults() : MeasureOptions.defaults().withSvdMaxWork(0);
    boolean subset = level == Level.CHEAP && train.size() > CHEAP_MARGIN_SAMPLES;
    if (trainMargins != null && net instanceof Network plain && plain.normalization() == null
        && (init == null || init instanceof Network)) {
      double[] margins = trainMargins;
      if (subset) {
        // the samples of the subset below, in its order
        int[] pick = Subsets.randomIndices(train.size(), CHEAP_MARGIN_SAMPLES, MARGIN_SUBSET_SEED);
        margins = new double[pick.length];
        for (int i = 0; i < pick.length; i++) margins[i] = trainMargins[pick[i]];
      }
      return Measures.compute(plain, (Network) init, train, margins, options, pool);
    }
    Dataset marginSet = subset ? Subsets.random(train, CHEAP_MARGIN_SAMPLES, MARGIN_SUBSET_SEED, false) : train;
    return Measures.compute(net, init, train, marginSet, options, pool);
  }
}
