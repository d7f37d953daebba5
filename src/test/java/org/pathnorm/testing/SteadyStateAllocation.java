package org.pathnorm.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocation check of a training step, shared by the allocation tests: after 4 warm-up steps, at
 * most 5 of {@code steps} steps may allocate, none more than 4 KiB. Rare per-thread JVM events (a
 * deoptimisation rematerialising scalar-replaced objects, a class being loaded) were seen at 1.8–2 KiB
 * in single steps on a loaded machine; an allocation the step itself makes recurs and fails the count.
 */
public final class SteadyStateAllocation {
  private SteadyStateAllocation() {}

  /** Runs {@code step.accept(s)} for s = 0 … 3 (warm-up), then {@code steps} times, counting this thread's allocations. */
  public static void assertStepsAllocateNothing(ThreadAllocation counter, java.util.function.IntConsumer step, int steps, String what) {
    for (int s = 0; s < 4; s++) step.accept(s);
    int allocating = 0;
    long most = 0;
    for (int s = 0; s < steps; s++) {
      long before = counter.bytes();
      step.accept(s);
      long allocated = counter.bytes() - before;
      if (allocated > 0) allocating++;
      most = Math.max(most, allocated);
    }
    assertTrue(allocating <= 5, what + allocating + " of " + steps + " steady-state steps allocated");
    assertTrue(most <= 4096, what + "a step allocated " + most + " bytes");
  }
}
