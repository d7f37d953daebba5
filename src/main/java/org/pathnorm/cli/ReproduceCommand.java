package org.pathnorm.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.pathnorm.experiments.Environment;
import org.pathnorm.experiments.SchedulerShard;
import org.pathnorm.experiments.Experiments;
import org.pathnorm.experiments.Reproduction;
import org.pathnorm.experiments.Scale;
import org.pathnorm.experiments.Settings;
import org.pathnorm.experiments.Shard;
import org.pathnorm.experiments.Verdict;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.train.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathnorm reproduce}: the thesis experiments as resumable sweeps, with figures, verdicts and report.html. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run thesis experiments (default: the quick suite on the embedded digits) and write runs/<name>-<time>/report.html.")
final class ReproduceCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "EXPERIMENT",
      description = "hidden-units, small-data, unbalanced, path-sgd, ddp, random-labels, sharpness, mixed-labels, network-size,"
          + " conditions, rnn-kappa, addition, seq-mnist, char-lm, measure-ranking, or all (default: the quick suite: hidden-units unbalanced"
          + " random-labels).")
  List<String> names;
  @Option(names = "--scale", defaultValue = "smoke", description = "smoke (digits, minutes), small or paper (default: ${DEFAULT-VALUE}).")
  String scale;
  @Option(names = "--data", description = "Dataset spec overriding the scale's (smoke: digits; small/paper: fashion-mnist).") String data;
  @Option(names = "--seeds", defaultValue = "1", description = "Seeds per cell; figures show mean ± std (default: ${DEFAULT-VALUE}).")
  int seeds;
  @Option(names = "--out", description = "Run directory; an existing one is resumed (default: runs/<name>-<timestamp>).") Path out;
  @Option(names = "--shard", defaultValue = "1/1",
      description = "Run only shard k/n of the cells, or auto: the shard of this Slurm array task or Kubernetes Indexed Job pod"
          + " (default: ${DEFAULT-VALUE}).") String shard;
  @Option(names = "--shard-count", paramLabel = "N",
      description = "With --shard auto: the number of shards; the array index (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX) is then the"
          + " 0-based shard.") Integer shardCount;
  @Option(names = "--emit-sbatch", paramLabel = "FILE",
      description = "Run nothing: write a Slurm script (submit with: bash FILE) for a job array over the cells into --out/shard-i/,"
          + " with the merge as a dependent job.") Path emitSbatch;
  @Option(names = "--cells-per-task", paramLabel = "K", description = "With --emit-sbatch: cells per array task (default: cells/64,"
      + " rounded up).") Integer cellsPerTask;
  @Option(names = "--cpus-per-task", paramLabel = "C", description = "With --emit-sbatch: CPUs per task (default: estimated from the"
      + " largest network).") Integer cpusPerTask;
  @Option(names = "--threads", defaultValue = "1", description = "Threads per training run (default: ${DEFAULT-VALUE}).") int threads;
  @Option(names = "--quiet", description = "No progress lines.") boolean quiet;

  @Override public Integer call() throws Exception {
    List<String> chosen = names == null || names.isEmpty() ? Experiments.quick()
        : names.size() == 1 && names.get(0).equals("all") ? Experiments.names() : names;
    Scale sc = Scale.parse(scale);
    if (shardCount != null && !shard.trim().equals("auto")) {
      throw new IllegalArgumentException("--shard-count: only with --shard auto, got --shard " + shard);
    }
    if (emitSbatch == null && (cellsPerTask != null || cpusPerTask != null)) {
      throw new IllegalArgumentException((cellsPerTask != null ? "--cells-per-task" : "--cpus-per-task") + ": only with --emit-sbatch");
    }
    Shard sh = emitSbatch != null ? Shard.ALL : shard.trim().equals("auto")
        ? SchedulerShard.resolve(Environment.system(), shardCount == null ? OptionalInt.empty() : OptionalInt.of(shardCount))
        : Shard.parse(shard);
    Settings settings = new Settings(sc, data, seeds);
    Reproduction r = new Reproduction(Experiments.byName(chosen), settings, KernelSelection.kernels(), threads, quiet ? null : System.out);
    String label = names == null || names.isEmpty() ? "quick" : chosen.size() == 1 ? chosen.get(0) : "suite";
    Path dir = out != null ? out
        : Path.of("runs", label + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    // validate before anything is written: a refused command leaves no directory and no config.json
    if (threads < 1) throw new IllegalArgumentException("--threads: expected an integer >= 1, got " + threads);
    RunDirectory.checkPath(dir, "--out");
    DatasetSpec.Source source = DatasetSpec.read(settings.data());
    if (emitSbatch != null) {
      List<String> args = new ArrayList<>(chosen);
      args.addAll(List.of("--scale", sc.label(), "--seeds", String.valueOf(seeds)));
      if (data != null) args.addAll(List.of("--data", data));
      SbatchEmitter.emit(emitSbatch, r, source, args, dir, label, cellsPerTask, cpusPerTask == null ? 0 : cpusPerTask);
      return 0;
    }
    try (RunDirectory run = RunDirectory.open(dir, "--out")) {
      return runLocked(r, dir, sh);
    }
  }

  private int runLocked(Reproduction r, Path dir, Shard sh) throws Exception {
    long start = System.nanoTime();
    int ran = r.run(dir, sh);
    double seconds = (System.nanoTime() - start) * 1e-9;
    if (sh.n() > 1) {
      System.out.printf(Locale.ROOT, "shard %d/%d: %d cells run in %.1f s into %s; merge the shards with: pathnorm report DIR...%n", sh.k(),
          sh.n(), ran, seconds, dir);
      return 0;
    }
    int no = 0;
    for (var section : r.report(List.of(dir), dir, seconds)) {
      for (Verdict v : section.verdicts()) {
        if (!quiet) System.out.println("  [" + v.label() + "] " + v.claim() + " (" + v.evidence() + ")");
        if (Boolean.FALSE.equals(v.holds())) no++;
      }
    }
    System.out.printf(Locale.ROOT, "%d cells run in %.1f s; report: %s (%d claim%s not confirmed)%n", ran, seconds,
        dir.resolve(Reproduction.REPORT), no, no == 1 ? "" : "s");
    return 0;
  }
}
