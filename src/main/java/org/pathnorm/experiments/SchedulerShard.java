package org.pathnorm.experiments;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code --shard auto}: the shard of this task, read from the scheduler's environment.
 * <ul>
 *   <li>Slurm job array ({@code sbatch --array}): with an explicit shard count n ({@code --shard-count}), the array
 *       index is the 0-based shard index, k = {@code SLURM_ARRAY_TASK_ID} + 1, so that resubmitting some indices
 *       ({@code --array=3,5}) reruns exactly those shards. Without it, k = {@code SLURM_ARRAY_TASK_ID} −
 *       {@code SLURM_ARRAY_TASK_MIN} + 1 and n = {@code SLURM_ARRAY_TASK_COUNT}, which needs a contiguous array
 *       ({@code --array=0-7} or {@code 1-8}, step 1).</li>
 *   <li>Kubernetes Indexed Job: k = {@code JOB_COMPLETION_INDEX} + 1, and n from {@code --shard-count} or the
 *       variable {@value #COUNT_VARIABLE} (Kubernetes does not pass the Job's completions to the pod).</li>
 * </ul>
 * Anything else is refused with a one-line message naming the variables.
 */
public final class SchedulerShard {
  /** The variable that gives the shard count to a Kubernetes Indexed Job's pods (set it to the Job's completions). */
  public static final String COUNT_VARIABLE = "PATHNORM_SHARD_COUNT";

  private SchedulerShard() {}

  /** The shard of this task; {@code count} is {@code --shard-count} when given. */
  public static Shard resolve(Environment env, OptionalInt count) {
    if (count.isPresent() && count.getAsInt() < 1) {
      throw new IllegalArgumentException("--shard-count: expected an integer >= 1, got " + count.getAsInt());
    }
    Optional<String> slurm = env.get("SLURM_ARRAY_TASK_ID");
    if (slurm.isPresent()) {
      int id = integer(env, "SLURM_ARRAY_TASK_ID");
      if (count.isPresent()) {
        int n = count.getAsInt();
        if (id < 0 || id >= n) {
          throw new IllegalArgumentException("--shard auto: SLURM_ARRAY_TASK_ID=" + id + " is not in 0.." + (n - 1)
              + ": with --shard-count " + n + " the array indices are the 0-based shards (sbatch --array=0-" + (n - 1) + ")");
        }
        return new Shard(id + 1, n);
      }
      int min = integer(env, "SLURM_ARRAY_TASK_MIN");
      int n = integer(env, "SLURM_ARRAY_TASK_COUNT");
      int step = env.get("SLURM_ARRAY_TASK_STEP").isPresent() ? integer(env, "SLURM_ARRAY_TASK_STEP") : 1;
      int k = id - min + 1;
      if (step != 1 || n < 1 || k < 1 || k > n) {
        throw new IllegalArgumentException("--shard auto: the Slurm array is not contiguous (SLURM_ARRAY_TASK_ID=" + id
            + ", SLURM_ARRAY_TASK_MIN=" + min + ", SLURM_ARRAY_TASK_COUNT=" + n + ", step " + step
            + "): use --array=0-(n-1), or give --shard-count n and 0-based indices");
      }
      return new Shard(k, n);
    }
    if (env.get("JOB_COMPLETION_INDEX").isPresent()) {
      int index = integer(env, "JOB_COMPLETION_INDEX");
      int n;
      if (count.isPresent()) {
        n = count.getAsInt();
      } else if (env.get(COUNT_VARIABLE).isPresent()) {
        n = integer(env, COUNT_VARIABLE);
      } else {
        throw new IllegalArgumentException("--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but not the shard count:"
            + " pass --shard-count N or set " + COUNT_VARIABLE + " to the Job's completions");
      }
      if (n < 1 || index < 0 || index >= n) {
        throw new IllegalArgumentException("--shard auto: JOB_COMPLETION_INDEX=" + index + " is not in 0.." + (n - 1) + " (shard count " + n + ")");
      }
      return new Shard(index + 1, n);
    }
    throw new IllegalArgumentException("--shard auto: no scheduler shard in the environment: expected SLURM_ARRAY_TASK_ID"
        + " (a Slurm job array, sbatch --array) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); or give --shard k/n");
  }

  private static int integer(Environment env, String name) {
    String v = env.get(name).orElseThrow(() -> new IllegalArgumentException(
        "--shard auto: " + name + " is not set (expected with SLURM_ARRAY_TASK_ID in a Slurm job array)"));
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shard auto: " + name + ": expected an integer, got '" + v + "'");
    }
  }
}
