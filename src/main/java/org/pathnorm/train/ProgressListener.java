package org.pathnorm.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on the console: on a terminal, one line redrawn in place (epoch, step, loss, samples/s,
 * ETA) plus a summary line per epoch; when the output is piped, only the per-epoch lines.
 */
public final class ProgressListener implements TrainingListener {
  private final PrintStream out;
  private final boolean terminal;
  private long lastDraw;

  public ProgressListener(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Progress on standard output, redrawn in place only if it is a terminal. */
  public static ProgressListener console() {
    return new ProgressListener(System.out, System.console() != null);
  }

  // the step's loss and time only: the weights may stay in a working layout (TrainingListener#stepReadsModel)
  @Override public boolean stepReadsModel() {
    return false;
  }

  @Override public void onStep(Trainer t, int epoch, long step, double loss, int done, int size, double elapsed) {
    if (!terminal) return;
    long now = System.nanoTime();
    if (now - lastDraw < 200_000_000L && done < size) return;
    lastDraw = now;
    double rate = done / Math.max(elapsed, 1e-9);
    int epochs = t.config().epochs();
    double remaining = (size - done + (double) size * (epochs - epoch - 1)) / rate;
    out.printf(Locale.ROOT, "\repoch %d/%d  step %d  loss %.4f  %.0f samples/s  ETA %s   ", epoch + 1, epochs, step, loss,
        rate, duration(remaining));
    out.flush();
  }

  @Override public void onEpoch(Trainer t, EpochStats s) {
    if (terminal) out.print("\r\033[K");
    // under TrainingLoss.RUNNING the loss is the running mean of the batch losses and there is no error
    StringBuilder line = new StringBuilder(Double.isNaN(s.trainError())
        ? String.format(Locale.ROOT, "epoch %d/%d  lr %.4g  running train loss %.4f", s.epoch(), t.config().epochs(),
            s.learningRate(), s.trainLoss())
        : String.format(Locale.ROOT, "epoch %d/%d  lr %.4g  train loss %.4f err %.2f%%",
            s.epoch(), t.config().epochs(), s.learningRate(), s.trainLoss(), 100 * s.trainError()));
    if (!Double.isNaN(s.validationError())) {
      line.append(String.format(Locale.ROOT, "  val loss %.4f err %.2f%%", s.validationLoss(), 100 * s.validationError()));
    }
    if (!Double.isNaN(s.testError())) {
      line.append(String.format(Locale.ROOT, "  test loss %.4f err %.2f%%", s.testLoss(), 100 * s.testError()));
    }
    line.append(String.format(Locale.ROOT, "  %.1f s  %.0f samples/s", s.seconds(), s.samplesPerSecond()));
    out.println(line);
  }

  @Override public void onEnd(Trainer t, TrainingResult r) {
    out.println("stopped: " + r.stopReason() + (r.weightsFromEpoch() >= 0 ? "; weights from epoch " + (r.weightsFromEpoch() + 1) : ""));
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) return "?";
    long s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
