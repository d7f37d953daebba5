package org.pathnorm.nn;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * A hidden layer that also records the column moments of its pre-activations and activations in
 * training passes (the {@link Workspace} records those of the network's inputs), for data-dependent
 * optimisers (DDP-SGD with frozen statistics, docs/algorithms.md §3.5). z is kept for its moments, so
 * the ReLU runs in place after the GEMM instead of in its epilogue.
 */
final class MomentStage implements HiddenStage {
  private final ReluStage plain;
  private final Architecture arch;
  private final int hidden;
  private final Kernels kernels;
  private final Gemm gemm;
  private final BatchMoments moments;

  MomentStage(Architecture arch, int hidden, Kernels kernels, Gemm gemm, BatchMoments moments) {
    this.plain = new ReluStage(arch, hidden, kernels, gemm);
    this.arch = arch;
    this.hidden = hidden;
    this.kernels = kernels;
    this.gemm = gemm;
    this.moments = moments;
  }

  @Override public void forward(Network net, float[] in, int inOff, int batch, float[] act, boolean training) {
    if (!training) {
      plain.forward(net, in, inOff, batch, act, false);
      return;
    }
    int layer = hidden - 1;
    int m = arch.out(layer);
    Dense.forward(gemm, net.parameters(), arch.weightOffset(layer), arch.biasOffset(layer), arch.in(layer), m, in, inOff, batch, act,
        false);
    BatchStatistics.columnMoments(act, batch, m, moments.preSum[hidden], moments.preSquares[hidden]);
    kernels.relu(act, 0, act, 0, batch * m);
    BatchStatistics.columnMoments(act, batch, m, moments.inputSum[hidden], moments.inputSquares[hidden]);
  }

  @Override public void backward(float[] act, float[] d, int batch) {
    plain.backward(act, d, batch);
  }
}
