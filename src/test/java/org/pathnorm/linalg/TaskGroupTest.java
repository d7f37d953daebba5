package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link TaskGroup} on the pools of {@link WorkerPools} (their {@link WorkerTeam}) and on a plain pool (the calling thread). */
class TaskGroupTest {

  /** Adds one to its slot, after some work so that helpers get a share. */
  private static final class Count extends RecursiveAction {
    private final AtomicIntegerArray runs;
    private final int slot;
    private final int spin;
    volatile long sink;

    Count(AtomicIntegerArray runs, int slot, int spin) {
      this.runs = runs;
      this.slot = slot;
      this.spin = spin;
    }

    @Override protected void compute() {
      long s = slot;
      for (int i = 0; i < spin; i++) s = s * 6364136223846793005L + 1442695040888963407L;
      sink = s;
      runs.incrementAndGet(slot);
    }
  }

  private interface PoolBody {
    void run(ForkJoinPool pool) throws Exception;
  }

  /** Runs body on pool, then shuts the pool down. */
  private static void onPool(ForkJoinPool pool, PoolBody body) throws Exception {
    try {
      body.run(pool);
    } finally {
      pool.shutdown();
    }
  }

  private static Count[] counters(AtomicIntegerArray runs, int n, int spin) {
    Count[] c = new Count[n];
    for (int i = 0; i < n; i++) c[i] = new Count(runs, i, spin);
    return c;
  }

  @Test
  void everyTaskRunsExactlyOnceInEveryRegion() throws Exception {
    for (ForkJoinPool p : new ForkJoinPool[] {WorkerPools.create(2), WorkerPools.create(3), new ForkJoinPool(2)}) {
      onPool(p, pool -> {
        TaskGroup group = new TaskGroup();
        for (int count : new int[] {1, 2, 3, 7, 33}) {
          for (int spin : new int[] {0, 20_000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(40);
            Count[] tasks = counters(runs, 40, spin);
            int regions = spin == 0 ? 2000 : 50;
            for (int r = 0; r < regions; r++) group.invokeOn(pool, tasks, count);
            for (int i = 0; i < 40; i++) {
              assertEquals(i < count ? regions : 0, runs.get(i), pool + " count " + count + " spin " + spin + " task " + i);
            }
          }
        }
      });
    }
  }

  /**
   * Regions of changing sizes, more tasks than threads and more than {@link WorkerTeam#MAX_OWNED} among
   * them: each task runs exactly once in its own region, so no helper ever claims a task of one region
   * with the numbers of another (owned or shared) and no owned task is lost or run twice.
   */
  @Test
  void regionsOfChangingSizesRunEachTaskOnceOnATeamOfFive() throws Exception {
    onPool(new ForkJoinPool(5), pool -> {
      WorkerTeam team = new WorkerTeam(pool, 5);
      AtomicIntegerArray runs = new AtomicIntegerArray(70);
      Count[] quick = counters(runs, 70, 0);
      Count[] slow = counters(runs, 70, 2_000);
      int[] sizes = {1, 5, 2, 70, 3, 33, 4, 32, 6};
      for (int r = 0; r < 3_000; r++) {
        int count = sizes[r % sizes.length];
        for (int i = 0; i < 70; i++) runs.set(i, 0);
        assertEquals(true, team.run(r % 2 == 0 ? quick : slow, count));
        for (int i = 0; i < 70; i++) {
          assertEquals(i < count ? 1 : 0, runs.get(i), "region " + r + " of " + count + " tasks, task " + i);
        }
      }
    });
  }

  @Test
  void aFailingTaskFailsTheCallAndTheTeamGoesOn() throws Exception {
    onPool(WorkerPools.create(2), pool -> {
      TaskGroup group = new TaskGroup();
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      IllegalStateException boom = new IllegalStateException("boom");
      for (int failing = 0; failing < 4; failing++) {
        RecursiveAction[] tasks = java.util.Arrays.copyOf(counters(runs, 4, 10_000), 4, RecursiveAction[].class);
        int f = failing;
        tasks[f] = new RecursiveAction() {
          @Override protected void compute() {
            throw boom;
          }
        };
        RuntimeException e = assertThrows(RuntimeException.class, () -> group.invokeOn(pool, tasks, 4));
        assertSame(boom, e, "task " + f + "'s exception reaches the caller");
      }
      AtomicIntegerArray after = new AtomicIntegerArray(4);
      group.invokeOn(pool, counters(after, 4, 1000), 4);
      for (int i = 0; i < 4; i++) assertEquals(1, after.get(i));
    });
  }

  @Test
  void nestedAndConcurrentRegionsComplete() throws Exception {
    onPool(WorkerPools.create(2), pool -> {
      AtomicIntegerArray inner = new AtomicIntegerArray(4 * 3);
      RecursiveAction[] outer = new RecursiveAction[4];
      for (int o = 0; o < 4; o++) {
        int base = o * 3;
        Count[] in = new Count[3];
        for (int i = 0; i < 3; i++) in[i] = new Count(inner, base + i, 5000);
        TaskGroup nested = new TaskGroup();
        outer[o] = new RecursiveAction() {
          @Override protected void compute() {
            nested.invokeOn(pool, in, 3);
          }
        };
      }
      new TaskGroup().invokeOn(pool, outer, 4);
      for (int i = 0; i < 12; i++) assertEquals(1, inner.get(i), "nested task " + i);
      // two threads with regions on one pool at once: one has the team, the other runs its tasks itself
      AtomicIntegerArray a = new AtomicIntegerArray(3);
      AtomicIntegerArray b = new AtomicIntegerArray(3);
      Thread other = new Thread(() -> {
        TaskGroup g = new TaskGroup();
        Count[] t = counters(b, 3, 2000);
        for (int r = 0; r < 500; r++) g.invokeOn(pool, t, 3);
      });
      other.start();
      TaskGroup g = new TaskGroup();
      Count[] t = counters(a, 3, 2000);
      for (int r = 0; r < 500; r++) g.invokeOn(pool, t, 3);
      other.join();
      for (int i = 0; i < 3; i++) {
        assertEquals(500, a.get(i));
        assertEquals(500, b.get(i));
      }
    });
  }

  /** Idle helpers stop spinning and give their workers back: the pool goes quiet. */
  @Test
  void helpersLeaveWhenIdle() throws Exception {
    onPool(WorkerPools.create(2), pool -> {
      AtomicIntegerArray runs = new AtomicIntegerArray(2);
      new TaskGroup().invokeOn(pool, counters(runs, 2, 100_000), 2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pool.getActiveThreadCount() > 0 && System.nanoTime() < deadline) Thread.sleep(1);
      assertEquals(0, pool.getActiveThreadCount(), "a helper is still spinning");
    });
  }
}
