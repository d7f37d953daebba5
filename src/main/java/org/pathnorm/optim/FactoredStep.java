package org.pathnorm.optim;

import org.pathnorm.nn.Architecture;
import org.pathnorm.simd.Kernels;

/**
 * The preconditioned step w ← w − η·g⊘κ (with optional heavy-ball velocity) over a parameter range,
 * for a κ that factorises per layer as an outer product, κ(W_l)[r, c] = row_l[r]·col_l[c] and
 * κ(b_l)[j] = row_l[j]·biasFactor, given the reciprocals. Path-SGD (docs/algorithms.md §3.2: row = γ_out²,
 * col = γ_in², biasFactor = 1) and DDP-SGD with frozen downstream statistics (docs/algorithms.md §3.5) have this
 * form; κ itself is never stored.
 */
final class FactoredStep {
  private FactoredStep() {}

  static void apply(Kernels kernels, Architecture arch, float[] params, float[] grad, float[] velocity, int from, int to,
      float lr, float momentum, float[][] rowInverse, float[][] colInverse, float biasScale) {
    for (int l = 0; l < arch.depth(); l++) {
      int in = arch.in(l);
      int wStart = arch.weightOffset(l);
      int bStart = arch.biasOffset(l);
      int bEnd = bStart + arch.out(l);
      for (int i = Math.max(from, wStart), end = Math.min(to, bStart); i < end; ) {
        int r = (i - wStart) / in;
        int c = (i - wStart) - r * in;
        int n = Math.min(in - c, end - i);
        kernels.pathSgdStep(params, grad, velocity, i, n, lr, momentum, rowInverse[l][r], colInverse[l], c);
        i += n;
      }
      int i = Math.max(from, bStart);
      int end = Math.min(to, bEnd);
      if (i < end) kernels.pathSgdStep(params, grad, velocity, i, end - i, lr, momentum, biasScale, rowInverse[l], i - bStart);
    }
  }
}
