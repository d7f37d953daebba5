package org.pathnorm.optim;

import org.pathnorm.nn.Architecture;
import org.pathnorm.simd.Kernels;

/**
 * Path-SGD's whole update of a feedforward network of depth d ≤ 3 (docs/algorithms.md §3.2),
 * w ← w − η·g⊘κ (or its momentum form), that also computes the next step's γ_in² and γ_out²: each
 * row's new weights are squared and added to the next γ² in {@link PathKappa#layer}'s order while they
 * are still in registers ({@link Kernels#pathSgdRowsSquared}, four rows at a time), so κ costs no pass
 * of its own over the weights. Layers go in the order 0, d−1, then the middle one, so every γ² a row
 * needs is complete when the row is reached; a layer's biases go first (a row's γ_in² adds its new b_j²).
 *
 * <p>On the kappa's pool each layer's rows are handed out to the threads in pieces as in
 * {@link PathKappa#layer}: the same operations in the same order as on one thread, and as
 * {@link PathKappa#compute} from the new weights, so the result is bit-identical.
 *
 * <pre>
 *   params, grad, velocity: the model's flat layout (Architecture offsets); velocity may be null
 *   layer l: W_l [out_l × in_l] row-major, b_l [out_l]
 * </pre>
 */
final class FusedPathUpdate implements PathKappa.RowUpdate {
  private final Kernels kernels;
  private final PathKappa kappa;
  private final Architecture arch;
  // the step being applied (set by apply, read by apply(l, j) on every thread of the pass)
  private float[] params;
  private float[] grad;
  private float[] velocity;
  private float lr;
  private float momentum;

  FusedPathUpdate(Kernels kernels, PathKappa kappa) {
    this.kernels = kernels;
    this.kappa = kappa;
    this.arch = kappa.architecture();
  }

  /** Applies the step to every parameter and leaves the next step's γ² in the kappa's next buffers. */
  void apply(float[] params, float[] grad, float[] velocity, float lr, float momentum) {
    this.params = params;
    this.grad = grad;
    this.velocity = velocity;
    this.lr = lr;
    this.momentum = momentum;
    kappa.beginNext();
    int d = arch.depth();
    for (int i = 0; i < d; i++) {
      int l = kappa.fusedLayer(i);
      kernels.pathSgdStep(params, grad, velocity, arch.biasOffset(l), arch.out(l), lr, momentum, 1f, kappa.goutInverse[l], 0);
      kappa.layer(params, l, l <= d - 2, l >= 1, kappa.ginNext, kappa.goutNext, this);
    }
    this.params = this.grad = this.velocity = null;
  }

  /**
   * w ← w − η·g·κ⁻¹ on rows j … j + count − 1 of layer l, κ⁻¹ = (1/γ_out²_j)·(1/γ_in²), with the rows'
   * γ² shares taken from the new weights in the same read.
   */
  @Override public void apply(int l, int j, int count, float[] a, float[] y, int yOff, float[] x, float[] sums,
      float[] scratch) {
    int in = arch.in(l);
    SquaredSums.updateRows(kernels, params, grad, velocity, arch.weightOffset(l) + j * in, count, in, lr, momentum,
        kappa.goutInverse[l], a, j, kappa.ginInverse[l], y, yOff, x, sums, scratch);
  }
}
