package org.pathnorm.optim;

import java.util.Map;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.Kernels;

/**
 * Path-SGD's diagonal preconditioner κ (docs/algorithms.md §3.2; κ⁽¹⁾ of §3.4 for shared weights),
 * recomputed from the current weights, and the two ways the path-normalised methods use it.
 * {@link #forModel} picks the factored form for a plain {@link Network} (κ an outer product per
 * layer, never stored) and the general path-norm pass otherwise.
 */
interface PathPreconditioner {

  /** Recomputes κ from the model's current parameters. */
  void compute(Model model);

  /**
   * w ← w − η·g⊘κ over params[from, to), or with a velocity v ← μv − η·g⊘κ, w ← w + v.
   */
  void step(float[] params, float[] grad, float[] velocity, int from, int to, float lr, float momentum);

  /** g ← g ⊘ κ over grad[from, to) (the path-normalised gradient fed to an adaptive method). */
  void normalize(float[] grad, int from, int to);

  /** The arrays κ is kept in, by name (live), so that a resumed run with κ held over steps uses the same κ. */
  Map<String, float[]> state();

  /** The factored {@link PathKappa} for a plain {@link Network}, else {@link LayerKappa}. */
  static PathPreconditioner forModel(Model model, Kernels kernels) {
    if (model instanceof Network n && n.normalization() == null) return new PathKappa(n.architecture(), kernels);
    return new LayerKappa(model, kernels);
  }
}
