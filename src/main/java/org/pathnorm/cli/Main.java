package org.pathnorm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code pathnorm} command. */
@Command(name = "pathnorm", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Path-SGD, path norms and the complexity measures of Neyshabur's thesis, on the JVM.")
public final class Main implements Runnable {
  /** The subcommands, in the order of the help, with their names. */
  private static final Class<?>[] SUBCOMMANDS = {TrainCommand.class, MeasuresCommand.class, ReproduceCommand.class,
      SweepCommand.class, ReportCommand.class, DataCommand.class, BenchCommand.class, CommandLine.HelpCommand.class};

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with PathNorm's error handling (message and exit code, no stack trace). */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line for the arguments that start with {@code first}: with only that subcommand when
   * {@code first} names one other than {@code help} (picocli builds the model of every subcommand it is given, tens of
   * milliseconds at start-up for all of them), else with all of them (help, errors, suggestions).
   */
  static CommandLine commandLine(String first) {
    CommandLine cl = new CommandLine(new Main());
    boolean one = false;
    for (Class<?> c : SUBCOMMANDS) one |= c != CommandLine.HelpCommand.class && name(c).equals(first);
    for (Class<?> c : SUBCOMMANDS) {
      if (!one || name(c).equals(first)) cl.addSubcommand(c);
    }
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

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  public static void main(String[] args) {
    System.exit(commandLine(args.length > 0 ? args[0] : null).execute(args));
  }
}
