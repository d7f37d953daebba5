package org.pathnorm.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pathnorm.experiments.Reproduction;
import org.pathnorm.simd.KernelSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathnorm report DIR…}: merges the shards of one reproduction into one report. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write report.html (and the figures) from the cells of one or more reproduce directories (shards).")
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories of the same reproduction (e.g. its shards).")
  List<Path> dirs;
  @Option(names = "--out", description = "Where to write the report (default: the first DIR).") Path out;

  @Override public Integer call() throws Exception {
    Reproduction first = Reproduction.fromConfig(dirs.get(0), KernelSelection.kernels());
    for (Path d : dirs.subList(1, dirs.size())) {
      Reproduction other = Reproduction.fromConfig(d, KernelSelection.kernels());
      if (!other.sameSettings(first)) throw new IllegalArgumentException(d + ": a reproduction with other settings than " + dirs.get(0));
    }
    Path target = out != null ? out : dirs.get(0);
    first.report(dirs, target, 0);
    System.out.println("report: " + target.resolve(Reproduction.REPORT));
    return 0;
  }
}
