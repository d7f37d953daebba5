package org.pathnorm.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.linalg.RowSink;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.FusedWeightUpdate;
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
 * <p>For a feedforward network with d ≤ 3, when one call updates all parameters (one thread, or the
 * pool of {@link #useThreads}: {@link #updatesWhole}), the update also computes the γ² of the next
 * step from each row it writes, while the new weights are in registers, so κ costs no extra pass over
 * the weights ({@link FusedPathUpdate}); the result is bit-identical to recomputing κ from the new weights.
 * Call {@link #invalidateKappa()} after changing the parameters outside the optimiser.
 */
final class PathSgd extends MomentumOptimizer {
  private final PathPreconditioner kappa;
  /** The factored κ when the model is a plain feedforward network (the fused update needs it), else null. */
  private final PathKappa factored;
  /** The update that also computes the next step's γ² (d ≤ 3), else null. */
  private final FusedPathUpdate fused;
  private final int every;
  /** The last update computed the next step's γ² for this parameter array. */
  private float[] fusedFor;

  /**
   * @param every recompute κ every this many steps (1: every step, as in the paper)
   */
  PathSgd(Kernels kernels, Model model, float lr, float momentum, boolean useMomentum, int every) {
    super(model.parameterCount(), lr, momentum, useMomentum);
    if (every < 1) throw new IllegalArgumentException("κ must be recomputed every >= 1 steps, got " + every);
    this.kappa = PathPreconditioner.forModel(model, kernels);
    this.factored = kappa instanceof PathKappa k ? k : null;
    this.fused = factored != null && factored.canFuse() ? new FusedPathUpdate(kernels, factored) : null;
    this.every = every;
  }

  @Override public String name() {
    return "path-sgd";
  }

  /** The factored preconditioner of the current step (a plain feedforward network), or null. */
  public PathKappa kappa() {
    return factored;
  }

  /**
   * κ of a plain feedforward network, and the update that computes the next κ, run on {@code pool}
   * (same values).
   */
  @Override public void useThreads(java.util.concurrent.ForkJoinPool pool) {
    if (factored != null) factored.useThreads(pool);
  }

  /** The update that computes the next κ splits itself over the pool: it wants one call a step. */
  @Override public boolean updatesWhole() {
    return fused != null && factored.parallel() && steps % every == 0;
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

  /**
   * Path-SGD's whole step inside the backward pass of a feedforward network with d ≤ 3 and κ recomputed every
   * step ({@link FusedPathUpdate}): the weight matrices whose rows fit a GEMM worker's strip are updated inside
   * the GEMMs of their gradients, everything else from the gradient, in the fused update's layer order; the
   * same bits as {@link #update}. Null for other models or {@code every} &gt; 1.
   */
  @Override public FusedWeightUpdate fusedUpdate(Model model) {
    if (fused == null || every != 1) return null;
    FusedWeightUpdate.WholeUpdate whole = (grad, layers) -> {
      float[] params = model.parameters();
      fused.apply(params, grad, velocity, lr, momentum, layers);
      fusedFor = params;
    };
    Architecture arch = factored.architecture();
    return new FusedWeightUpdate() {
      @Override public RowSink forWeights(int weightOffset, int rows, int columns) {
        for (int l = 0; l < arch.depth(); l++) if (arch.weightOffset(l) == weightOffset) return fused.sink(l);
        throw new IllegalArgumentException("no weight matrix of " + arch + " starts at parameter " + weightOffset);
      }

      @Override public WholeUpdate wholeUpdate() {
        return whole;
      }
    };
  }

  /** Forgets the γ² prepared by the last fused update: the next step recomputes κ from the weights. */
  public void invalidateKappa() {
    fusedFor = null;
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    if (fused != null && from == 0 && to == params.length && steps % every == 0) {
      fused.apply(params, grad, velocity, lr, momentum);
      fusedFor = params;
      return;
    }
    kappa.step(params, grad, velocity, from, to, lr, momentum);
  }

  /** The velocity, and γ_in²/γ_out² (so that a resumed run with every &gt; 1 uses the same κ). */
  @Override public Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    if (velocity != null) m.put("velocity", velocity);
    m.putAll(kappa.state());
    return m;
  }
}
