package org.pathnorm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathnorm.experiments.MissingCell;
import org.pathnorm.experiments.ReportSection;
import org.pathnorm.experiments.Reproduction;
import org.pathnorm.experiments.Verdict;
import org.pathnorm.simd.KernelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathnorm report DIR…}: merges the shards of one reproduction into one report, prints its verdicts and, with
 * {@code --missing}, the cells no shard has a result for (failed or never started), by shard.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html (and the figures) from the cells of one or more reproduce directories (shards).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories of the same reproduction (e.g. its shards).")
  List<Path> dirs;
  @Option(names = "--out", description = "Where to write the report (default: the first DIR).") Path out;
  @Option(names = "--missing", description = "List the cells without a result (failed or not started) with the shard that owes them.")
  boolean missing;
  @Option(names = "--quiet", description = "No verdict lines.") boolean quiet;

  @Override public Integer call() throws Exception {
    Reproduction first = Reproduction.fromConfig(dirs.get(0), KernelSelection.kernels());
    for (Path d : dirs.subList(1, dirs.size())) {
      Reproduction other = Reproduction.fromConfig(d, KernelSelection.kernels());
      if (!other.sameSettings(first)) throw new IllegalArgumentException(d + ": a reproduction with other settings than " + dirs.get(0));
    }
    Path target = out != null ? out : dirs.get(0);
    List<ReportSection> sections = first.report(dirs, target, 0);
    if (!quiet) {
      for (ReportSection s : sections) for (Verdict v : s.verdicts()) System.out.println("  [" + v.label() + "] " + v.claim() + " (" + v.evidence() + ")");
    }
    if (missing) {
      List<MissingCell> cells = first.missing(dirs);
      if (cells.isEmpty()) {
        System.out.println("complete: all " + first.cellCount() + " cells have a result");
      } else {
        System.out.println("missing: " + cells.size() + " of " + first.cellCount() + " cells have no result");
        for (MissingCell c : cells) System.out.println("  " + c.describe());
        System.out.println("rerun the shards named above with the same --out (finished cells are skipped), then report again");
      }
    }
    System.out.println("report: " + target.resolve(Reproduction.REPORT));
    return 0;
  }
}
