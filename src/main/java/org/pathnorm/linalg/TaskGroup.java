package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs the first {@code count} of an array of reusable tasks on a pool: forks tasks 1 … count−1,
 * runs task 0 in the calling worker, then joins the others. The group and the tasks are reused from
 * call to call (reinitialised), so a call allocates nothing. Not for concurrent use.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public final class TaskGroup extends RecursiveAction {
  private static final long serialVersionUID = 1L;
  private transient RecursiveAction[] tasks;
  private int count;

  /**
   * Runs tasks[0 … count−1] on {@code pool} and returns when all are done: on the pool's
   * {@link WorkerTeam} (the calling thread and spinning helpers) for a pool of {@link WorkerPools},
   * else forked on the pool.
   */
  public void invokeOn(ForkJoinPool pool, RecursiveAction[] tasks, int count) {
    if (pool instanceof WorkerPools.TeamPool p && p.team.run(tasks, count)) return;
    this.tasks = tasks;
    this.count = count;
    reinitialize();
    pool.invoke(this);
  }

  @Override protected void compute() {
    for (int i = 1; i < count; i++) {
      tasks[i].reinitialize();
      tasks[i].fork();
    }
    tasks[0].reinitialize();
    tasks[0].invoke();
    for (int i = count - 1; i >= 1; i--) tasks[i].join();
  }
}
