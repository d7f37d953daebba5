package org.pathnorm.measures;

import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.simd.Kernels;

/**
 * The training cross-entropy L̂ (docs/algorithms.md §2.5) of a model of a fixed structure on samples of one
 * dataset, and its gradient: what sharpness and PAC-Bayes evaluate thousands of times. Holds its
 * buffers (one mini-batch of gathered inputs, one workspace); not thread-safe.
 */
final class LossOracle {
  private final Dataset data;
  private final ModelWorkspace ws;
  private final float[] x;
  private final int[] y;
  private final int maxBatch;

  LossOracle(Model a, Dataset data, int maxBatch, Kernels kernels, Gemm gemm) {
    this.data = data;
    this.maxBatch = Math.max(1, maxBatch);
    this.ws = a.newWorkspace(this.maxBatch, kernels, gemm);
    this.x = new float[this.maxBatch * data.dimension()];
    this.y = new int[this.maxBatch];
  }

  /** Mean loss over all samples (chunks of the workspace size, in order). */
  double meanLoss(Model net) {
    int d = data.dimension(), c = net.outputSize();
    double total = 0;
    for (int first = 0; first < data.size(); first += maxBatch) {
      int rows = Math.min(maxBatch, data.size() - first);
      data.copyRows(first, rows, x, 0);
      float[] out = ws.forward(net, x, 0, rows);
      total += Loss.CROSS_ENTROPY.value(out, rows, c, data.labels(), first);
    }
    return total / data.size();
  }

  /** Mean loss over the samples idx[0 … n−1]; with {@code grad != null} also writes its gradient. */
  double meanLoss(Model net, int[] idx, int n, float[] grad) {
    int d = data.dimension();
    for (int s = 0; s < n; s++) {
      data.copyRows(idx[s], 1, x, s * d);
      y[s] = data.labels()[idx[s]];
    }
    if (grad == null) {
      float[] out = ws.forward(net, x, 0, n);
      return Loss.CROSS_ENTROPY.value(out, n, net.outputSize(), y, 0) / n;
    }
    return ws.forwardBackward(net, x, 0, y, 0, n, Loss.CROSS_ENTROPY, 1f / n, grad, false, null, 0, 0) / n;
  }

  int size() {
    return data.size();
  }
}
