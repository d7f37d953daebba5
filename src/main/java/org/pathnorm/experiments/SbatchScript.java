package org.pathnorm.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ready-to-submit Slurm script for a reproduction: {@code bash FILE} submits a job array of
 * {@link TaskResources#tasks()} tasks, task i running shard i + 1 of n ({@code --shard auto --shard-count n}) into
 * {@code BASE/shard-i/}, and then the merge ({@code pathnorm report BASE/shard-* --out BASE --missing}) as a job that
 * runs after the whole array whatever its outcome ({@code --dependency=afterany:<array>}). Running it again resubmits
 * the array (finished cells are skipped) and a new merge; {@code ARRAY=1,3 bash FILE} resubmits only some tasks, and
 * {@code SBATCH_OPTS="--partition=… --account=…"} passes options to both jobs. Logs go to {@code BASE/logs/}.
 */
public final class SbatchScript {
  private SbatchScript() {}

  /**
   * The script's text.
   *
   * @param launcher     how a task starts pathnorm, as command words (e.g. {@code java -Xmx3g -jar /abs/pathnorm.jar})
   * @param base         the absolute base directory of the run
   * @param reproduceArgs the experiments and settings, as {@code pathnorm reproduce} arguments (without shard and out)
   * @param jobName      the Slurm job name
   */
  public static String text(List<String> launcher, Path base, List<String> reproduceArgs, TaskResources res, int cells, String jobName) {
    if (!base.isAbsolute()) throw new IllegalArgumentException("the base directory must be absolute, got " + base);
    String b = base.toString();
    if (!q(b).equals(b)) {
      throw new IllegalArgumentException("--out " + b + ": the #SBATCH lines of a Slurm script need a path without spaces or shell characters");
    }
    String launch = join(launcher);
    List<String> task = new ArrayList<>(List.of("reproduce"));
    task.addAll(reproduceArgs);
    task.addAll(List.of("--threads", String.valueOf(res.cpus()), "--shard", "auto", "--shard-count", String.valueOf(res.tasks())));
    String range = "0-" + (res.tasks() - 1);
    StringBuilder s = new StringBuilder();
    s.append("#!/usr/bin/env bash\n");
    s.append("# Written by `pathnorm reproduce ").append(String.join(" ", reproduceArgs)).append(" --emit-sbatch`.\n");
    s.append(String.format(Locale.ROOT, "# %d cells in %d array tasks of <= %d cells; per task %d CPU(s), %d MiB (JVM heap %d MiB),"
        + " time limit %s%n", cells, res.tasks(), res.cellsPerTask(), res.cpus(), res.memoryMiB(), res.heapMiB(), res.slurmTime()));
    s.append("# (estimated from the cells' work and sizes: see TaskResources; edit the #SBATCH lines below to taste).\n");
    s.append("#\n");
    s.append("# Submit:     bash THIS_FILE       the array, then the merge as a job that runs after it, whatever its outcome\n");
    s.append("# Resubmit:   bash THIS_FILE       after node failures: finished cells are skipped; a new merge follows\n");
    s.append("#             ARRAY=1,3 bash THIS_FILE   only some tasks (0-based shard indices)\n");
    s.append("# Options:    SBATCH_OPTS='--partition=cpu --account=me' bash THIS_FILE\n");
    s.append("# Afterwards: ").append(b).append("/report.html; the merge job's log lists the missing or failed cells per shard.\n");
    s.append("set -euo pipefail\n");
    s.append("mkdir -p ").append(q(b + "/logs")).append('\n');
    s.append("# shellcheck disable=SC2086\n");
    s.append("array_job=$(sbatch --parsable --array=\"${ARRAY:-").append(range).append("}\" ${SBATCH_OPTS:-} <<'PATHNORM_TASK'\n");
    s.append("#!/usr/bin/env bash\n");
    s.append("#SBATCH --job-name=").append(jobName).append('\n');
    s.append("#SBATCH --cpus-per-task=").append(res.cpus()).append('\n');
    s.append("#SBATCH --mem=").append(res.memoryMiB()).append("M\n");
    s.append("#SBATCH --time=").append(res.slurmTime()).append('\n');
    s.append("#SBATCH --output=").append(b).append("/logs/task-%A_%a.out\n");
    s.append("set -euo pipefail\n");
    s.append("export PATHNORM_JAVA_OPTS=\"${PATHNORM_JAVA_OPTS:--Xmx").append(res.heapMiB()).append("m}\"\n");
    s.append("exec ").append(launch).append(' ').append(join(task)).append(" --out ").append(q(b)).append("/shard-\"$SLURM_ARRAY_TASK_ID\"\n");
    s.append("PATHNORM_TASK\n");
    s.append(")\n");
    s.append("array_job=${array_job%%;*}\n");
    s.append("# shellcheck disable=SC2086\n");
    s.append("merge_job=$(sbatch --parsable --dependency=afterany:\"$array_job\" ${SBATCH_OPTS:-} <<'PATHNORM_MERGE'\n");
    s.append("#!/usr/bin/env bash\n");
    s.append("#SBATCH --job-name=").append(jobName).append("-merge\n");
    s.append("#SBATCH --cpus-per-task=1\n");
    s.append("#SBATCH --mem=").append(res.memoryMiB()).append("M\n");
    s.append("#SBATCH --time=0-01:00:00\n");
    s.append("#SBATCH --output=").append(b).append("/logs/merge-%j.out\n");
    s.append("set -euo pipefail\n");
    s.append("export PATHNORM_JAVA_OPTS=\"${PATHNORM_JAVA_OPTS:--Xmx").append(res.heapMiB()).append("m}\"\n");
    s.append("dirs=()\n");
    s.append("for d in ").append(q(b)).append("/shard-*; do [ -f \"$d/config.json\" ] && dirs+=(\"$d\"); done\n");
    s.append("[ ${#dirs[@]} -gt 0 ] || { echo \"pathnorm merge: no shard directory under ").append(b)
        .append(" holds a config.json (did every task fail?)\" >&2; exit 1; }\n");
    s.append("exec ").append(launch).append(" report \"${dirs[@]}\" --out ").append(q(b)).append(" --missing\n");
    s.append("PATHNORM_MERGE\n");
    s.append(")\n");
    s.append("merge_job=${merge_job%%;*}\n");
    s.append("echo \"pathnorm: array job $array_job (tasks ${ARRAY:-").append(range).append("}), merge job $merge_job after it; report: ")
        .append(b).append("/report.html\"\n");
    return s.toString();
  }

  private static String join(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String w : words) quoted.add(q(w));
    return String.join(" ", quoted);
  }

  /** {@code w} quoted for bash when it needs it. */
  static String q(String w) {
    if (!w.isEmpty() && w.matches("[A-Za-z0-9_./=:,+@%-]+")) return w;
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
