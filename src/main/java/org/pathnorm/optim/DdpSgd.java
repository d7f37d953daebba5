package org.pathnorm.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.BatchMoments;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.Kernels;

/**
 * DDP-SGD (Neyshabur et al., ICLR'16; docs/algorithms.md §3.5, a reconstruction): the diagonal steepest-descent step
 * in the data-dependent path geometry, w_e ← w_e − η·(∂L/∂w_e)/κ_e with κ_e = ½·∂²γ_net²/∂w_e² of
 * {@link DdpKappa}, recomputed from the current weights and the step's mini-batch, with optional
 * heavy-ball momentum on the normalised gradient. Invariant to node rescaling for every α; α = 1 is
 * Path-SGD step for step (bit-identical). The choices the papers leave open are {@link DdpOptions}.
 */
final class DdpSgd extends MomentumOptimizer implements DataDependent {
  private final Kernels kernels;
  private final Architecture arch;
  private final DdpOptions options;
  private final DdpKappa kappa;
  private float[] batch;
  private int rows;
  private BatchMoments[] moments;
  private int shards;

  DdpSgd(Kernels kernels, Architecture arch, DdpOptions options, float lr, float momentum, boolean useMomentum) {
    super(arch.parameters(), lr, momentum, useMomentum);
    options.checkForDdpSgd();
    this.kernels = kernels;
    this.arch = arch;
    this.options = options;
    this.kappa = new DdpKappa(arch, kernels, options);
  }

  @Override public String name() {
    return "ddp-sgd";
  }

  public DdpOptions options() {
    return options;
  }

  /** DDP-SGD is defined on feedforward networks (docs/algorithms.md §3.5) without normalisation. */
  @Override public void checkModel(Model model) {
    PathMethods.check(name(), model);
    if (!(model instanceof Network n) || !n.architecture().equals(arch)) {
      throw new IllegalArgumentException("--optimizer ddp-sgd trains feedforward networks of architecture " + arch + ", not "
          + model.describe());
    }
  }

  @Override public void observe(Model net, float[] x, int rows) {
    if (rows < 1 || (long) rows * arch.inputs() > x.length) {
      throw new IllegalArgumentException("ddp-sgd: a batch of " + rows + " rows of " + arch.inputs() + " inputs does not fit in "
          + x.length + " values");
    }
    this.batch = x;
    this.rows = rows;
  }

  /** The frozen mode needs only per-node moments: the trainer's forward pass provides them. */
  @Override public boolean usesMoments() {
    return options.downstream() == DdpOptions.Downstream.FROZEN;
  }

  @Override public void observeMoments(Model net, BatchMoments[] shardMoments, int count) {
    if (!usesMoments()) throw new IllegalStateException("ddp-sgd --ddp-downstream exact needs the batch itself (observe)");
    this.moments = shardMoments;
    this.shards = count;
  }

  @Override public void useGemm(Gemm gemm) {
    kappa.useGemm(gemm);
  }

  @Override public void beginStep(Model net) {
    if (moments != null) {
      kappa.computeFromMoments(net.parameters(), moments, shards);
      moments = null;
      steps++;
      return;
    }
    if (batch == null) {
      throw new IllegalStateException("ddp-sgd needs the step's mini-batch: call observe(net, x, rows) before beginStep"
          + " (the Trainer does)");
    }
    kappa.compute(net.parameters(), batch, rows);
    batch = null;
    steps++;
  }

  /** κ⁻¹ of one parameter (index into the flat parameter array) for the current step. */
  public float inverseKappa(int index) {
    if (!kappa.factored()) return kappa.inverse[index];
    for (int l = 0; l < arch.depth(); l++) {
      int w = arch.weightOffset(l);
      int b = arch.biasOffset(l);
      if (index >= b && index < b + arch.out(l)) return kappa.biasScale * kappa.rowInverse[l][index - b];
      if (index >= w && index < b) {
        int r = (index - w) / arch.in(l);
        return kappa.rowInverse[l][r] * kappa.colInverse[l][index - w - r * arch.in(l)];
      }
    }
    throw new IndexOutOfBoundsException(index);
  }

  @Override public void update(float[] params, float[] grad, int from, int to) {
    if (kappa.factored()) {
      FactoredStep.apply(kernels, arch, params, grad, velocity, from, to, lr, momentum, kappa.rowInverse, kappa.colInverse,
          kappa.biasScale);
    } else {
      kernels.pathSgdStep(params, grad, velocity, from, to - from, lr, momentum, 1f, kappa.inverse, from);
    }
  }

  @Override public Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    if (velocity != null) m.put("velocity", velocity);
    return m;
  }
}
