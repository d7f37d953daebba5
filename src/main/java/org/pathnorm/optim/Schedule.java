package org.pathnorm.optim;

/**
 * Step size and momentum per epoch (epoch 0 = the first). Every schedule is a pure function of the
 * epoch, so a resumed run follows the same schedule.
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.Thesis, Schedule.Step {

  double learningRate(int epoch);

  double momentum(int epoch);

  /** Whether any epoch has a non-zero momentum (the optimiser then keeps a velocity). */
  boolean hasMomentum();

  /** A short description for config.json, e.g. {@code constant(lr=0.1, momentum=0.9)}. */
  String describe();

  /** η and μ fixed. */
  record Constant(double lr, double momentum) implements Schedule {
    public Constant {
      Check.learningRate(lr);
      Check.momentum(momentum);
    }

    @Override public double learningRate(int epoch) {
      return lr;
    }

    @Override public double momentum(int epoch) {
      return momentum;
    }

    @Override public boolean hasMomentum() {
      return momentum != 0;
    }

    @Override public String describe() {
      return "constant(lr=" + lr + ", momentum=" + momentum + ")";
    }
  }

  /**
   * The schedule of the thesis' hidden-unit sweep (docs/algorithms.md §3.1): η_t = η₀·0.99^t and
   * μ_t = min(0.9, μ₀ + 0.02·t); with η₀ = 0.1, μ₀ = 0.5 momentum reaches 0.9 at t = 20.
   */
  record Thesis(double lr0, double momentum0) implements Schedule {
    public Thesis {
      Check.learningRate(lr0);
      Check.momentum(momentum0);
    }

    @Override public double learningRate(int epoch) {
      return lr0 * Math.pow(0.99, epoch);
    }

    @Override public double momentum(int epoch) {
      return Math.min(0.9, momentum0 + 0.02 * epoch);
    }

    /** Momentum grows every epoch. */
    @Override public boolean hasMomentum() {
      return true;
    }

    @Override public String describe() {
      return "thesis(lr0=" + lr0 + ", momentum0=" + momentum0 + ", lr x0.99/epoch, momentum +0.02/epoch <= 0.9)";
    }
  }

  /** η_t = η₀·factor^⌊t/every⌋, constant momentum. */
  record Step(double lr0, double momentum, double factor, int every) implements Schedule {
    public Step {
      Check.learningRate(lr0);
      Check.momentum(momentum);
      if (every < 1) throw new IllegalArgumentException("--step-every must be >= 1, got " + every);
      if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("--step-factor must be finite and > 0, got " + factor);
    }

    @Override public double learningRate(int epoch) {
      return lr0 * Math.pow(factor, epoch / every);
    }

    @Override public double momentum(int epoch) {
      return momentum;
    }

    @Override public boolean hasMomentum() {
      return momentum != 0;
    }

    @Override public String describe() {
      return "step(lr0=" + lr0 + ", x" + factor + " every " + every + " epochs, momentum=" + momentum + ")";
    }
  }

  /** η and μ fixed. */
  static Schedule constant(double lr, double momentum) {
    return new Constant(lr, momentum);
  }

  /** The thesis schedule from η₀ and μ₀. */
  static Schedule thesis(double lr0, double momentum0) {
    return new Thesis(lr0, momentum0);
  }

  /** η₀·factor^⌊t/every⌋ with constant momentum. */
  static Schedule step(double lr0, double momentum, double factor, int every) {
    return new Step(lr0, momentum, factor, every);
  }

  /** The checks every schedule applies to its values. */
  final class Check {
    private Check() {}

    static void learningRate(double lr) {
      if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("--lr must be finite and > 0, got " + lr);
    }

    static void momentum(double m) {
      if (!(m >= 0 && m < 1)) throw new IllegalArgumentException("--momentum must be in [0, 1), got " + m);
    }
  }
}
