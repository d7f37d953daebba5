package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calling thread and up to min(parallelism, CPUs) − 1 helpers of a pool, running one group of tasks (a
 * region) at a time, OpenMP style: the caller runs tasks itself, the helpers claim the others from a
 * shared counter, and a helper spins for the next region for {@link #SPIN_NANOS} before it gives its
 * worker back to the pool.
 *
 * <p>Why: a region of a training step lasts 10–300 µs, and handing it to a ForkJoinPool from outside
 * costs a worker's wake-up (tens of µs on these VMs) before any work starts and another for the
 * caller after it ends; on a 2-vCPU machine two tasks of 80 µs took 155 µs through
 * {@code pool.invoke} against 169 µs one after the other. Here the caller never waits for a helper to
 * start: if none has arrived, it claims every task itself. Which thread runs a task never changes what
 * the task computes, so results do not depend on it.
 */
final class WorkerTeam {
  /** How long an idle helper spins for the next region before it returns its worker to the pool. */
  static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  private final ForkJoinPool pool;
  private final Helper[] helpers;
  /** The thread running the current region, or null. */
  private final AtomicReference<Thread> owner = new AtomicReference<>();
  /** Region number (high 32 bits) and next unclaimed task (low 32 bits). */
  private final AtomicLong ticket = new AtomicLong();
  /** Tasks of the current region not yet finished. */
  private final AtomicInteger pending = new AtomicInteger();
  private volatile RecursiveAction[] tasks;
  private volatile int count;
  private volatile Throwable failure;

  WorkerTeam(ForkJoinPool pool) {
    this.pool = pool;
    // never more spinning threads than CPUs: a spinner would take a core from the thread it waits for
    int threads = Math.min(pool.getParallelism(), Runtime.getRuntime().availableProcessors());
    helpers = new Helper[Math.max(0, threads - 1)];
    for (int h = 0; h < helpers.length; h++) helpers[h] = new Helper();
  }

  /**
   * Runs tasks[0 … count−1] and returns when all are done; false (nothing run) when another thread's
   * region is running, so the caller takes another way. A region started from inside a region runs
   * on the calling thread alone.
   */
  boolean run(RecursiveAction[] tasks, int count) {
    Thread me = Thread.currentThread();
    if (owner.get() == me) {
      runOnCaller(tasks, count);
      return true;
    }
    if (!owner.compareAndSet(null, me)) return false;
    try {
      this.tasks = tasks;
      this.count = count;
      pending.set(count);
      long region = (ticket.get() >>> 32) + 1;
      ticket.set(region << 32);
      for (int h = 0; h < Math.min(helpers.length, count - 1); h++) helpers[h].wake();
      claimAll(region, tasks, count);
      for (int spins = 0; pending.get() > 0; spins++) pause(spins);
      Throwable t = failure;
      if (t != null) {
        failure = null;
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
      }
      return true;
    } finally {
      this.tasks = null;
      owner.set(null);
    }
  }

  /** Claims and runs tasks of {@code region} until none is left (or the region has ended); whether it ran any. */
  private boolean claimAll(long region, RecursiveAction[] tasks, int count) {
    boolean any = false;
    for (;;) {
      long t = ticket.get();
      if (t >>> 32 != region || (int) t >= count) return any;
      if (!ticket.compareAndSet(t, t + 1)) continue;
      any = true;
      try {
        runTask(tasks[(int) t]);
      } catch (Throwable e) {
        failure = e;
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /**
   * A wait's pause: spin first, then yield the CPU on every turn, so that a helper descheduled in the
   * middle of a task (the machine busy with other work) gets a core back at once instead of after the
   * spinner's time slice.
   */
  private static void pause(int spins) {
    if (spins < YIELD_AFTER) Thread.onSpinWait();
    else Thread.yield();
  }

  /** Spins of a wait before it starts yielding (≈ 10–50 µs). */
  private static final int YIELD_AFTER = 1 << 10;

  /** Runs tasks[0 … count−1] on the calling thread, one after the other (a nested region, or {@link TaskGroup} without a team). */
  static void runOnCaller(RecursiveAction[] tasks, int count) {
    for (int i = 0; i < count; i++) runTask(tasks[i]);
  }

  private static void runTask(RecursiveAction task) {
    task.reinitialize();
    task.invoke();
  }

  /** A pool worker that joins regions while they keep coming. */
  private final class Helper extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private boolean submitted;

    /**
     * Submits the helper unless it is still submitted or spinning (called by the region's owner only).
     * One that has decided to leave but not yet finished misses this region: the owner claims its share.
     */
    void wake() {
      if (submitted && !isDone()) return;
      submitted = true;
      reinitialize();
      pool.execute(this);
    }

    @Override protected void compute() {
      long seen = 0;
      long idleSince = System.nanoTime();
      for (int spins = 0;; spins++) {
        long region = ticket.get() >>> 32;
        RecursiveAction[] t = tasks;
        int n = count;
        if (region != seen && t != null) {
          seen = region;
          if (claimAll(region, t, n)) idleSince = System.nanoTime();
          spins = 0;
        } else if (System.nanoTime() - idleSince > SPIN_NANOS) {
          return;
        } else {
          pause(spins);
        }
      }
    }
  }
}
