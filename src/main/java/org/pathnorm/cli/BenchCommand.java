package org.pathnorm.cli;

import picocli.CommandLine.Command;

/** {@code pathnorm bench …}: user-facing micro-benchmarks with stable JSON output. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure PathNorm's kernels on this machine.",
    subcommands = {BenchGemmCommand.class, BenchTrainCommand.class, BenchDataCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
