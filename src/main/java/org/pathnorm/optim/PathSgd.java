package org.pathnorm.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * Path-SGD (Neyshabur et al., NIPS'15; docs/algorithms.md §3.2): the diagonal steepest-descent step in the path
 * geometry, w_e ← w_e − η·(∂L/∂w_e)/κ_e, for every weight and bias, with κ recomputed from the
 * current weights (never accumulated) every {@code every} steps: in factored form ({@link PathKappa})
 * for a plain feedforward network, by the path-norm pass over the layers otherwise (RNN-Path's κ⁽¹⁾
 * for a recurrent model, docs/algorithms.md §3.4). Optional
 * heavy-ball momentum on the path-normalised gradient, v ← μv − η·g⊘κ, w ← w + v, keeps the method
 * invariant to node rescaling. κ's outer product is applied row by row inside the fused update.
 *
 * <p>For a feedforward network, when one call updates all parameters (one thread) and d ≤ 3, the update also computes the
 * γ² of the next step from each row it has just written, while the row is in L1, so κ costs no
 * extra pass over the weights; the result is bit-identical to recomputing κ from the new weights.
 * Call {@link #invalidateKappa()} after changing the parameters outside the optimiser.
 */
final class PathSgd extends MomentumOptimizer {
  private final Kernels kernels;
  private final PathPreconditioner kappa;
  /** The factored κ when the model is a plain feedforward network (the fused update needs it), else null. */
  private final PathKappa factored;
  private final int every;
  /** The last update computed the next step's γ² for this parameter array. */
  private float[] fusedFor;

  /**
   * @param every recompute κ every this many steps (1: every step, as in the paper)
   */
  PathSgd(Kernels kernels, Model model, float lr, float momentum, boolean useMomentum, int every) {
    super(model.parameterCount(), lr, momentum, useMomentum);
    if (every < 1) throw new IllegalArgumentException("κ must be recomputed every >= 1 steps, got " + every);
    this.kernels = kernels;
    this.kappa = PathPreconditioner.forModel(model, kernels);
    this.factored = kappa instanceof PathKappa k ? k : null;
    this.every = every;
  }

  @Override public String name() {
    return "path-sgd";
  }

  /** The factored preconditioner of the current step (a plain feedforward network), or null. */
  public PathKappa kappa() {
    return factored;
  }

  /** κ of a plain feedforward network is computed on {@code pool} (same values). */
  @Override public void useThreads(java.util.concurrent.ForkJoinPool pool) {
    if (factored != null) factored.useThreads(pool);
  }

  @Override public void checkModel(Model model) {
    PathMethods.check(name(), model);
  }

  @Override public void beginStep(Model net) {
    if (steps % every == 0) {
      if (fusedFor == net.parameters()) factored.swapNext();
      else kappa.compute(net);
    }
    fusedFor = null;
    steps++;
  }

  /** Forgets the γ² prepared by the last fused update: the next step recomputes κ from the weights. */
  public void invalidateKappa() {
    fusedFor = null;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    if (factored != null && from == 0 && to == params.length && factored.canFuse() && steps % every == 0) {
      updateFused(params, grad);
      return;
    }
    kappa.step(params, grad, velocity, from, to, lr, momentum);
  }

  /** The whole update, layer by layer in the order that lets each row feed the next step's γ². */
  private void updateFused(float[] params, float[] grad) {
    PathKappa kappa = factored;
    Architecture arch = kappa.architecture();
    kappa.beginNext();
    for (int i = 0; i < arch.depth(); i++) {
      int l = kappa.fusedLayer(i);
      int in = arch.in(l);
      int w = arch.weightOffset(l);
      int b = arch.biasOffset(l);
      kernels.pathSgdStep(params, grad, velocity, b, arch.out(l), lr, momentum, 1f, kappa.goutInverse[l], 0);
      for (int r = 0; r < arch.out(l); r++) {
        kernels.pathSgdStep(params, grad, velocity, w + r * in, in, lr, momentum, kappa.goutInverse[l][r], kappa.ginInverse[l], 0);
        kappa.afterRow(params, l, r);
      }
    }
    fusedFor = params;
  }

  /** The velocity, and γ_in²/γ_out² (so that a resumed run with every &gt; 1 uses the same κ). */
  @Override public Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    if (velocity != null) m.put("velocity", velocity);
    m.putAll(kappa.state());
    return m;
  }
}
