package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The thread pools PathNorm computes on. Their idle workers are kept (a keep-alive of a day)
 * instead of being trimmed after the JDK's default 60 s: besides sparing the restart of threads
 * between epochs, this keeps clear of a ForkJoinPool bug in JDK 17 before 17.0.17 (JDK-8351933: a
 * mis-masked counter update while trimming idle workers can leave a pool that never runs a task
 * again), seen here as a training run that hung with no worker threads left. Each pool has a
 * {@link WorkerTeam}: {@link TaskGroup} runs its tasks on the calling thread and spinning helpers
 * instead of handing them to the pool.
 */
public final class WorkerPools {
  private WorkerPools() {}

  /** A pool of {@code threads} workers, or null for one thread (the caller then computes alone). */
  public static ForkJoinPool create(int threads) {
    if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    if (threads == 1) return null;
    return new TeamPool(threads);
  }

  /** A pool with its {@link WorkerTeam}, which {@link TaskGroup} runs its regions on. */
  static final class TeamPool extends ForkJoinPool {
    final WorkerTeam team;

    TeamPool(int threads) {
      super(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false, 0, Math.max(threads, 256), 1, null, 1, TimeUnit.DAYS);
      team = new WorkerTeam(this);
    }
  }
}
