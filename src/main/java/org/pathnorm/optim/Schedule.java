package org.pathnorm.optim;

/**
 * Step size and momentum per epoch (epoch 0 = the first). Implementations are pure functions of the
 * epoch, so a resumed run follows the same schedule.
 */
public interface Schedule {

  double learningRate(int epoch);

  double momentum(int epoch);

  /** A short description for config.json, e.g. {@code thesis(lr0=0.1, m0=0.5)}. */
  String describe();

  /**
   * The schedule of the thesis' hidden-unit sweep (docs/algorithms.md §3.1): μ_t = μ₀·0.99^t and
   * m_t = min(0.9, m₀ + 0.02·t); with μ₀ = 0.1, m₀ = 0.5 momentum reaches 0.9 at t = 20.
   */
  static Schedule thesis(double lr0, double momentum0) {
    return new Schedule() {
      @Override public double learningRate(int epoch) {
        return lr0 * Math.pow(0.99, epoch);
      }

      @Override public double momentum(int epoch) {
        return Math.min(0.9, momentum0 + 0.02 * epoch);
      }

      @Override public String describe() {
        return "thesis(lr0=" + lr0 + ", momentum0=" + momentum0 + ", lr x0.99/epoch, momentum +0.02/epoch <= 0.9)";
      }
    };
  }

  static Schedule constant(double lr, double momentum) {
    return new Schedule() {
      @Override public double learningRate(int epoch) {
        return lr;
      }

      @Override public double momentum(int epoch) {
        return momentum;
      }

      @Override public String describe() {
        return "constant(lr=" + lr + ", momentum=" + momentum + ")";
      }
    };
  }

  /** μ_t = μ₀·factor^⌊t/every⌋, constant momentum. */
  static Schedule step(double lr0, double momentum, double factor, int every) {
    if (every < 1) throw new IllegalArgumentException("step schedule: 'every' must be >= 1, got " + every);
    return new Schedule() {
      @Override public double learningRate(int epoch) {
        return lr0 * Math.pow(factor, epoch / every);
      }

      @Override public double momentum(int epoch) {
        return momentum;
      }

      @Override public String describe() {
        return "step(lr0=" + lr0 + ", x" + factor + " every " + every + " epochs, momentum=" + momentum + ")";
      }
    };
  }
}
