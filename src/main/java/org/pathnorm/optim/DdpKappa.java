package org.pathnorm.optim;

import java.util.Arrays;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.BatchMoments;
import org.pathnorm.nn.BatchStatistics;
import org.pathnorm.nn.Dense;
import org.pathnorm.simd.Kernels;

/**
 * The DDP-SGD preconditioner κ_e = ½·∂²γ_net²/∂w_e² (docs/algorithms.md §3.5) of a feedforward ReLU network on one
 * mini-batch. Node layers L = 0 … d (inputs, hidden, outputs); weight layer L maps node layer L to L+1.
 * With s(·) the chosen statistic over the batch (second moment Ê[v²] or variance V̂ar[v]):
 * <pre>
 *   γ²: γ_0[k] = α + (1−α)·s(x_k),  γ_L[j] = α·(Σ_k W²[j,k]·γ_{L−1}[k] + b_j²) + (1−α)·s(z_L[j])
 *   β:  β_d = 1,                    β_L[k] = α·Σ_j W_L²[j,k]·β_{L+1}[j]      (γ_net² = Σ_v β_v·local_v)
 *   frozen: κ(W_L)[j,k] = β_{L+1}[j]·ρ_L[k],  ρ_L[k] = α·γ_L[k] + (1−α)·s(h_L[k]);
 *           κ(b_L)[j] = β_{L+1}[j]·(α + (1−α)·s(1))
 *   exact:  κ(W_L)[j,k] = α·β_{L+1}[j]·γ_L[k] + (1−α)·Σ_{v′ ⪰ (L+1,j)} β_v′·s_n(J_v′(n)·h_L(n,k))
 *           with J_v′(n) = ∂z_v′/∂z_{L+1,j} on sample n (1 for v′ itself); for the second moment the sum
 *           is (1/B)·Σ_n h_L(n,k)²·A_{L+1}(n,j), A(n,j) = Σ_v′ β_v′·J_v′(n)², one GEMM per layer.
 * </pre>
 * Exactness of the second derivative: z is piecewise linear in each single weight, so the second
 * derivative of s(z_v′) is the statistic of (∂z_v′/∂w_e)² (Gauss–Newton, exact almost everywhere).
 * α = 1 reproduces {@link PathKappa}'s γ_in² and γ_out² with the same kernel calls in the same order, so
 * DDP-SGD at α = 1 is Path-SGD bit for bit. The exact mode propagates ∂z_v′/∂z through the layers below
 * v′ for every node v′ with β_v′ ≠ 0, in groups of nodes, as GEMMs: its cost is that many backward
 * passes (the outputs only at α = 0). Statistics are accumulated in double.
 */
final class DdpKappa {
  /** Guards the reciprocals where κ = 0 (dead units; their gradient is 0 too). As {@link PathKappa#EPS}. */
  static final float EPS = PathKappa.EPS;
  private static final int GROUP_ROWS = 256;

  private final Architecture arch;
  private final Kernels kernels;
  /** β's column sums (the order of PathKappa's γ_out²). */
  private final SquaredSums columnSums;
  private final DdpOptions options;
  private final float alpha;
  private final float dataWeight;
  private Gemm gemm;
  private int capacity;

  /** z[L], h[L] [B × m_L]: pre-activations and ReLU outputs of the hidden layers (h[0]: the batch's input). */
  private final float[][] z;
  private final float[][] h;
  /** h[L]² and A[L] [B × m_L] (exact mode). */
  private final float[][] hSquared;
  private final float[][] jacobianWeight;
  /** Two ping-pong buffers [group·B × max width] for ∂z_v′/∂z of a group of target nodes. */
  private float[] deltaA;
  private float[] deltaB;
  private int[] picked;
  /** Covariance mode: a [m_{L+1} × m_L] mean-product block and column means. */
  private float[] meanProduct;
  private final float[] meanColumn;
  /** Level-one sums q[k] and a row buffer. */
  private final float[] q;
  private final float[] row;
  private final double[] sum;
  private final double[] sumSquares;

  /** s(h_L) of the inputs of weight layer L, and s(z_L) of hidden node layer L, on the current batch. */
  private final float[][] inputStatistic;
  private final float[][] preStatistic;
  final float[][] gamma;
  final float[][] beta;
  /** Frozen mode: 1/(β_{L+1} + ε) per weight layer, 1/(ρ_L + ε), and 1/(α + (1−α)s(1)). */
  final float[][] rowInverse;
  final float[][] colInverse;
  float biasScale;
  /** Exact mode: κ⁻¹ of every parameter, laid out like the parameters. */
  final float[] inverse;

  DdpKappa(Architecture arch, Kernels kernels, DdpOptions options) {
    this.arch = arch;
    this.kernels = kernels;
    this.columnSums = new SquaredSums(kernels);
    for (int L = 1; L < arch.depth(); L++) columnSums.reserve(arch.out(L), arch.in(L));
    this.options = options;
    this.alpha = (float) options.alpha();
    this.dataWeight = 1f - alpha;
    this.gemm = new Gemm(kernels, null);
    int d = arch.depth();
    z = new float[d][];
    h = new float[d][];
    hSquared = new float[d][];
    jacobianWeight = new float[d + 1][];
    gamma = new float[d][];
    beta = new float[d + 1][];
    rowInverse = new float[d][];
    colInverse = new float[d][];
    for (int L = 0; L < d; L++) {
      gamma[L] = new float[arch.width(L)];
      colInverse[L] = new float[arch.width(L)];
      rowInverse[L] = new float[arch.width(L + 1)];
    }
    for (int L = 1; L <= d; L++) beta[L] = new float[arch.width(L)];
    inputStatistic = new float[d][];
    preStatistic = new float[d][];
    for (int L = 0; L < d; L++) {
      inputStatistic[L] = new float[arch.width(L)];
      if (L >= 1) preStatistic[L] = new float[arch.width(L)];
    }
    int widest = Math.max(arch.maxWidth(), arch.inputs());
    meanColumn = new float[widest];
    q = new float[widest];
    row = new float[widest];
    sum = new double[widest];
    sumSquares = new double[widest];
    inverse = options.downstream() == DdpOptions.Downstream.EXACT ? new float[arch.parameters()] : null;
  }

  /** Runs the batch GEMMs on this GEMM (its pool, if any); results do not depend on its threads. */
  void useGemm(Gemm gemm) {
    this.gemm = gemm;
  }

  boolean factored() {
    return inverse == null || alpha == 1f;
  }

  /** Computes κ for parameters p on the mini-batch x [rows × inputs]. */
  void compute(float[] p, float[] x, int rows) {
    h[0] = x;
    if (dataWeight != 0f) {
      forward(p, rows);
      for (int L = 0; L < arch.depth(); L++) {
        BatchStatistics.columnMoments(h[L], rows, arch.width(L), sum, sumSquares);
        statistic(sum, sumSquares, rows, arch.width(L), inputStatistic[L]);
        if (L >= 1) {
          BatchStatistics.columnMoments(z[L], rows, arch.width(L), sum, sumSquares);
          statistic(sum, sumSquares, rows, arch.width(L), preStatistic[L]);
        }
      }
    }
    gammas(p);
    betas(p);
    if (factored()) {
      factors();
    } else {
      exact(p, rows);
    }
  }

  /**
   * Computes the factored κ (frozen downstream statistics) from the moments of the batch's shards,
   * added in shard order, instead of a forward pass of its own.
   */
  void computeFromMoments(float[] p, BatchMoments[] shards, int count) {
    if (!factored()) throw new IllegalStateException("the exact mode needs the batch itself");
    if (dataWeight != 0f) {
      int rows = 0;
      for (int s = 0; s < count; s++) rows += shards[s].rows();
      for (int L = 0; L < arch.depth(); L++) {
        int m = arch.width(L);
        java.util.Arrays.fill(sum, 0, m, 0);
        java.util.Arrays.fill(sumSquares, 0, m, 0);
        for (int s = 0; s < count; s++) accumulate(shards[s].inputSum(L), shards[s].inputSquares(L), m);
        statistic(sum, sumSquares, rows, m, inputStatistic[L]);
        if (L >= 1) {
          java.util.Arrays.fill(sum, 0, m, 0);
          java.util.Arrays.fill(sumSquares, 0, m, 0);
          for (int s = 0; s < count; s++) accumulate(shards[s].preActivationSum(L), shards[s].preActivationSquares(L), m);
          statistic(sum, sumSquares, rows, m, preStatistic[L]);
        }
      }
    }
    gammas(p);
    betas(p);
    factors();
  }

  private void accumulate(double[] s, double[] sq, int m) {
    for (int k = 0; k < m; k++) {
      sum[k] += s[k];
      sumSquares[k] += sq[k];
    }
  }

  /** z[L] = h[L−1]·W_{L−1}ᵀ + b, h[L] = max(z[L], 0) for the hidden layers. */
  private void forward(float[] p, int rows) {
    ensureCapacity(rows);
    for (int L = 1; L < arch.depth(); L++) {
      Dense.forward(gemm, p, arch.weightOffset(L - 1), arch.biasOffset(L - 1), arch.in(L - 1), arch.out(L - 1), h[L - 1], 0, rows,
          z[L], false);
      kernels.relu(z[L], 0, h[L], 0, rows * arch.width(L));
    }
  }

  private void gammas(float[] p) {
    float[] g0 = gamma[0];
    if (dataWeight == 0f) {
      Arrays.fill(g0, 1f);
    } else {
      for (int k = 0; k < g0.length; k++) g0[k] = alpha + dataWeight * inputStatistic[0][k];
    }
    for (int L = 1; L < arch.depth(); L++) {
      int in = arch.in(L - 1);
      int w = arch.weightOffset(L - 1);
      int b = arch.biasOffset(L - 1);
      for (int j = 0; j < arch.width(L); j++) {
        float bias = p[b + j];
        float path = SquaredSums.rowSum(kernels, p, w + j * in, gamma[L - 1], in) + bias * bias;
        gamma[L][j] = alpha * path + (dataWeight == 0f ? 0f : dataWeight * preStatistic[L][j]);
      }
    }
  }

  /** β_L[k] = α·Σ_j W_L²[j,k]·β_{L+1}[j], summed in the order of {@link PathKappa}'s γ_out² ({@link SquaredSums}). */
  private void betas(float[] p) {
    int d = arch.depth();
    Arrays.fill(beta[d], 1f);
    for (int L = d - 1; L >= 1; L--) {
      int in = arch.in(L);
      int w = arch.weightOffset(L);
      for (int j = 0; j < arch.out(L); j++) columnSums.addRow(alpha * beta[L + 1][j], p, w + j * in, j, in);
      columnSums.reduce(arch.out(L), in, beta[L], 0, in);
    }
  }

  private void factors() {
    for (int L = 0; L < arch.depth(); L++) {
      float[] col = colInverse[L];
      for (int k = 0; k < col.length; k++) {
        float rho = alpha * gamma[L][k] + (dataWeight == 0f ? 0f : dataWeight * inputStatistic[L][k]);
        col[k] = 1f / (rho + EPS);
      }
      float[] row = rowInverse[L];
      for (int j = 0; j < row.length; j++) row[j] = 1f / (beta[L + 1][j] + EPS);
    }
    float biasStatistic = options.statistic() == DdpOptions.Statistic.SECOND_MOMENT ? 1f : 0f;
    biasScale = 1f / (alpha + dataWeight * biasStatistic);
  }

  /** κ⁻¹ of every parameter by the exact (Gauss–Newton) second derivative. */
  private void exact(float[] p, int rows) {
    int d = arch.depth();
    boolean covariance = options.statistic() == DdpOptions.Statistic.COVARIANCE;
    float[] data = inverse;
    Arrays.fill(data, 0f);
    for (int L = 1; L <= d; L++) {
      float[] a = jacobianWeight[L];
      int m = arch.width(L);
      Arrays.fill(a, 0, rows * m, 0f);
      kernels.addRowVector(beta[L], 0, a, 0, rows, m, m);  // v′ = v: J = 1
    }
    for (int L = 0; L < d; L++) kernels.square(h[L], 0, hSquared[L], 0, rows * arch.width(L));
    for (int target = 2; target <= d; target++) propagate(p, rows, target, covariance);
    float invRows = 1f / rows;
    for (int L = 0; L < d; L++) {
      int out = arch.out(L);
      int in = arch.in(L);
      float[] a = jacobianWeight[L + 1];
      kernels.scale(invRows, a, 0, rows * out);
      // data(W_L) += (1/B)·A_{L+1}ᵀ·h_L²,  data(b_L) += (1/B)·Σ_n A_{L+1}(n, ·)
      gemm.atb(out, in, rows, a, 0, out, hSquared[L], 0, in, data, arch.weightOffset(L), in, true);
      kernels.addColumnSums(a, 0, rows, out, out, data, arch.biasOffset(L));
      if (covariance) selfMeanCorrection(rows, L, data);
    }
    for (int L = 0; L < d; L++) {
      int in = arch.in(L);
      int w = arch.weightOffset(L);
      for (int j = 0; j < arch.out(L); j++) {
        float b = beta[L + 1][j];
        for (int k = 0; k < in; k++) data[w + j * in + k] = reciprocal(alpha * b * gamma[L][k] + dataWeight * data[w + j * in + k]);
        int bi = arch.biasOffset(L) + j;
        data[bi] = reciprocal(alpha * b + dataWeight * data[bi]);
      }
    }
  }

  private static float reciprocal(float kappa) {
    return 1f / (Math.max(kappa, 0f) + EPS);
  }

  /**
   * The terms of the nodes v′ of layer T = {@code target}. One level down, ∂z_v′/∂z_{T−1}(n, k) =
   * W[v′, k]·1[h_{T−1}(n, k) &gt; 0], so their sum over v′ has a closed form ({@link #firstLevel}). Further
   * down, for every v′ with β_v′ ≠ 0, in groups: Δ = ∂z_v′/∂z_L on each sample for L = T−2 … 1 by GEMMs,
   * adding β_v′·Δ² into A_L; with the covariance, subtracting β_v′·(Ê_n[Δ·h_{L−1}])² from data(W_{L−1})
   * and β_v′·(Ê_n Δ)² from data(b_{L−1}) (V̂ar = Ê[·²] − Ê[·]²).
   */
  private void propagate(float[] p, int rows, int target, boolean covariance) {
    firstLevel(p, rows, target, covariance);
    if (target <= 2) return;
    int nodes = arch.width(target);
    int group = groupSize(rows);
    float[] b = beta[target];
    for (int first = 0; first < nodes; ) {
      int count = 0;
      while (first < nodes && count < group) {
        if (b[first] != 0f) picked[count++] = first;
        first++;
      }
      if (count == 0) continue;
      // Δ_{T−1}: row (g, n) = W_{T−1}[v′_g, ·] ∘ 1[z_{T−1}(n, ·) > 0]
      int m = arch.width(target - 1);
      int w = arch.weightOffset(target - 1);
      float[] delta = deltaA;
      for (int g = 0; g < count; g++) {
        for (int n = 0; n < rows; n++) System.arraycopy(p, w + picked[g] * m, delta, (g * rows + n) * m, m);
        kernels.reluBackward(h[target - 1], 0, delta, g * rows * m, rows * m);
      }
      float[] other = deltaB;
      for (int L = target - 1; L > 1; L--) {
        int below = arch.width(L - 1);
        gemm.ab(count * rows, below, arch.width(L), delta, 0, arch.width(L), p, arch.weightOffset(L - 1), below,
            other, 0, below, false);
        float[] t = delta;
        delta = other;
        other = t;
        for (int g = 0; g < count; g++) {
          int off = g * rows * below;
          kernels.reluBackward(h[L - 1], 0, delta, off, rows * below);
          kernels.axpySquared(b[picked[g]], delta, off, jacobianWeight[L - 1], 0, rows * below);
          if (covariance) meanCorrection(rows, L - 1, delta, off, b[picked[g]]);
        }
      }
    }
  }

  /**
   * Level T−1 for all v′ of layer T at once: with q[k] = Σ_v′ β_v′·W[v′, k]² and the mask
   * μ(n, k) = 1[h_{T−1}(n, k) &gt; 0], A_{T−1} += μ∘q; with the covariance, P = (1/B)·μᵀh_{T−2} gives
   * data(W_{T−2})[k, i] −= q[k]·P[k, i]² and data(b_{T−2})[k] −= q[k]·(Ê_n μ(n, k))².
   */
  private void firstLevel(float[] p, int rows, int target, boolean covariance) {
    int L = target - 1;
    int m = arch.width(L);
    int w = arch.weightOffset(L);
    float[] b = beta[target];
    Arrays.fill(q, 0, m, 0f);
    for (int j = 0; j < arch.width(target); j++) if (b[j] != 0f) kernels.axpySquared(b[j], p, w + j * m, q, 0, m);
    float[] mask = deltaA;
    for (int n = 0; n < rows; n++) {
      Arrays.fill(mask, n * m, (n + 1) * m, 1f);
      kernels.reluBackward(h[L], n * m, mask, n * m, m);
      System.arraycopy(q, 0, row, 0, m);
      kernels.mul(mask, n * m, row, 0, m);
      kernels.axpy(1f, row, 0, jacobianWeight[L], n * m, m);
    }
    if (!covariance) return;
    int below = arch.width(L - 1);
    gemm.atb(m, below, rows, mask, 0, m, h[L - 1], 0, below, meanProduct, 0, below, false);
    float invRowsSquared = 1f / ((float) rows * rows);
    Arrays.fill(meanColumn, 0, m, 0f);
    kernels.addColumnSums(mask, 0, rows, m, m, meanColumn, 0);
    for (int k = 0; k < m; k++) {
      float c = q[k] * invRowsSquared;
      kernels.axpySquared(-c, meanProduct, k * below, inverse, arch.weightOffset(L - 1) + k * below, below);
      inverse[arch.biasOffset(L - 1) + k] -= c * meanColumn[k] * meanColumn[k];
    }
  }

  /** data(W_{L−1}) −= c·(Ê_n[Δ(n,·)ᵀ h_{L−1}(n,·)])², data(b_{L−1}) −= c·(Ê_n Δ(n,·))² for one target node. */
  private void meanCorrection(int rows, int L, float[] delta, int off, float c) {
    int out = arch.width(L);
    int in = arch.width(L - 1);
    gemm.atb(out, in, rows, delta, off, out, h[L - 1], 0, in, meanProduct, 0, in, false);
    float scale = c / ((float) rows * rows);
    kernels.axpySquared(-scale, meanProduct, 0, inverse, arch.weightOffset(L - 1), out * in);
    Arrays.fill(meanColumn, 0, out, 0f);
    kernels.addColumnSums(delta, off, rows, out, out, meanColumn, 0);
    kernels.axpySquared(-scale, meanColumn, 0, inverse, arch.biasOffset(L - 1), out);
  }

  /** The v′ = v terms of the covariance: data(W_L)[j, ·] −= β_{L+1}[j]·(Ê h_L)², data(b_L)[j] −= β_{L+1}[j]. */
  private void selfMeanCorrection(int rows, int L, float[] data) {
    int in = arch.in(L);
    Arrays.fill(meanColumn, 0, in, 0f);
    kernels.addColumnSums(h[L], 0, rows, in, in, meanColumn, 0);
    kernels.scale(1f / rows, meanColumn, 0, in);
    for (int j = 0; j < arch.out(L); j++) {
      float c = beta[L + 1][j];
      kernels.axpySquared(-c, meanColumn, 0, data, arch.weightOffset(L) + j * in, in);
      data[arch.biasOffset(L) + j] -= c;
    }
  }

  /** out[k] = s(column k) from the column sums and sums of squares over {@code rows} samples. */
  private void statistic(double[] sum, double[] sumSquares, int rows, int cols, float[] out) {
    boolean covariance = options.statistic() == DdpOptions.Statistic.COVARIANCE;
    for (int k = 0; k < cols; k++) {
      double mean = sum[k] / rows;
      double second = sumSquares[k] / rows;
      out[k] = (float) (covariance ? Math.max(second - mean * mean, 0) : second);
    }
  }

  /** Target nodes propagated together: about {@value #GROUP_ROWS} rows of (node, sample) per GEMM. */
  private static int groupSize(int rows) {
    return Math.max(1, GROUP_ROWS / rows);
  }

  private void ensureCapacity(int rows) {
    if (rows <= capacity) return;
    int d = arch.depth();
    for (int L = 1; L < d; L++) {
      z[L] = new float[rows * arch.width(L)];
      h[L] = new float[rows * arch.width(L)];
    }
    if (inverse != null) {
      for (int L = 0; L < d; L++) hSquared[L] = new float[rows * arch.width(L)];
      for (int L = 1; L <= d; L++) jacobianWeight[L] = new float[rows * arch.width(L)];
      int widest = Math.max(arch.maxWidth(), arch.inputs());
      picked = new int[groupSize(1)];
      deltaA = new float[Math.max(GROUP_ROWS, rows) * widest];
      deltaB = new float[deltaA.length];
      if (options.statistic() == DdpOptions.Statistic.COVARIANCE) {
        int largest = 0;
        for (int L = 0; L < d; L++) largest = Math.max(largest, arch.in(L) * arch.out(L));
        meanProduct = new float[largest];
      }
    }
    capacity = rows;
  }
}
