package org.pathnorm.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.pathnorm.train.EpochStats;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingListener;

/**
 * Where the wall time of {@code pathnorm train} goes, on standard error, when the JVM runs with
 * {@code -Dpathnorm.phases=true} (e.g. {@code PATHNORM_JAVA_OPTS=-Dpathnorm.phases=true}): the JVM's
 * uptime when the command starts (JVM start and class loading), reading the data, building the model,
 * then per epoch the training steps, the evaluation and the listeners after it (checkpoint, metrics),
 * and the end-of-run measures. One line per phase, {@code phase NAME SECONDS}. Off by default; costs
 * nothing then.
 */
final class PhaseTimes {
  private static final boolean ON = Boolean.getBoolean("pathnorm.phases");
  private final PrintStream err = System.err;
  private long last = System.nanoTime();
  private long lastStep;

  private PhaseTimes() {
    err.printf(Locale.ROOT, "phase jvm-uptime-at-command %.3f%n", ManagementFactory.getRuntimeMXBean().getUptime() * 1e-3);
  }

  /** A timer if {@code -Dpathnorm.phases=true}, else null (nothing is measured). */
  static PhaseTimes startIfEnabled() {
    return ON ? new PhaseTimes() : null;
  }

  /** Ends the phase {@code name}: prints the seconds since the last phase ended. */
  void end(String name) {
    long now = System.nanoTime();
    err.printf(Locale.ROOT, "phase %s %.3f%n", name, (now - last) * 1e-9);
    last = now;
  }

  /** Added first: the training steps of an epoch end with its last step, its evaluation with onEpoch. */
  TrainingListener first() {
    return new TrainingListener() {
      @Override public void onStart(Trainer t) {
        end("before-first-step");
      }

      // the step's loss and time only: the weights may stay in a working layout (TrainingListener#stepReadsModel)
      @Override public boolean stepReadsModel() {
        return false;
      }

      @Override public void onStep(Trainer t, int epoch, long step, double loss, int done, int size, double elapsed) {
        if (done == size) {
          lastStep = System.nanoTime();
          err.printf(Locale.ROOT, "phase epoch-%d-train %.3f%n", epoch + 1, (lastStep - last) * 1e-9);
          last = lastStep;
        }
      }

      @Override public void onEpoch(Trainer t, EpochStats s) {
        end("epoch-" + s.epoch() + "-evaluate");
      }
    };
  }

  /** Added last: the other listeners' work after an epoch (checkpoint, metrics.csv, progress). */
  TrainingListener last() {
    return new TrainingListener() {
      @Override public void onEpoch(Trainer t, EpochStats s) {
        end("epoch-" + s.epoch() + "-listeners");
      }
    };
  }
}
