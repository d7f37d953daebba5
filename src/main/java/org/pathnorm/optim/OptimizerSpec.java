package org.pathnorm.optim;

import org.pathnorm.nn.Model;
import org.pathnorm.simd.Kernels;

/**
 * What an optimiser is, apart from its step size and momentum (which the {@link Schedule} sets every
 * epoch): the method and its method-specific settings. Build with {@link #of} and the {@code with…}
 * methods; the defaults are no weight decay, κ every step and {@link DdpOptions#defaults()}.
 *
 * @param method      the method
 * @param weightDecay L2 weight decay λ ≥ 0 (SGD only): the step uses ∂L/∂w + λw
 * @param kappaEvery  Path-SGD recomputes κ every this many steps (1: every step, as in the paper)
 * @param ddp         α, statistic and downstream mode of DDP-SGD
 */
public record OptimizerSpec(Method method, double weightDecay, int kappaEvery, DdpOptions ddp) {

  public OptimizerSpec {
    if (method == null || ddp == null) throw new IllegalArgumentException("an optimiser needs a method and DDP options");
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("--weight-decay must be finite and >= 0, got " + weightDecay);
    }
    if (weightDecay != 0 && method != Method.SGD) {
      throw new IllegalArgumentException("--weight-decay is supported by sgd only, not " + method.label());
    }
    if (kappaEvery < 1) throw new IllegalArgumentException("--kappa-every must be >= 1, got " + kappaEvery);
    if (kappaEvery != 1 && method != Method.PATH_SGD) {
      throw new IllegalArgumentException("--kappa-every applies to path-sgd only, not " + method.label());
    }
  }

  /** The method with the default settings. */
  public static OptimizerSpec of(Method method) {
    return new OptimizerSpec(method, 0, 1, DdpOptions.defaults());
  }

  public OptimizerSpec withWeightDecay(double lambda) {
    return new OptimizerSpec(method, lambda, kappaEvery, ddp);
  }

  public OptimizerSpec withKappaEvery(int steps) {
    return new OptimizerSpec(method, weightDecay, steps, ddp);
  }

  public OptimizerSpec withDdp(DdpOptions options) {
    return new OptimizerSpec(method, weightDecay, kappaEvery, options);
  }

  /**
   * The optimiser for {@code model}, starting at the schedule's epoch-0 step size and momentum, with
   * a velocity buffer exactly when the schedule ever asks for momentum.
   *
   * @throws IllegalArgumentException if the method is not defined on the model
   */
  public Optimizer create(Model model, Schedule schedule, Kernels kernels) {
    float lr = (float) schedule.learningRate(0);
    float momentum = (float) schedule.momentum(0);
    boolean velocity = schedule.hasMomentum();
    int n = model.parameterCount();
    Optimizer o = switch (method) {
      case SGD -> new Sgd(kernels, n, lr, momentum, (float) weightDecay, velocity);
      case ADAGRAD -> new AdaGrad(kernels, n, lr, 1e-10f);
      case ADAM -> new Adam(kernels, n, lr, 0.9f, 0.999f, 1e-8f);
      case RMSPROP -> new RmsProp(n, lr, RmsProp.ALPHA, RmsProp.EPS);
      case PATH_SGD -> new PathSgd(kernels, model, lr, momentum, velocity, kappaEvery);
      case PATH_ADAGRAD -> new PathNormalized(kernels, model, new AdaGrad(kernels, n, lr, 1e-10f));
      case PATH_ADAM -> new PathNormalized(kernels, model, new Adam(kernels, n, lr, 0.9f, 0.999f, 1e-8f));
      case PATH_RMSPROP -> new PathNormalized(kernels, model, new RmsProp(n, lr, RmsProp.ALPHA, RmsProp.EPS));
      case DDP_SGD -> {
        if (!(model instanceof org.pathnorm.nn.Network net)) {
          throw new IllegalArgumentException("--optimizer ddp-sgd trains feedforward networks, not " + model.describe());
        }
        yield new DdpSgd(kernels, net.architecture(), ddp, lr, momentum, velocity);
      }
    };
    o.checkModel(model);
    return o;
  }
}
