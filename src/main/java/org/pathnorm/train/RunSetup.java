package org.pathnorm.train;

import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.HiddenNormalization;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/**
 * Everything that decides a feedforward training run, and the one way the network, optimiser and
 * trainer are built from it: {@code pathnorm train}, {@code pathnorm reproduce} and the Java API all
 * go through here, so the same settings give the same run (the initialisation is seeded with the
 * training seed).
 *
 * @param architecture  layer widths
 * @param init          the initialisation
 * @param normalization the hidden layers' normalisation
 * @param optimizer     the optimisation method and its settings
 * @param schedule      step size and momentum per epoch (the optimiser keeps a velocity exactly when
 *                      the schedule ever has momentum)
 * @param training      batch, epochs, threads, seed, …
 */
public record RunSetup(Architecture architecture, Initializer init, HiddenNormalization normalization, OptimizerSpec optimizer,
    Schedule schedule, TrainingConfig training) {

  public RunSetup {
    if (architecture == null || init == null || normalization == null || optimizer == null || schedule == null || training == null) {
      throw new IllegalArgumentException("a run needs an architecture, init, normalization, optimizer, schedule and training config");
    }
  }

  /** The initialised network, seeded with the training seed. */
  public Network initialNetwork() {
    return Network.builder(architecture).normalization(normalization).init(init, training.seed()).build();
  }

  /**
   * A trainer of {@code net} (from {@link #initialNetwork}, possibly modified).
   *
   * @throws IllegalArgumentException if the optimiser is not defined on the network or the settings conflict
   */
  public Trainer trainer(Network net) {
    return new Trainer(net, optimizer, schedule, training);
  }
}
