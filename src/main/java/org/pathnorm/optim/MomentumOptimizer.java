package org.pathnorm.optim;

/**
 * What SGD and Path-SGD share: a step size, an optional heavy-ball velocity with its coefficient μ,
 * and the step count. Subclasses define the update.
 */
abstract class MomentumOptimizer implements Optimizer {
  /** The velocity v (null when created without momentum). */
  final float[] velocity;
  float lr;
  float momentum;
  long steps;

  MomentumOptimizer(int parameters, float lr, float momentum, boolean useMomentum) {
    this.velocity = useMomentum ? new float[parameters] : null;
    this.lr = lr;
    this.momentum = momentum;
  }

  @Override public float learningRate() {
    return lr;
  }

  @Override public void setLearningRate(float lr) {
    this.lr = lr;
  }

  @Override public float momentum() {
    return momentum;
  }

  @Override public void setMomentum(float momentum) {
    if (velocity == null && momentum != 0) {
      throw new IllegalStateException("this " + name() + " optimiser was created without momentum");
    }
    this.momentum = momentum;
  }

  @Override public long steps() {
    return steps;
  }

  @Override public void setSteps(long steps) {
    this.steps = steps;
  }
}
