package org.pathnorm.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.pathnorm.experiments.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin ReproduceOptions options;

  @Override public Integer call() throws Exception {
    List<String> chosen = names == null || names.isEmpty() ? Experiments.quick()
        : names.size() == 1 && names.get(0).equals("all") ? Experiments.names() : names;
    String label = names == null || names.isEmpty() ? "quick" : chosen.size() == 1 ? chosen.get(0) : "suite";
    return options.run(chosen, label);
  }
}
