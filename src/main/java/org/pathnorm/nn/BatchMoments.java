package org.pathnorm.nn;

/**
 * Per-node sums over one training pass's samples, kept by a {@link Workspace} on request: for every
 * weight layer L its inputs h_L (x for L = 0) and, for hidden layers, their pre-activations z_L, as
 * Σ_n v and Σ_n v² in double. Data-dependent optimisers (DDP-SGD, docs/algorithms.md §3.5) add the sums of a
 * mini-batch's shards in shard order, so they need no forward pass of their own.
 */
public final class BatchMoments {
  /** Sums of h_L and h_L² for L = 0 … d−1. */
  final double[][] inputSum;
  final double[][] inputSquares;
  /** Sums of z_L and z_L² for hidden node layers L = 1 … d−1 (index L). */
  final double[][] preSum;
  final double[][] preSquares;
  int rows;

  BatchMoments(Architecture a) {
    int d = a.depth();
    inputSum = new double[d][];
    inputSquares = new double[d][];
    preSum = new double[d][];
    preSquares = new double[d][];
    for (int L = 0; L < d; L++) {
      inputSum[L] = new double[a.width(L)];
      inputSquares[L] = new double[a.width(L)];
      if (L >= 1) {
        preSum[L] = new double[a.width(L)];
        preSquares[L] = new double[a.width(L)];
      }
    }
  }

  /** Samples in the last pass. */
  public int rows() {
    return rows;
  }

  /** Σ_n h_L and Σ_n h_L² (L = 0: the input), live. */
  public double[] inputSum(int layer) {
    return inputSum[layer];
  }

  public double[] inputSquares(int layer) {
    return inputSquares[layer];
  }

  /** Σ_n z_L and Σ_n z_L² of hidden node layer L (1 … d−1), live. */
  public double[] preActivationSum(int layer) {
    return preSum[layer];
  }

  public double[] preActivationSquares(int layer) {
    return preSquares[layer];
  }
}
