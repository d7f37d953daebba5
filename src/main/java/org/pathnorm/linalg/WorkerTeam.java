package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calling thread and up to min(parallelism, CPUs) − 1 helpers of a pool, running one group of tasks (a
 * region) at a time, OpenMP style: the caller runs tasks itself, the helpers claim the others, and a
 * helper spins for the next region for {@link #SPIN_NANOS} before it gives its worker back to the pool.
 *
 * <p>Task i of the first min(count, threads, 32) is <em>owned</em> by thread i (the caller is thread 0,
 * helper h thread h + 1), as with OpenMP's static schedule: each thread first runs the task it owns,
 * then claims the rest from a shared counter, then takes owned tasks that nobody has started (their
 * thread is late or gone). Why: the regions of a training step split their work the same way every
 * time (a GEMM's row panels, the update's ranges of parameters), so with owners a thread keeps
 * working on the same weights, gradients and velocities step after step, in its own cache. Claimed
 * first-come, the two halves swapped threads at random, and on the 2-vCPU VMs here, whose cores share
 * no cache, each swap moved them from core to core: a 784-256-10 step (batch 64) took longer on 2
 * threads than on 1, its update alone 64–118 µs for half the parameters against 24–35 µs for all of
 * them on one thread (BENCHMARKS.md, "Issue 15, eleventh session").
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
  /** Region number (high 32 bits; even, odd while one is set up) and next unclaimed shared task (low 32 bits; the owned tasks come first). */
  private final AtomicLong ticket = new AtomicLong();
  /** Region number (high 32 bits) and the owned tasks claimed so far (bit i: task i). */
  private final AtomicLong ownedClaims = new AtomicLong();
  /** Tasks of the current region not yet finished. */
  private final AtomicInteger pending = new AtomicInteger();
  private volatile RecursiveAction[] tasks;
  private volatile int count;
  /** How many of the current region's tasks are owned (the first ones). */
  private volatile int owned;
  private volatile Throwable failure;

  WorkerTeam(ForkJoinPool pool) {
    // never more spinning threads than CPUs: a spinner would take a core from the thread it waits for
    this(pool, Math.min(pool.getParallelism(), Runtime.getRuntime().availableProcessors()));
  }

  /** A team of {@code threads} threads, the caller included, whatever the CPUs (for tests). */
  WorkerTeam(ForkJoinPool pool, int threads) {
    this.pool = pool;
    helpers = new Helper[Math.max(0, threads - 1)];
    for (int h = 0; h < helpers.length; h++) helpers[h] = new Helper(h + 1);
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
      int own = Math.min(Math.min(count, helpers.length + 1), MAX_OWNED);
      // regions are even; the odd number before one marks its set-up, so that a helper never pairs a
      // region with another one's tasks (it checks the number again after reading them)
      long region = (ticket.get() >>> 32) + 2;
      ticket.set((region - 1) << 32);
      this.tasks = tasks;
      this.count = count;
      this.owned = own;
      pending.set(count);
      // the bits of tasks that are not owned count as claimed
      ownedClaims.set(region << 32 | (0xFFFF_FFFFL << own & 0xFFFF_FFFFL));
      ticket.set(region << 32 | own);
      for (int h = 0; h < Math.min(helpers.length, count - 1); h++) helpers[h].wake();
      work(region, 0, tasks, count, own);
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

  /** Owned tasks at most (their claims are bits of a long, beside the region number). */
  static final int MAX_OWNED = 32;

  /**
   * Thread {@code slot}'s part of {@code region}: the task it owns, then shared tasks until none is left,
   * then owned tasks nobody has started; whether it ran any. A region that has ended is left at once.
   */
  private boolean work(long region, int slot, RecursiveAction[] tasks, int count, int own) {
    boolean any = slot < own && claimOwned(region, slot, tasks);
    for (;;) {
      long t = ticket.get();
      if (t >>> 32 != region || (int) t >= count) break;
      if (!ticket.compareAndSet(t, t + 1)) continue;
      any = true;
      runCounted(tasks[(int) t]);
    }
    for (int i = 0; i < own; i++) any |= claimOwned(region, i, tasks);
    return any;
  }

  /** Runs owned task {@code i} of {@code region} unless it has been claimed (or the region has ended). */
  private boolean claimOwned(long region, int i, RecursiveAction[] tasks) {
    long bit = 1L << i;
    for (;;) {
      long c = ownedClaims.get();
      if (c >>> 32 != region || (c & bit) != 0) return false;
      if (ownedClaims.compareAndSet(c, c | bit)) break;
    }
    runCounted(tasks[i]);
    return true;
  }

  private void runCounted(RecursiveAction task) {
    try {
      runTask(task);
    } catch (Throwable e) {
      failure = e;
    } finally {
      pending.decrementAndGet();
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
    /** This helper's thread number: the owned task it runs first. */
    private final int slot;
    private boolean submitted;

    Helper(int slot) {
      this.slot = slot;
    }

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
        RecursiveAction[] t = region != seen && (region & 1) == 0 ? tasks : null;
        int n = count;
        int own = owned;
        if (t != null && ticket.get() >>> 32 == region) {
          seen = region;
          if (work(region, slot, t, n, own)) idleSince = System.nanoTime();
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
