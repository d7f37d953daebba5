package org.pathnorm.nn;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Initialisations of a {@link Recurrent} layer's slice, each deterministic in its random source.
 */
public enum RecurrentInit {
  /**
   * IRNN (Le et al., arXiv 1504.00941): W_hh = I, W_ih ~ N(0, 0.001²), biases 0.
   */
  IRNN,
  /** W_ih ~ N(0, 1/D), W_hh ~ N(0, 1/H), biases 0. */
  GAUSSIAN,
  /** PyTorch's {@code nn.RNN} default: every parameter ~ U(±1/√H). */
  PYTORCH;

  /** Standard deviation of the IRNN's input weights. */
  public static final double IRNN_INPUT_STD = 1e-3;

  /** Parses {@code irnn|gaussian|pytorch}. */
  public static RecurrentInit parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--rnn-init: expected irnn, gaussian or pytorch, got '" + s + "'");
    }
  }

  /** Overwrites the layer's slice {@code p[pOff … pOff + layer.parameterCount())}. */
  public void initialize(Recurrent layer, float[] p, int pOff, SplittableRandom rnd) {
    int d = layer.inputsPerStep();
    int h = layer.hidden();
    int hh = pOff + layer.recurrentWeightOffset();
    int b = pOff + layer.biasOffset();
    switch (this) {
      case IRNN -> {
        for (int i = 0; i < h * d; i++) p[pOff + i] = (float) (rnd.nextGaussian() * IRNN_INPUT_STD);
        for (int j = 0; j < h; j++) for (int k = 0; k < h; k++) p[hh + j * h + k] = j == k ? 1f : 0f;
        java.util.Arrays.fill(p, b, b + 2 * h, 0f);
      }
      case GAUSSIAN -> {
        for (int i = 0; i < h * d; i++) p[pOff + i] = (float) (rnd.nextGaussian() / Math.sqrt(d));
        for (int i = 0; i < h * h; i++) p[hh + i] = (float) (rnd.nextGaussian() / Math.sqrt(h));
        java.util.Arrays.fill(p, b, b + 2 * h, 0f);
      }
      case PYTORCH -> {
        double bound = 1 / Math.sqrt(h);
        for (int i = 0; i < layer.parameterCount(); i++) p[pOff + i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
      }
    }
  }
}
