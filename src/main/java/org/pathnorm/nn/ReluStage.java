package org.pathnorm.nn;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/** The plain hidden layer: z = xWᵀ + b and the ReLU fused into one GEMM (docs/algorithms.md §1.1). */
final class ReluStage implements HiddenStage {
  private final Architecture arch;
  private final int layer;
  private final Kernels kernels;
  private final Gemm gemm;

  /** @param hidden the hidden layer h (1 … d−1), the output of weight layer h − 1 */
  ReluStage(Architecture arch, int hidden, Kernels kernels, Gemm gemm) {
    this.arch = arch;
    this.layer = hidden - 1;
    this.kernels = kernels;
    this.gemm = gemm;
  }

  @Override public void forward(Network net, float[] in, int inOff, int batch, float[] act, boolean training) {
    Dense.forward(gemm, net.parameters(), arch.weightOffset(layer), arch.biasOffset(layer), arch.in(layer), arch.out(layer), in, inOff,
        batch, act, true);
  }

  @Override public void backward(float[] act, float[] d, int batch) {
    kernels.reluBackward(act, 0, d, 0, batch * arch.out(layer));
  }
}
