package org.pathnorm.nn;

import java.util.Arrays;
import java.util.Locale;
import org.pathnorm.simd.Kernels;

/**
 * DDP-Normalization (docs/algorithms.md §3.5, reconstructed): every hidden pre-activation is reparametrised by its
 * node measure, z̃_j = (z_j − c·Ê z_j)/σ_j with
 * <pre>
 *   σ_j² = α·(‖W_j‖² + b_j²) + (1−α)·s(z_j) + ε,
 * </pre>
 * where s is the mini-batch second moment Ê[z²] (c = 0) or variance V̂ar[z] (c = 1, centred). Upstream
 * hidden nodes are normalised, so their γ² is 1; the inputs are taken as normalised too (γ_in² = 1).
 * At α = 0 with the variance this is batch normalisation without the learned scale and shift; at
 * α = 1 it divides by the norm of the node's incoming weights and bias. Training uses the statistics
 * of the mini-batch (differentiated, as batch normalisation does); evaluation uses running averages
 * s̄ ← (1−m)·s̄ + m·s and z̄ ← (1−m)·z̄ + m·Ê z with m = {@link #MOMENTUM}.
 *
 * <p>Forward and backward of one hidden layer sit side by side below; z, y [batch × m] row-major.
 */
public final class DdpNormalization {
  /** Batch normalisation's ε and running-average momentum (PyTorch's defaults). */
  public static final float EPS = 1e-5f;
  public static final float MOMENTUM = 0.1f;

  private final double alpha;
  private final boolean centred;
  /** Running Ê z and s(z) of hidden layer L (1 … d−1) at index L−1. */
  final float[][] runningMean;
  final float[][] runningStatistic;

  /**
   * @param centred true for the covariance statistic (centred, as batch normalisation), false for the second moment
   */
  public DdpNormalization(Architecture a, double alpha, boolean centred) {
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
    if (a.depth() < 2) throw new IllegalArgumentException("DDP-Normalization needs a hidden layer; " + a + " has none");
    this.alpha = alpha;
    this.centred = centred;
    runningMean = new float[a.depth() - 1][];
    runningStatistic = new float[a.depth() - 1][];
    for (int L = 1; L < a.depth(); L++) {
      runningMean[L - 1] = new float[a.width(L)];
      runningStatistic[L - 1] = new float[a.width(L)];
      Arrays.fill(runningStatistic[L - 1], 1f);
    }
  }

  public double alpha() {
    return alpha;
  }

  public boolean centred() {
    return centred;
  }

  /** e.g. {@code alpha=0.5,statistic=covariance}: what config.json and model metadata record. */
  public String describe() {
    return String.format(Locale.ROOT, "alpha=%s,statistic=%s", alpha, centred ? "covariance" : "second-moment");
  }

  /** Parses {@link #describe()}'s form. */
  public static DdpNormalization parse(Architecture a, String s) {
    double alpha = Double.NaN;
    Boolean centred = null;
    for (String kv : s.split(",")) {
      String[] p = kv.split("=", 2);
      if (p.length == 2 && p[0].trim().equals("alpha")) alpha = Double.parseDouble(p[1].trim());
      else if (p.length == 2 && p[0].trim().equals("statistic")) centred = p[1].trim().equals("covariance");
      else throw new IllegalArgumentException("normalization: expected alpha=A,statistic=second-moment|covariance, got '" + s + "'");
    }
    if (Double.isNaN(alpha) || centred == null) {
      throw new IllegalArgumentException("normalization: expected alpha=A,statistic=second-moment|covariance, got '" + s + "'");
    }
    return new DdpNormalization(a, alpha, centred);
  }

  public DdpNormalization copy(Architecture a) {
    DdpNormalization c = new DdpNormalization(a, alpha, centred);
    c.copyRunningAverages(this);
    return c;
  }

  /** Overwrites the running averages with those of {@code other} (same settings and widths). */
  public void copyRunningAverages(DdpNormalization other) {
    if (other.alpha != alpha || other.centred != centred || other.runningMean.length != runningMean.length) {
      throw new IllegalArgumentException("DDP-Normalization: expected " + describe() + ", found " + other.describe());
    }
    for (int i = 0; i < runningMean.length; i++) {
      System.arraycopy(other.runningMean[i], 0, runningMean[i], 0, runningMean[i].length);
      System.arraycopy(other.runningStatistic[i], 0, runningStatistic[i], 0, runningStatistic[i].length);
    }
  }

  /** The running averages of hidden layer L (1 … d−1), live: Ê z and s(z). */
  public float[] runningMean(int hidden) {
    return runningMean[hidden - 1];
  }

  public float[] runningStatistic(int hidden) {
    return runningStatistic[hidden - 1];
  }

  /** α·(‖W_j‖² + b_j²) for the m rows of weight layer L−1 (the path part of σ², upstream γ² = 1). */
  private void pathPart(Kernels k, float[] p, Architecture a, int hidden, float[] out) {
    int layer = hidden - 1;
    int in = a.in(layer);
    for (int j = 0; j < a.out(layer); j++) {
      float b = p[a.biasOffset(layer) + j];
      out[j] = (float) (alpha * (k.sumSquares(p, a.weightOffset(layer) + j * in, in) + (double) b * b));
    }
  }

  /**
   * Training forward of hidden layer L: y = (z − c·mean)/σ with the batch's statistics, which it
   * keeps in {@code mean} and {@code inverseSigma} [m] for the backward pass and folds into the
   * running averages. {@code sum}/{@code sumSquares} are double scratch of length ≥ m.
   */
  void forwardTraining(Kernels k, float[] p, Architecture a, int hidden, float[] z, int batch, float[] y, float[] mean,
      float[] inverseSigma, double[] sum, double[] sumSquares) {
    int m = a.width(hidden);
    BatchStatistics.columnMoments(z, batch, m, sum, sumSquares);
    pathPart(k, p, a, hidden, inverseSigma);
    float[] rm = runningMean[hidden - 1];
    float[] rs = runningStatistic[hidden - 1];
    for (int j = 0; j < m; j++) {
      double mu = sum[j] / batch;
      double second = sumSquares[j] / batch;
      double s = centred ? Math.max(second - mu * mu, 0) : second;
      mean[j] = centred ? (float) mu : 0f;
      inverseSigma[j] = (float) (1 / Math.sqrt(inverseSigma[j] + (1 - alpha) * s + EPS));
      rm[j] = (1 - MOMENTUM) * rm[j] + MOMENTUM * (float) mu;
      rs[j] = (1 - MOMENTUM) * rs[j] + MOMENTUM * (float) s;
    }
    normalise(z, batch, m, mean, inverseSigma, y);
  }

  /** Evaluation forward of hidden layer L with the running averages ({@code mean}, {@code inverseSigma} scratch [m]). */
  void forwardEvaluation(Kernels k, float[] p, Architecture a, int hidden, float[] z, int batch, float[] y, float[] mean,
      float[] inverseSigma) {
    evaluationShift(k, p, a, hidden, mean, inverseSigma);
    normalise(z, batch, a.width(hidden), mean, inverseSigma, y);
  }

  /** mean = c·z̄ and 1/σ̄ of hidden layer L from the running averages. */
  private void evaluationShift(Kernels k, float[] p, Architecture a, int hidden, float[] mean, float[] inverseSigma) {
    pathPart(k, p, a, hidden, inverseSigma);
    float[] rm = runningMean[hidden - 1];
    float[] rs = runningStatistic[hidden - 1];
    for (int j = 0; j < a.width(hidden); j++) {
      mean[j] = centred ? rm[j] : 0f;
      inverseSigma[j] = (float) (1 / Math.sqrt(inverseSigma[j] + (1 - alpha) * rs[j] + EPS));
    }
  }

  private static void normalise(float[] z, int batch, int m, float[] mean, float[] inverseSigma, float[] y) {
    for (int n = 0; n < batch; n++) {
      int row = n * m;
      for (int j = 0; j < m; j++) y[row + j] = (z[row + j] - mean[j]) * inverseSigma[j];
    }
  }

  /**
   * Backward of hidden layer L, in place: given dY = ∂L/∂y [batch × m], writes ∂L/∂z into it,
   * <pre>
   *   ∂L/∂z_n = (1/σ)·(g_n − c·ḡ − (1−α)·(T/B)·y_n),   T = Σ_n g_n·y_n,
   * </pre>
   * and stores α·T/σ² per node in {@code direct}: σ² depends on W_j and b_j directly, so
   * {@link #addDirectGradient} must add −direct_j·(W_j, b_j) to their gradient afterwards.
   */
  void backward(int m, float[] y, int batch, float[] dY, float[] inverseSigma, float[] direct, double[] dots, double[] sums) {
    columnDots(dY, y, batch, m, dots, sums);
    for (int j = 0; j < m; j++) {
      double t = dots[j];
      direct[j] = (float) (alpha * t * inverseSigma[j] * inverseSigma[j]);
      sums[j] = centred ? sums[j] / batch : 0;  // ḡ_j or 0
      dots[j] = (1 - alpha) * t / batch;       // (1−α)·T/B
    }
    for (int n = 0; n < batch; n++) {
      int row = n * m;
      for (int j = 0; j < m; j++) {
        dY[row + j] = (float) ((dY[row + j] - sums[j] - dots[j] * y[row + j]) * inverseSigma[j]);
      }
    }
  }

  /** grad(W_j, b_j) −= direct_j·(W_j, b_j) for the rows of weight layer L−1. */
  void addDirectGradient(Kernels k, float[] p, Architecture a, int hidden, float[] direct, float[] grad) {
    int layer = hidden - 1;
    int in = a.in(layer);
    for (int j = 0; j < a.out(layer); j++) {
      if (direct[j] == 0f) continue;
      k.axpy(-direct[j], p, a.weightOffset(layer) + j * in, grad, a.weightOffset(layer) + j * in, in);
      grad[a.biasOffset(layer) + j] -= direct[j] * p[a.biasOffset(layer) + j];
    }
  }

  /**
   * The plain network that the normalised one computes at evaluation: W′_j = W_j/σ̄_j and
   * b′_j = (b_j − c·z̄_j)/σ̄_j for the hidden layers (for measures and export).
   */
  public Network folded(Kernels k, Network net) {
    Architecture a = net.architecture();
    float[] p = net.parameters().clone();
    for (int L = 1; L < a.depth(); L++) {
      int m = a.width(L);
      float[] mean = new float[m];
      float[] inverseSigma = new float[m];
      evaluationShift(k, net.parameters(), a, L, mean, inverseSigma);
      int in = a.in(L - 1);
      for (int j = 0; j < m; j++) {
        k.scale(inverseSigma[j], p, a.weightOffset(L - 1) + j * in, in);
        int b = a.biasOffset(L - 1) + j;
        p[b] = (p[b] - mean[j]) * inverseSigma[j];
      }
    }
    return new Network(a, p);
  }

  /** dots[c] = Σ_r g[r,c]·y[r,c] and sums[c] = Σ_r g[r,c], in double. */
  private static void columnDots(float[] g, float[] y, int rows, int cols, double[] dots, double[] sums) {
    Arrays.fill(dots, 0, cols, 0);
    Arrays.fill(sums, 0, cols, 0);
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int c = 0; c < cols; c++) {
        dots[c] += (double) g[row + c] * y[row + c];
        sums[c] += g[row + c];
      }
    }
  }
}
