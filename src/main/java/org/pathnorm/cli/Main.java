package org.pathnorm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code pathnorm} command. */
@Command(name = "pathnorm", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Path-SGD, path norms and the complexity measures of Neyshabur's thesis, on the JVM.",
    subcommands = {TrainCommand.class, MeasuresCommand.class, ReproduceCommand.class, SweepCommand.class, ReportCommand.class, DataCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with PathNorm's error handling (message and exit code, no stack trace). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      boolean verbose = parsed.originalArgs().contains("--verbose");
      cmd.getErr().println("pathnorm: " + ErrorMessages.of(ex));
      if (verbose) ex.printStackTrace(cmd.getErr());
      return 1;
    });
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      try {
        return run.execute(parsed);
      } catch (OutOfMemoryError e) {
        // an Error escapes the exception handler: the same one line here, the heap is mostly free again
        CommandLine cmd = parsed.subcommand() != null ? parsed.subcommand().commandSpec().commandLine() : parsed.commandSpec().commandLine();
        cmd.getErr().println("pathnorm: " + ErrorMessages.outOfMemory());
        if (parsed.originalArgs().contains("--verbose")) e.printStackTrace(cmd.getErr());
        return 1;
      }
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
