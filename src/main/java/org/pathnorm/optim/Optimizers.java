package org.pathnorm.optim;

import java.util.Locale;
import org.pathnorm.nn.Architecture;
import org.pathnorm.simd.Kernels;

/** Builds optimisers by name, as the CLI and experiments name them. */
public final class Optimizers {
  private Optimizers() {}

  /** As {@link #create(String, Kernels, Architecture, float, float, float, boolean, DdpOptions)} with DDP's defaults. */
  public static Optimizer create(String name, Kernels kernels, Architecture arch, float lr, float momentum,
      float weightDecay, boolean needsVelocity) {
    return create(name, kernels, arch, lr, momentum, weightDecay, needsVelocity, DdpOptions.defaults());
  }

  /**
   * @param name          sgd, adagrad, adam, path-sgd (alias path-sgd-momentum), path-adagrad, path-adam or ddp-sgd
   * @param needsVelocity SGD, Path-SGD and DDP-SGD keep a velocity (the schedule may ask for momentum)
   * @param ddp           α, statistic and downstream mode of ddp-sgd (ignored by the others)
   */
  public static Optimizer create(String name, Kernels kernels, Architecture arch, float lr, float momentum,
      float weightDecay, boolean needsVelocity, DdpOptions ddp) {
    return create(name, kernels, arch, lr, momentum, weightDecay, needsVelocity, ddp, 1);
  }

  /** As above; Path-SGD recomputes κ every {@code kappaEvery} steps (1: every step, as in the paper). */
  public static Optimizer create(String name, Kernels kernels, Architecture arch, float lr, float momentum,
      float weightDecay, boolean needsVelocity, DdpOptions ddp, int kappaEvery) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (!n.equals("sgd") && weightDecay != 0) {
      throw new IllegalArgumentException("--weight-decay is supported by sgd only, not " + name);
    }
    if (kappaEvery != 1 && !n.equals("path-sgd") && !n.equals("path-sgd-momentum")) {
      throw new IllegalArgumentException("--kappa-every applies to path-sgd only, not " + name);
    }
    int parameters = arch.parameters();
    switch (n) {
      case "sgd": return new Sgd(kernels, parameters, lr, momentum, weightDecay, needsVelocity);
      case "adagrad": return new AdaGrad(kernels, parameters, lr, 1e-10f);
      case "adam": return new Adam(kernels, parameters, lr, 0.9f, 0.999f, 1e-8f);
      case "path-sgd": case "path-sgd-momentum": return new PathSgd(kernels, arch, lr, momentum, needsVelocity, kappaEvery);
      case "path-adagrad": return new PathNormalized(kernels, arch, new AdaGrad(kernels, parameters, lr, 1e-10f));
      case "path-adam": return new PathNormalized(kernels, arch, new Adam(kernels, parameters, lr, 0.9f, 0.999f, 1e-8f));
      case "ddp-sgd": return new DdpSgd(kernels, arch, ddp, lr, momentum, needsVelocity);
      default: throw new IllegalArgumentException("--optimizer: expected sgd, adagrad, adam, path-sgd, path-adagrad, path-adam or ddp-sgd, got '"
          + name + "'");
    }
  }
}
