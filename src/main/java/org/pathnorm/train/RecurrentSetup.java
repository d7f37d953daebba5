package org.pathnorm.train;

import java.util.Arrays;
import org.pathnorm.data.Dataset;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;

/**
 * Everything that decides a recurrent training run (docs/algorithms.md §1.4, §3.4), and the one way the
 * model and trainer are built from it: {@code pathnorm train --model rnn} and {@code pathnorm reproduce}
 * both go through here, as {@link RunSetup} for feedforward runs. The model is {@link RecurrentModels#build}
 * seeded with the training seed.
 *
 * @param model     the recurrent architecture
 * @param optimizer the optimisation method (RNN-Path is {@code path-sgd} on this model: κ⁽¹⁾ through the path-norm pass)
 * @param schedule  step size and momentum per epoch
 * @param training  batch, epochs, threads, seed, loss, …
 */
public record RecurrentSetup(Architecture model, OptimizerSpec optimizer, Schedule schedule, TrainingConfig training) {

  public RecurrentSetup {
    if (model == null || optimizer == null || schedule == null || training == null) {
      throw new IllegalArgumentException("a recurrent run needs a model, optimizer, schedule and training config");
    }
  }

  /**
   * A stacked RNN and its read-out: T steps of D inputs, H units per layer, V outputs per read-out step.
   *
   * @param steps      T
   * @param inputs     D, inputs per step
   * @param hidden     H of each stacked layer
   * @param activation relu or tanh
   * @param readout    at the last step or at every step
   * @param outputs    V
   * @param init       the recurrent layers' initialisation
   */
  public record Architecture(int steps, int inputs, int[] hidden, Recurrent.Activation activation, RecurrentModels.Readout readout,
      int outputs, RecurrentInit init) {
    public Architecture {
      if (steps < 1 || inputs < 1 || outputs < 1 || hidden.length < 1 || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
        throw new IllegalArgumentException("a recurrent model needs T, D, V >= 1 and >= 1 layer of >= 1 hidden units, got T=" + steps
            + ", D=" + inputs + ", H=" + Arrays.toString(hidden) + ", V=" + outputs);
      }
      hidden = hidden.clone();
    }

    /**
     * The architecture that fits {@code data}: a label at every step (k = labels per sample &gt; 1) gives an
     * every-step read-out over T = k steps of D = dimension/k inputs; otherwise the read-out is at the last
     * step and D = {@code inputsPerStep} (T = dimension/D). V = {@code outputs}, or the classes if 0.
     *
     * @throws IllegalArgumentException (naming the option) if the dimension is not T·D
     */
    public static Architecture forData(Dataset data, int inputsPerStep, int[] hidden, Recurrent.Activation activation, int outputs,
        RecurrentInit init) {
      int k = data.labelsPerSample();
      int v = outputs > 0 ? outputs : data.classes();
      if (k > 1) {
        if (data.dimension() % k != 0) {
          throw new IllegalArgumentException("--data " + data.name() + ": " + data.dimension() + " features are not " + k + " steps");
        }
        return new Architecture(k, data.dimension() / k, hidden, activation, RecurrentModels.Readout.EVERY_STEP, v, init);
      }
      if (inputsPerStep < 1 || data.dimension() % inputsPerStep != 0) {
        throw new IllegalArgumentException("--step-inputs: the " + data.dimension() + " features of " + data.name()
            + " are not a whole number of steps of " + inputsPerStep + " inputs");
      }
      return new Architecture(data.dimension() / inputsPerStep, inputsPerStep, hidden, activation, RecurrentModels.Readout.LAST_STEP, v,
          init);
    }

    /** The model, initialised from {@code seed}. */
    public Sequential build(long seed) {
      return RecurrentModels.build(steps, inputs, hidden, activation, readout, outputs, init, seed);
    }

    @Override public String toString() {
      return "rnn(" + activation.name().toLowerCase(java.util.Locale.ROOT) + ", T=" + steps + ", D=" + inputs + ", H="
          + Arrays.toString(hidden).replace(" ", "") + ", " + init.name().toLowerCase(java.util.Locale.ROOT) + ")-linear(→" + outputs
          + (readout == RecurrentModels.Readout.EVERY_STEP ? " every step" : " last step") + ")";
    }

    @Override public boolean equals(Object o) {
      return o instanceof Architecture a && a.steps == steps && a.inputs == inputs && Arrays.equals(a.hidden, hidden)
          && a.activation == activation && a.readout == readout && a.outputs == outputs && a.init == init;
    }

    @Override public int hashCode() {
      return Arrays.hashCode(hidden) * 31 + java.util.Objects.hash(steps, inputs, activation, readout, outputs, init);
    }
  }

  /** The initialised model, seeded with the training seed. */
  public Sequential initialModel() {
    return model.build(training.seed());
  }

  /**
   * A trainer of {@code m} (from {@link #initialModel}, possibly modified).
   *
   * @throws IllegalArgumentException if the optimiser is not defined on the model or the settings conflict
   */
  public Trainer trainer(Sequential m) {
    return new Trainer(m, optimizer, schedule, training);
  }
}
