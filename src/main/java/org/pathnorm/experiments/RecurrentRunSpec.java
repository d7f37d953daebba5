package org.pathnorm.experiments;

import org.pathnorm.data.DataTransforms;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.train.HiddenState;

/**
 * Everything one recurrent training run of a sweep depends on (docs/algorithms.md §4 E6–E8): the data
 * spec and its transforms (validation split, subset, resize), the model (hidden units per layer, layers, activation {@code relu} or
 * {@code tanh}, init {@code irnn}, {@code gaussian} or {@code pytorch}, read-out {@code last} or
 * {@code every} step), the optimiser ({@code sgd}, {@code rmsprop}, {@code path-sgd} = RNN-Path with
 * κ⁽¹⁾, or {@code path-sgd-k2} = RNN-Path with κ⁽¹⁾ + κ⁽²⁾), step size, momentum, gradient clipping
 * by global norm (0: none), batch, epochs and seed; {@code kappaRatios} records ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ per
 * tensor after every epoch (E6); {@code hiddenState} resets the hidden state per window or carries it across
 * consecutive windows (truncated BPTT, E8).
 */
public record RecurrentRunSpec(String data, DataTransforms transforms, int hidden, int layers, String activation, String init, String readout,
    String optimizer, double lr, double momentum, double clipNorm, int batch, int epochs, long seed, boolean kappaRatios, HiddenState hiddenState)
    implements CellSpec {

  public RecurrentRunSpec {
    if (epochs < 1) throw new IllegalArgumentException("a run needs >= 1 epoch, got " + epochs);
    if (hiddenState == null) throw new IllegalArgumentException("a recurrent run needs a hidden-state policy (reset or carried)");
    if (hidden < 1 || layers < 1) throw new IllegalArgumentException("a recurrent run needs >= 1 hidden unit and layer, got " + hidden + ", " + layers);
  }

  @Override public void write(JsonWriter w) {
    w.value("model", "rnn").value("data", data).value("transforms", transforms.toString()).value("hidden", hidden).value("layers", layers)
        .value("activation", activation).value("init", init).value("readout", readout).value("optimizer", optimizer).value("lr", lr)
        .value("momentum", momentum).value("clip_norm", clipNorm).value("batch", batch).value("epochs", epochs).value("seed", seed)
        .value("kappa_ratios", kappaRatios).value("hidden_state", hiddenState.label());
  }
}
