package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs the first {@code count} of an array of reusable tasks: on the {@link WorkerTeam} of a pool of
 * {@link WorkerPools} (the calling thread and spinning helpers), or, when that team is running another
 * thread's region or the pool has none, on the calling thread one task after the other. The tasks are
 * reused from call to call (reinitialised), so a call allocates nothing. Which thread runs a task never
 * changes what it computes, so results do not depend on the way taken.
 *
 * <p>Why no fork/join fallback: the group used to fork its tasks on the pool there, reusing one root
 * task from call to call. On a plain {@code ForkJoinPool(2)} under load, OpenJDK 17.0.21 left such a call
 * waiting forever with the pool idle and the task neither queued nor done: a CI run hung in
 * {@code TaskGroupTest}, and a stress run (two processes and a busy loop on 2 vCPUs) hung after 164 of
 * 400 iterations (BENCHMARKS.md, "Issue 15, seventh session"). PathNorm's pools always have a team; the
 * fallback only served a region started while another thread's region held the team (a nested one on a
 * helper, say), which now runs on its own thread.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class TaskGroup {
  /** Runs tasks[0 … count−1] and returns when all are done; a task's exception reaches the caller. */
  public void invokeOn(ForkJoinPool pool, RecursiveAction[] tasks, int count) {
    if (pool instanceof WorkerPools.TeamPool p && p.team.run(tasks, count)) return;
    WorkerTeam.runOnCaller(tasks, count);
  }
}
