package org.pathnorm.nn;

import java.util.Arrays;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * A dense layer's forward and backward pass over flat row-major arrays. W [out × in] at
 * {@code params[wOff]}, b [out] at {@code params[bOff]}; a mini-batch of inputs x [batch × in].
 */
public final class Dense {
  private Dense() {}

  /**
   * z [batch × out] = x [batch × in] · Wᵀ + b, then z ← max(z, 0) if {@code relu} (hidden layers):
   * one GEMM with the bias and ReLU fused into its epilogue.
   */
  public static void forward(Gemm gemm, float[] params, int wOff, int bOff, int in, int out,
      float[] x, int xOff, int batch, float[] z, boolean relu) {
    gemm.multiply(false, true, batch, out, in, x, xOff, in, params, wOff, in, z, 0, out, false, params, bOff, relu);
  }

  /**
   * Given dZ [batch × out] = ∂L/∂z:
   * dW [out × in] (+)= dZᵀ · x, db [out] (+)= Σ_s dZ[s, :], and, if {@code dX != null},
   * dX [batch × in] = dZ · W (the gradient with respect to the layer's input, before the previous
   * layer's ReLU mask). With {@code accumulate} false the gradient buffers are overwritten.
   */
  public static void backward(Gemm gemm, Kernels kernels, float[] params, int wOff, int in, int out,
      float[] x, int xOff, int batch, float[] dZ, float[] grad, int gwOff, int gbOff, boolean accumulate, float[] dX) {
    gemm.multiply(true, false, out, in, batch, dZ, 0, out, x, xOff, in, grad, gwOff, in, accumulate, null, 0, false);
    if (!accumulate) Arrays.fill(grad, gbOff, gbOff + out, 0f);
    kernels.addColumnSums(dZ, 0, batch, out, out, grad, gbOff);
    if (dX != null) {
      gemm.multiply(false, false, batch, in, out, dZ, 0, out, params, wOff, in, dX, 0, in, false, null, 0, false);
    }
  }
}
