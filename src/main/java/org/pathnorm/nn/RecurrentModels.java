package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Recurrent models as {@link Sequential}s whose tensor names are PyTorch's: a stacked
 * {@code nn.RNN(nonlinearity=…, batch_first=True)} under module path {@code rnn}
 * ({@code rnn.weight_ih_l0}, …, {@code rnn.bias_hh_l<n−1>}) followed by an {@code nn.Linear} read-out
 * under {@code fc}, at the last step or at every step (docs/algorithms.md §1.4).
 */
public final class RecurrentModels {
  private RecurrentModels() {}

  /** Where the read-out looks. */
  public enum Readout {
    /** y = W_out h_T + b_out [V]. */
    LAST_STEP,
    /** y_t = W_out h_t + b_out for every t [T × V]. */
    EVERY_STEP
  }

  /**
   * The model rnn(D → H₁ → … → H_n, T) → linear(H_n → V), initialised from {@code seed}: each recurrent
   * layer by {@code init}, the read-out as PyTorch's {@code nn.Linear} (U(±1/√H_n)).
   *
   * @param steps   T
   * @param inputs  D, inputs per step
   * @param hidden  H of each stacked layer (≥ 1 layer)
   * @param outputs V, outputs per read-out step
   */
  public static Sequential build(int steps, int inputs, int[] hidden, Recurrent.Activation activation, Readout readout, int outputs,
      RecurrentInit init, long seed) {
    if (hidden.length < 1) throw new IllegalArgumentException("a recurrent model needs >= 1 recurrent layer");
    List<Layer> layers = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    int d = inputs;
    for (int i = 0; i < hidden.length; i++) {
      boolean last = i == hidden.length - 1;
      Recurrent.Output out = last && readout == Readout.LAST_STEP ? Recurrent.Output.LAST_STEP : Recurrent.Output.EVERY_STEP;
      layers.add(new Recurrent(steps, d, hidden[i], activation, out, i));
      paths.add("rnn");
      d = hidden[i];
    }
    layers.add(readout == Readout.LAST_STEP ? new Dense(d, outputs, false) : new StepLinear(steps, d, outputs));
    paths.add("fc");
    Sequential m = new Sequential(layers, paths);
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] p = m.parameters();
    for (int i = 0; i < hidden.length; i++) init.initialize((Recurrent) layers.get(i), p, m.layerOffset(i), rnd);
    int fc = m.layerOffset(hidden.length);
    double bound = 1 / Math.sqrt(d);
    for (int i = fc; i < p.length; i++) p[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    return m;
  }
}
