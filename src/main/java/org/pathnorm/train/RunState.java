package org.pathnorm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;

/**
 * {@code state.json}: the counters of a committed epoch. Reading checks every field's type and range
 * and names the file, the field, the range and the value found.
 *
 * @param epochsDone           epochs finished
 * @param step                 optimisation steps taken
 * @param optimizerSteps       the optimiser's own step count (Adam's bias correction)
 * @param bestValidationError  best validation error so far (+∞ if none)
 * @param bestEpoch            its epoch, 0-based, or −1
 * @param stoppedAfter         epochs done when the run stopped early (stop loss, patience), or −1
 * @param divergenceReference  the divergence guard's reference loss (NaN if none yet)
 * @param divergenceStrikes    consecutive epochs above the guard's threshold
 */
record RunState(int epochsDone, long step, long optimizerSteps, double bestValidationError, int bestEpoch, int stoppedAfter,
    double divergenceReference, int divergenceStrikes) {

  static String json(int epochsDone, long step, Trainer t, int stoppedAfter, DivergenceGuard guard) {
    return new JsonWriter().beginObject(null)
        .value("epochs_done", epochsDone)
        .value("step", step)
        .value("optimizer", t.optimizer().name())
        .value("optimizer_steps", t.optimizer().steps())
        .value("best_validation_error", t.bestValidationError())
        .value("best_epoch", t.bestEpoch())
        .value("stopped_after", stoppedAfter)
        .value("divergence_reference", guard == null ? Double.NaN : guard.reference())
        .value("divergence_strikes", guard == null ? 0 : guard.strikes())
        .endObject().toString() + "\n";
  }

  /** Reads and range-checks {@code file}, committed at {@code epoch} by a run of {@code optimizer}. */
  static RunState read(Path file, int epoch, String optimizer) throws IOException {
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)) throw new DataFormatException(file + ": expected a JSON object");
    if (!optimizer.equals(m.get("optimizer"))) {
      throw new DataFormatException(file + ": optimizer: expected " + optimizer + " (as in this run's settings), found " + m.get("optimizer"));
    }
    int epochs = (int) integer(file, m, "epochs_done", epoch, epoch);
    long step = integer(file, m, "step", epochs, Long.MAX_VALUE);
    long optSteps = integer(file, m, "optimizer_steps", 0, step);
    int bestEpoch = (int) integer(file, m, "best_epoch", -1, epochs - 1L);
    Object be = m.get("best_validation_error");
    double bestErr;
    if (be == null) {
      bestErr = Double.POSITIVE_INFINITY;
    } else if (be instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
      bestErr = n.doubleValue();
    } else {
      throw new DataFormatException(file + ": best_validation_error: expected null or a number in [0, 1], found " + be);
    }
    if ((bestEpoch < 0) != (be == null)) {
      throw new DataFormatException(file + ": best_epoch: expected -1 exactly when best_validation_error is null, found " + bestEpoch);
    }
    int stopped = (int) integer(file, m, "stopped_after", -1, epochs);
    Object ref = m.get("divergence_reference");
    double reference;
    if (ref == null) {
      reference = Double.NaN;
    } else if (ref instanceof Number n && n.doubleValue() >= 0) {
      reference = n.doubleValue();
    } else {
      throw new DataFormatException(file + ": divergence_reference: expected null or a finite number >= 0, found " + ref);
    }
    int strikes = (int) integer(file, m, "divergence_strikes", 0, epochs);
    return new RunState(epochs, step, optSteps, bestErr, bestEpoch, stopped, reference, strikes);
  }

  private static long integer(Path file, Map<?, ?> m, String key, long min, long max) {
    Object v = m.get(key);
    if (!(v instanceof Long n) || n < min || n > max) {
      throw new DataFormatException(file + ": " + key + ": expected an integer in " + min + ".." + max + ", found " + v);
    }
    return n;
  }
}
