package org.pathnorm.testing;

import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.DdpNormalization;
import org.pathnorm.nn.Network;

/**
 * A DDP-normalised network folded into a plain one by hand, in double, from the definition
 * (docs/algorithms.md §3.5): in evaluation, hidden unit j of layer L computes
 * (z_j − c·μ̄_j)/σ̄_j with σ̄_j = √(α(‖W_j‖² + b_j²) + (1−α)·s̄_j + ε) from the running mean μ̄ and
 * statistic s̄, so the plain network with W_j/σ̄_j and (b_j − c·μ̄_j)/σ̄_j computes the same function.
 * Written independently of {@code DdpNormalization.folded}, as its reference.
 */
public final class HandFolded {
  private HandFolded() {}

  public static Network of(Network normalised) {
    DdpNormalization norm = normalised.normalization();
    Architecture a = normalised.architecture();
    float[] original = normalised.parameters();
    float[] p = original.clone();
    for (int layer = 0; layer < a.depth() - 1; layer++) {
      int hidden = layer + 1;
      int in = a.in(layer);
      for (int j = 0; j < a.out(layer); j++) {
        double b = original[a.biasOffset(layer) + j];
        double squares = b * b;
        for (int k = 0; k < in; k++) squares += Math.pow(original[a.weightOffset(layer) + j * in + k], 2);
        double sigma = Math.sqrt(norm.alpha() * squares + (1 - norm.alpha()) * norm.runningStatistic(hidden)[j] + DdpNormalization.EPS);
        double mean = norm.centred() ? norm.runningMean(hidden)[j] : 0;
        for (int k = 0; k < in; k++) p[a.weightOffset(layer) + j * in + k] = (float) (original[a.weightOffset(layer) + j * in + k] / sigma);
        p[a.biasOffset(layer) + j] = (float) ((b - mean) / sigma);
      }
    }
    return new Network(a, p);
  }
}
