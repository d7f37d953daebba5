package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code --shard auto} from a played Slurm array or Kubernetes Indexed Job environment; refusals name the variables. */
class SchedulerShardTest {
  private static final OptionalInt NONE = OptionalInt.empty();

  private static Shard slurm(int id, int min, int count, OptionalInt n) {
    return SchedulerShard.resolve(Environment.of(Map.of("SLURM_ARRAY_TASK_ID", "" + id, "SLURM_ARRAY_TASK_MIN", "" + min,
        "SLURM_ARRAY_TASK_COUNT", "" + count, "SLURM_ARRAY_TASK_MAX", "" + (min + count - 1))), n);
  }

  private static String refusal(Map<String, String> env, OptionalInt n) {
    return assertThrows(IllegalArgumentException.class, () -> SchedulerShard.resolve(Environment.of(env), n)).getMessage();
  }

  @Test
  void slurmArrayWithoutCountIsRelativeToItsFirstIndex() {
    assertEquals(new Shard(1, 4), slurm(0, 0, 4, NONE));
    assertEquals(new Shard(4, 4), slurm(3, 0, 4, NONE));
    assertEquals(new Shard(1, 3), slurm(1, 1, 3, NONE), "--array=1-3");
    assertEquals(new Shard(3, 3), slurm(3, 1, 3, NONE));
    // every task of an array gets a different shard, and together they cover 1..n
    java.util.Set<Integer> ks = new java.util.TreeSet<>();
    for (int id = 5; id < 12; id++) ks.add(slurm(id, 5, 7, NONE).k());
    assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7), ks);
  }

  @Test
  void slurmArrayWithCountUsesTheIndexAsTheZeroBasedShard() {
    // a resubmission of task 2 alone (--array=2) is still shard 3 of 4, not 1 of 1
    assertEquals(new Shard(3, 4), slurm(2, 2, 1, OptionalInt.of(4)));
    assertEquals(new Shard(1, 4), slurm(0, 0, 4, OptionalInt.of(4)));
    String m = assertThrows(IllegalArgumentException.class, () -> slurm(4, 4, 1, OptionalInt.of(4))).getMessage();
    assertTrue(m.contains("SLURM_ARRAY_TASK_ID=4 is not in 0..3"), m);
  }

  @Test
  void slurmArraysThatAreNotContiguousAreRefused() {
    String m = refusal(Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "3",
        "SLURM_ARRAY_TASK_STEP", "2"), NONE);
    assertTrue(m.contains("not contiguous") && m.contains("--shard-count"), m);
    m = refusal(Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "3"), NONE);  // --array=1,3,5
    assertTrue(m.contains("not contiguous"), m);
    m = refusal(Map.of("SLURM_ARRAY_TASK_ID", "x1"), NONE);
    assertTrue(m.contains("SLURM_ARRAY_TASK_ID: expected an integer, got 'x1'"), m);
    m = refusal(Map.of("SLURM_ARRAY_TASK_ID", "1"), NONE);
    assertTrue(m.contains("SLURM_ARRAY_TASK_MIN is not set"), m);
  }

  @Test
  void kubernetesIndexedJobTakesTheCountFromTheOptionOrTheEnvironment() {
    assertEquals(new Shard(1, 5), SchedulerShard.resolve(Environment.of(Map.of("JOB_COMPLETION_INDEX", "0")), OptionalInt.of(5)));
    assertEquals(new Shard(5, 5), SchedulerShard.resolve(Environment.of(Map.of("JOB_COMPLETION_INDEX", "4",
        SchedulerShard.COUNT_VARIABLE, "5")), NONE));
    // the option wins over the variable
    assertEquals(new Shard(3, 8), SchedulerShard.resolve(Environment.of(Map.of("JOB_COMPLETION_INDEX", "2",
        SchedulerShard.COUNT_VARIABLE, "5")), OptionalInt.of(8)));
    String m = refusal(Map.of("JOB_COMPLETION_INDEX", "2"), NONE);
    assertTrue(m.contains("JOB_COMPLETION_INDEX is set") && m.contains(SchedulerShard.COUNT_VARIABLE), m);
    m = refusal(Map.of("JOB_COMPLETION_INDEX", "5", SchedulerShard.COUNT_VARIABLE, "5"), NONE);
    assertTrue(m.contains("JOB_COMPLETION_INDEX=5 is not in 0..4"), m);
  }

  @Test
  void noSchedulerIsRefusedInOneLine() {
    String m = refusal(Map.of("SLURM_JOB_ID", "12", "HOME", "/root"), NONE);  // a plain (non-array) Slurm job
    assertTrue(m.startsWith("--shard auto: no scheduler shard in the environment"), m);
    assertTrue(m.contains("SLURM_ARRAY_TASK_ID") && m.contains("JOB_COMPLETION_INDEX") && !m.contains("\n"), m);
    m = refusal(Map.of("JOB_COMPLETION_INDEX", "0"), OptionalInt.of(0));
    assertTrue(m.contains("--shard-count: expected an integer >= 1, got 0"), m);
  }

  @Test
  void shardsPrintAndParseAsKOverN() {
    assertEquals("3/8", new Shard(3, 8).toString());
    assertEquals(new Shard(3, 8), Shard.parse(new Shard(3, 8).toString()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("auto-ish")).getMessage().contains("or auto"));
  }
}
