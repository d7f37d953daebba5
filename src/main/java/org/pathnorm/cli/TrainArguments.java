package org.pathnorm.cli;

import java.util.Locale;
import org.pathnorm.nn.Architecture;

/**
 * Range checks of {@code pathnorm train}'s numeric options, run before anything is read or written.
 * Each failure is one line naming the option, the value and what was expected.
 */
final class TrainArguments {
  private TrainArguments() {}

  static void check(double lr, Double momentum, double weightDecay, int batch, int epochs, int threads, double stepFactor,
      int stepEvery, int kappaEvery) {
    if (!(lr > 0) || Double.isInfinite(lr)) fail("--lr", lr, "a finite number > 0");
    if (momentum != null && !(momentum >= 0 && momentum < 1)) fail("--momentum", momentum, "a number in [0, 1)");
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) fail("--weight-decay", weightDecay, "a finite number >= 0");
    if (batch < 1) fail("--batch", batch, "an integer >= 1");
    if (epochs < 0) fail("--epochs", epochs, "an integer >= 0");
    if (threads < 1) fail("--threads", threads, "an integer >= 1");
    if (!(stepFactor > 0) || Double.isInfinite(stepFactor)) fail("--step-factor", stepFactor, "a finite number > 0");
    if (stepEvery < 1) fail("--step-every", stepEvery, "an integer >= 1");
    if (kappaEvery < 1) fail("--kappa-every", kappaEvery, "an integer >= 1");
  }

  /** A mini-batch cannot be larger than the training set. */
  static void checkBatch(int batch, int trainSize, String data) {
    if (batch > trainSize) fail("--batch", batch, "1.." + trainSize + " (the training samples of --data " + data + ")");
  }

  /**
   * Refuses a network the JVM's heap cannot hold, before allocating it: parameters, gradient and up
   * to three optimiser buffers, the best and init copies, and the activations of a mini-batch and of
   * an evaluation chunk, in floats.
   */
  static void checkMemory(Architecture a, int batch) {
    long widths = 0;
    for (int l = 0; l <= a.depth(); l++) widths += a.width(l);
    double bytes = 4.0 * (8.0 * a.parameters() + 3.0 * ((double) batch + Math.max(batch, 256)) * widths);
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > 0.9 * max) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--arch %s --batch %d: needs about %.1f GiB of memory but the JVM may use %.1f GiB; give it more with "
              + "PATHNORM_JAVA_OPTS=-Xmx%dg or choose a smaller --arch or --batch",
          a, batch, bytes / (1L << 30), max / (double) (1L << 30), (long) Math.ceil(1.3 * bytes / (1L << 30)) + 1));
    }
  }

  private static void fail(String option, Object value, String expected) {
    throw new IllegalArgumentException(option + ": expected " + expected + ", got " + value);
  }
}
