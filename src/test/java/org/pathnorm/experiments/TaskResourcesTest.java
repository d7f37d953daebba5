package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.nn.Architecture;

/** The resource estimate of a job array: task count, CPUs, memory and time follow the work. */
class TaskResourcesTest {
  private static final TaskResources.DataShape MNIST = new TaskResources.DataShape(60_000, 10_000, 784);

  private static Cell cell(String id, Architecture a, int epochs, int batch) {
    return new Cell(id, RunSpec.builder("fashion-mnist", DataTransforms.none(10_000), a).batch(batch).epochs(epochs).build());
  }

  private static List<Cell> cells(int count, Architecture a, int epochs) {
    List<Cell> list = new ArrayList<>();
    for (int i = 0; i < count; i++) list.add(cell("c" + i, a, epochs, 100));
    return list;
  }

  @Test
  void tasksAreTheCellsDividedRoundedUp() {
    Architecture a = new Architecture(784, 64, 10);
    assertEquals(4, TaskResources.estimate(cells(10, a, 1), MNIST, 3, 0).tasks());
    assertEquals(1, TaskResources.estimate(cells(10, a, 1), MNIST, 10, 0).tasks());
    assertEquals(10, TaskResources.estimate(cells(10, a, 1), MNIST, 1, 0).tasks());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskResources.estimate(cells(2, a, 1), MNIST, 0, 0)).getMessage()
        .contains("--cells-per-task: expected an integer >= 1, got 0"));
  }

  @Test
  void timeFollowsTheLargestTasksWork() {
    Architecture a = new Architecture(784, 1024, 10);
    TaskResources one = TaskResources.estimate(cells(8, a, 20), MNIST, 4, 1);
    TaskResources moreEpochs = TaskResources.estimate(cells(8, a, 200), MNIST, 4, 1);
    TaskResources moreCells = TaskResources.estimate(cells(8, a, 20), MNIST, 8, 1);
    TaskResources moreCpus = TaskResources.estimate(cells(8, a, 200), MNIST, 4, 4);
    assertTrue(moreEpochs.minutes() > 5 * one.minutes(), one + " vs " + moreEpochs);
    assertTrue(moreCells.minutes() > one.minutes(), one + " vs " + moreCells);
    assertTrue(moreCpus.minutes() < moreEpochs.minutes(), moreCpus + " vs " + moreEpochs);
    // 4 cells of 6·P·50,000·20 flops at 2e9 flop/s, ×3, + 10 minutes, rounded up to 5
    double flops = 4 * 20 * (6.0 * a.parameters() * 50_000 + 2.0 * a.parameters() * 20_000);
    long expected = 10 + (long) Math.ceil(3 * flops / 2e9 / 60);
    assertEquals((expected + 4) / 5 * 5, one.minutes());
    assertEquals(0, one.minutes() % 5);
    assertEquals(String.format("%d-%02d:%02d:00", one.minutes() / 1440, one.minutes() / 60 % 24, one.minutes() % 60), one.slurmTime());
    assertEquals("1-01:05:00", new TaskResources(1, 1, 1, 1024, 614, 24 * 60 + 65).slurmTime());
  }

  @Test
  void cpusAndMemoryFollowTheLargestNetwork() {
    TaskResources small = TaskResources.estimate(List.of(cell("a", new Architecture(64, 32, 10), 1, 100)), MNIST, 1, 0);
    assertEquals(1, small.cpus(), "P x batch < 2^24: one thread");
    TaskResources mid = TaskResources.estimate(List.of(cell("a", new Architecture(784, 256, 10), 1, 100)), MNIST, 1, 0);
    assertEquals(2, mid.cpus(), "P < 2^18 with P x batch >= 2^24: two shards");
    TaskResources large = TaskResources.estimate(List.of(cell("a", new Architecture(784, 4096, 4096, 10), 1, 100),
        cell("b", new Architecture(64, 8, 10), 1, 100)), MNIST, 2, 0);
    assertEquals(4, large.cpus());
    assertEquals(3, TaskResources.estimate(List.of(cell("a", new Architecture(784, 4096, 4096, 10), 1, 100)), MNIST, 1, 3).cpus(), "override");
    // memory: at least the data twice and 8 copies of the parameters, in whole 256 MiB, with the heap below it
    long dataBytes = 2L * 70_000 * 784 * 4;
    long paramBytes = 8L * new Architecture(784, 4096, 4096, 10).parameters() * 4;
    assertTrue(large.heapMiB() << 20 >= dataBytes + paramBytes, large.toString());
    assertTrue(large.memoryMiB() > large.heapMiB() + 200 && large.memoryMiB() % 256 == 0, large.toString());
    assertTrue(small.memoryMiB() >= 1024 && small.memoryMiB() < large.memoryMiB(), small + " vs " + large);
  }
}
