package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * PAC-Bayes expected sharpness (docs/algorithms.md §2.5). For a perturbation ν_i ~ N(0, σ_i²) with
 * σ_i = α(10|w_i| + 1) and a prior with the same variances centred at 0:
 * <ul>
 *   <li>expected sharpness E_ν[L̂(w+ν)] − L̂(w), estimated as the mean over {@code draws} draws of
 *       L̂_B(w+ν) − L̂_B(w), each on its own random mini-batch B (the same batch for both terms);</li>
 *   <li>KL(N(w, diag σ²) ‖ N(0, diag σ²)) = Σ_i w_i² / (2σ_i²) (the ½ is docs/algorithms.md §7 item 8's open
 *       question; the closed Gaussian KL has it).</li>
 * </ul>
 * A sweep over α gives the (KL, expected sharpness) frontier of Exploring-Gen Fig. 2 — a diagnostic,
 * not a certified bound (σ depends on w). Also the isotropic σ (σ_i = σ for all i) at which the
 * expected loss increase reaches a target, found by bisection on log σ with common random numbers
 * (the Fantastic-measures "PAC-Bayes σ"; its flatness measure is 1/σ²). Weights and biases are all
 * perturbed. L̂ is the training cross-entropy.
 */
public final class PacBayes {
  private PacBayes() {}

  /**
   * @param alphas  the α grid of the sweep (log-spaced by default: the papers leave it open)
   * @param draws   perturbations per α (paper: 1000)
   * @param batch   samples per draw (paper: 64)
   * @param target  loss increase the bisection for σ aims at (0 to skip the bisection)
   */
  public record Options(List<Double> alphas, int draws, int batch, double target) {
    public Options {
      alphas = List.copyOf(alphas);
      for (double a : alphas) if (!(a > 0)) throw new IllegalArgumentException("pac-bayes: every alpha must be > 0, got " + a);
      if (draws < 1 || batch < 1 || !(target >= 0)) {
        throw new IllegalArgumentException("pac-bayes: need draws >= 1, batch >= 1, target >= 0; got draws " + draws + ", batch "
            + batch + ", target " + target);
      }
    }

    /** α ∈ {1e-4, 3e-4, 1e-3, …, 1e-1}, 1000 draws of 64 samples, target 0.1. */
    public static Options paper() {
      return new Options(List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1), 1000, 64, 0.1);
    }
  }

  /** One point of the frontier. */
  public record Point(double alpha, double kl, double expectedSharpness) {}

  /**
   * The sweep's result.
   *
   * @param options       the settings it ran with
   * @param frontier      (α, KL, E_ν[L̂(w+ν)] − L̂(w)) for each α of {@link Options#alphas()}, in that order
   * @param sigmaAtTarget the isotropic σ with E_ν[L̂(w+ν)] − L̂(w) = {@link Options#target()}; empty when the
   *                      bisection was skipped (target 0) or [1e-6, 10] does not bracket it
   */
  public record Result(Options options, List<Point> frontier, OptionalDouble sigmaAtTarget) {}

  /** KL(N(w, diag σ²) ‖ N(0, diag σ²)) = Σ w_i²/(2σ_i²) with σ_i = α(10|w_i|+1). */
  public static double kl(float[] w, double alpha) {
    double s = 0;
    for (float x : w) {
      double r = x / (alpha * (10 * Math.abs((double) x) + 1));
      s += r * r;
    }
    return 0.5 * s;
  }

  public static Result compute(Model net, Dataset train, Options o, long seed, Kernels kernels, Gemm gemm) {
    LossOracle oracle = new LossOracle(net, train, Math.min(o.batch(), train.size()), kernels, gemm);
    List<Point> frontier = new ArrayList<>();
    for (double alpha : o.alphas()) {
      frontier.add(new Point(alpha, kl(net.parameters(), alpha), expectedSharpness(net, oracle, o, alpha, false, seed)));
    }
    double sigma = o.target() > 0 ? sigmaAtTarget(net, oracle, o, seed) : Double.NaN;
    return new Result(o, frontier, Double.isNaN(sigma) ? OptionalDouble.empty() : OptionalDouble.of(sigma));
  }

  /**
   * Mean over draws of L̂_B(w+ν) − L̂_B(w) with ν_i ~ N(0, σ_i²): σ_i = α(10|w_i|+1), or σ_i = α when
   * {@code isotropic}. The same seed gives the same batches and the same standard normals for every α.
   */
  static double expectedSharpness(Model net, LossOracle oracle, Options o, double alpha, boolean isotropic, long seed) {
    float[] w = net.parameters();
    Model moved = net.copy();
    float[] wm = moved.parameters();
    int batch = Math.min(o.batch(), oracle.size());
    int[] idx = new int[batch];
    SplittableRandom rnd = new SplittableRandom(seed);
    double sum = 0;
    for (int t = 0; t < o.draws(); t++) {
      for (int s = 0; s < batch; s++) idx[s] = rnd.nextInt(oracle.size());
      for (int i = 0; i < w.length; i++) {
        double sigma = isotropic ? alpha : alpha * (10 * Math.abs(w[i]) + 1);
        wm[i] = (float) (w[i] + sigma * gaussian(rnd));
      }
      sum += oracle.meanLoss(moved, idx, batch, null) - oracle.meanLoss(net, idx, batch, null);
    }
    return sum / o.draws();
  }

  /** Bisection on log σ for E[L̂(w+ν)] − L̂(w) = target, isotropic σ, 30 halvings of [1e-6, 10]. */
  static double sigmaAtTarget(Model net, LossOracle oracle, Options o, long seed) {
    double lo = Math.log(1e-6), hi = Math.log(10);
    if (expectedSharpness(net, oracle, o, Math.exp(hi), true, seed) < o.target()) return Double.NaN;
    if (expectedSharpness(net, oracle, o, Math.exp(lo), true, seed) > o.target()) return Double.NaN;
    for (int it = 0; it < 30; it++) {
      double mid = 0.5 * (lo + hi);
      if (expectedSharpness(net, oracle, o, Math.exp(mid), true, seed) < o.target()) lo = mid;
      else hi = mid;
    }
    return Math.exp(0.5 * (lo + hi));
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
