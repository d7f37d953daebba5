package org.pathnorm.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The allocation check of a training step, shared by the allocation tests: after 4 warm-up steps, at
 * most 5 of {@code steps} steps may allocate, none more than 4 KiB. Rare per-thread JVM events (a
 * deoptimisation rematerialising scalar-replaced objects, a class being loaded) were seen at 1.8–2 KiB
 * in single steps on a loaded machine, and at 4.1–5.0 KiB in a JVM that had run nothing before the test
 * (JFR placed those allocations at lines that allocate nothing, e.g. a getter, in different steps from
 * run to run). A round that fails is therefore measured once more, and the check fails only if both do:
 * an allocation the step itself makes recurs, in every round.
 */
public final class SteadyStateAllocation {
  private SteadyStateAllocation() {}

  /**
   * Runs {@code step.accept(s)} for s = 0 … 3 (warm-up), then {@code steps} times counting this thread's
   * allocations, and a second time if that round allocated more than the bounds allow.
   */
  public static void assertStepsAllocateNothing(ThreadAllocation counter, java.util.function.IntConsumer step, int steps, String what) {
    for (int s = 0; s < 4; s++) step.accept(s);
    String first = round(counter, step, steps);
    if (first == null) return;
    String second = round(counter, step, steps);
    if (second != null) fail(what + first + "; measured again: " + second);
  }

  /** One round of {@code steps} steps: null if within the bounds, else what exceeded them. */
  private static String round(ThreadAllocation counter, java.util.function.IntConsumer step, int steps) {
    int allocating = 0;
    long most = 0;
    for (int s = 0; s < steps; s++) {
      long before = counter.bytes();
      step.accept(s);
      long allocated = counter.bytes() - before;
      if (allocated > 0) allocating++;
      most = Math.max(most, allocated);
    }
    if (allocating > 5) return allocating + " of " + steps + " steady-state steps allocated (at most 5 may)";
    if (most > 4096) return "a step allocated " + most + " bytes (at most 4096 may)";
    return null;
  }
}
