package org.pathnorm.measures;

import java.lang.ref.WeakReference;
import org.pathnorm.data.Concurrently;
import org.pathnorm.data.Dataset;

/**
 * The training set's statistics for the bounds ({@link Bounds#dataStats}, one pass over every value)
 * computed ahead, on a daemon thread, while a run trains: they depend on the data alone, and at the end
 * of a run the pass took 60–90 ms of the measures' ≈ 0.35 s, much of it cold code (BENCHMARKS.md,
 * "Issue 15, eleventh session"). The measures then take the values computed ahead, or compute them as
 * before when none were started for that data; the values are the same either way. One set at a time
 * (the last one started), holding its data weakly.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class DataStatsPrefetch {
  private DataStatsPrefetch() {}

  /** A pass started for the features of one dataset (as stored: the same array under two datasets is the same pass). */
  private static final class Pass {
    final WeakReference<Object> features;
    final int n;
    final int dim;
    final Thread thread;
    volatile Bounds.DataStats result;
    volatile RuntimeException failure;

    Pass(Dataset data) {
      this.features = new WeakReference<>(data.featureStorage());
      this.n = data.size();
      this.dim = data.dimension();
      this.thread = new Thread(() -> {
        try {
          result = Bounds.dataStats(data);
        } catch (RuntimeException e) {
          failure = e;
        }
      }, "pathnorm-data-stats");
      thread.setDaemon(true);
    }

    boolean isFor(Dataset data) {
      return features.get() == data.featureStorage() && n == data.size() && dim == data.dimension();
    }
  }

  private static Pass last;

  /** Starts computing the statistics of {@code train} on a daemon thread, unless that is under way or done. */
  public static void start(Dataset train) {
    synchronized (DataStatsPrefetch.class) {
      if (last != null && last.isFor(train)) return;
      last = new Pass(train);
      last.thread.start();
    }
  }

  /** The statistics of {@code train}: those computed ahead (waiting for them if need be), else computed now. */
  static Bounds.DataStats of(Dataset train) {
    Pass p;
    synchronized (DataStatsPrefetch.class) {
      p = last;
    }
    if (p != null && p.isFor(train)) {
      Concurrently.join(p.thread);
      if (p.failure != null) throw p.failure;
      return p.result;
    }
    return Bounds.dataStats(train);
  }
}
