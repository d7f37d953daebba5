package org.pathnorm.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pathnorm sweep}: the grid of Jiang et al. (arXiv 1912.02178) that varies one hyperparameter at a time around a base
 * point, every measure on each network, and the measures ranked by Kendall's τ with the generalisation gap, granulated τ
 * per axis and Ψ (docs/algorithms.md §4 E15). The same run as {@code pathnorm reproduce measure-ranking}: one cell per
 * network, shardable, resumable, merged by {@code pathnorm report}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the one-axis-at-a-time grid (depth, width, lr, batch, dropout, weight decay, optimiser, init) to a fixed training"
        + " cross-entropy, measure every network, rank the measures by Kendall's τ with the generalisation gap; writes"
        + " runs/sweep-<time>/report.html and measure-ranking/*.csv.")
final class SweepCommand implements Callable<Integer> {
  @Mixin ReproduceOptions options;

  @Override public Integer call() throws Exception {
    return options.run(List.of("measure-ranking"), "sweep");
  }
}
