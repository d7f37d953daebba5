package org.pathnorm.measures;

import java.util.SplittableRandom;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * Keskar-style worst-case sharpness (docs/algorithms.md §2.5):
 * ζ_α(w) = [ max_{|ν_i| ≤ α(|w_i|+1)} L̂(w+ν) − L̂(w) ] / (1 + L̂(w)),
 * L̂ the training cross-entropy, biases included among the w_i. The maximisation is projected
 * stochastic gradient <em>ascent</em> from ν = 0: mini-batches drawn with a seeded generator, heavy-ball
 * momentum, and after every step each ν_i clipped back into its box. L̂ in the ratio is the full
 * training set (or its first {@code evalSamples} samples), at the last iterate; since ν = 0 is feasible,
 * the maximum is taken as the larger of L̂(w + ν_last) and L̂(w), so ζ ≥ 0. Not invariant to node
 * rescaling (docs/algorithms.md §5.5 item 28).
 */
public final class Sharpness {
  private Sharpness() {}

  /**
   * @param alpha       box size α (paper: 5e-4)
   * @param steps       ascent steps (paper: 2000)
   * @param batch       mini-batch (paper: 64)
   * @param lr          step size (paper: 0.01)
   * @param momentum    heavy-ball momentum (paper: 0.9)
   * @param evalSamples training samples L̂ is evaluated on (0: all)
   */
  public record Options(double alpha, int steps, int batch, double lr, double momentum, int evalSamples) {
    public Options {
      if (!(alpha >= 0) || steps < 0 || batch < 1 || evalSamples < 0) {
        throw new IllegalArgumentException("sharpness: need alpha >= 0, steps >= 0, batch >= 1, evalSamples >= 0; got alpha "
            + alpha + ", steps " + steps + ", batch " + batch + ", evalSamples " + evalSamples);
      }
    }

    public static Options paper() {
      return new Options(5e-4, 2000, 64, 0.01, 0.9, 0);
    }
  }

  /** ζ_α and the losses it is made of; {@code maxViolation} = max_i (|ν_i| − α(|w_i|+1)), ≤ 0 when the box holds. */
  public record Result(Options options, double sharpness, double loss, double perturbedLoss, double maxViolation) {}

  /** ζ_α of {@code net} on the training set {@code train}. */
  public static Result compute(Model net, Dataset train, Options o, long seed, Kernels kernels, Gemm gemm) {
    Dataset eval = o.evalSamples() > 0 && o.evalSamples() < train.size() ? train.slice(train.name(), 0, o.evalSamples()) : train;
    int batch = Math.min(o.batch(), train.size());
    LossOracle step = new LossOracle(net, train, batch, kernels, gemm);
    LossOracle full = new LossOracle(net, eval, 256, kernels, gemm);
    float[] w = net.parameters();
    int n = w.length;
    double base = full.meanLoss(net);
    float[] box = new float[n];
    for (int i = 0; i < n; i++) box[i] = (float) (o.alpha() * (Math.abs(w[i]) + 1));
    float[] nu = new float[n], velocity = new float[n], grad = new float[n];
    Model moved = net.copy();
    float[] wm = moved.parameters();
    int[] idx = new int[batch];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int t = 0; t < o.steps(); t++) {
      for (int s = 0; s < batch; s++) idx[s] = rnd.nextInt(train.size());
      step.meanLoss(moved, idx, batch, grad);
      for (int i = 0; i < n; i++) {
        // ascent: ν ← clip(ν + lr·v), v ← μ·v + ∇L̂
        velocity[i] = (float) (o.momentum() * velocity[i] + grad[i]);
        float v = (float) (nu[i] + o.lr() * velocity[i]);
        nu[i] = Math.max(-box[i], Math.min(box[i], v));
        wm[i] = w[i] + nu[i];
      }
    }
    double perturbed = full.meanLoss(moved);
    double violation = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) violation = Math.max(violation, Math.abs(nu[i]) - box[i]);
    double best = Math.max(perturbed, base);   // ν = 0 is feasible: the maximum is at least L̂(w)
    return new Result(o, (best - base) / (1 + base), base, best, violation);
  }
}
