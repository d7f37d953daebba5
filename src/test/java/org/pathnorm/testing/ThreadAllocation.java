package org.pathnorm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Bytes allocated so far by the calling thread (HotSpot's per-thread counter), for allocation tests. */
public final class ThreadAllocation {
  private final com.sun.management.ThreadMXBean threads;
  private final long thread = Thread.currentThread().getId();

  private ThreadAllocation(com.sun.management.ThreadMXBean threads) {
    this.threads = threads;
  }

  /** The counter of the calling thread; the test is skipped on a JVM without one. */
  public static ThreadAllocation ofCurrentThread() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
    threads.setThreadAllocatedMemoryEnabled(true);
    return new ThreadAllocation(threads);
  }

  public long bytes() {
    return threads.getThreadAllocatedBytes(thread);
  }
}
