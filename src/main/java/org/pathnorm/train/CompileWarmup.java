package org.pathnorm.train;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM's first training steps run their products, or their shards, on one thread, whatever {@code --threads}:
 * until the JIT has compiled the Vector API kernels, they run interpreted or in C1 code (the first 784-256-10 step
 * takes ≈ 0.5 s, the hundredth 0.5 ms), and C2 compiles them on the same cores that the other workers would take. On
 * the 2-vCPU Intel Xeon, a 2-thread Fashion-MNIST run's first epoch took 0.87–0.98 s with its first 100–400 steps on
 * one thread against 0.93–1.18 s (median 1.08) without (BENCHMARKS.md, "Issue 15, twenty-sixth session"). The
 * products and the shards' sums give the same bits on any number of threads, so this changes no result. It applies
 * where the workers take every core the JVM may use ({@code --threads} ≥ {@link Runtime#availableProcessors}); with
 * cores to spare the compiler has its own.
 *
 * <p>The window is counted in a step's work (max(parameters, forward multiply-adds per sample) × rows) over the whole
 * JVM, not in steps, so that it ends after a step or two of a large network (whose kernels are hot within its first
 * step) and is spent once in a JVM that trains many networks: {@value #DEFAULT_WORK} multiply-adds, ≈ 165 steps of
 * 784-256-10 at batch 64, two of 784-4000-4000-10. {@code -Dpathnorm.train.serialWarmup=N} sets it (0: off).
 */
final class CompileWarmup {
  /** The default window: 2³¹ multiply-adds. */
  static final long DEFAULT_WORK = 1L << 31;
  private static volatile long window = Long.getLong("pathnorm.train.serialWarmup", DEFAULT_WORK);
  private static final AtomicLong DONE = new AtomicLong();
  private static volatile int cores = Runtime.getRuntime().availableProcessors();

  private CompileWarmup() {}

  /**
   * Whether a step of {@code work} multiply-adds on {@code threads} workers should run its products on the calling
   * thread, and counts it: true while the workers take every core and the JVM's training so far has done less than
   * the window.
   */
  static boolean serial(long work, int threads) {
    if (threads < cores || DONE.get() >= window) return false;
    DONE.addAndGet(work);
    return true;
  }

  /**
   * Whether the steps of {@code threads} workers run on one thread in this window and half of it is spent: the training
   * step's kernels compiled, and the compiler still with a core to itself (for {@link SparseRowsPrimer}).
   */
  static boolean halfSpent(int threads) {
    return threads >= cores && window > 0 && DONE.get() >= window / 2 && DONE.get() < window;
  }

  /** The window in multiply-adds (for {@code --version}). */
  static long window() {
    return window;
  }

  /** Starts the count again with a window of {@code work} multiply-adds, for a JVM on {@code cpus} cores (tests). */
  static void reset(long work, int cpus) {
    window = work;
    cores = cpus;
    DONE.set(0);
  }
}
