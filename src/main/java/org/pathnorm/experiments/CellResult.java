package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;

/**
 * What one cell of a sweep produced: its settings and the per-epoch curves (train loss and error,
 * validation and test error; validation and test loss where the cell's verdicts need them, else empty), how it stopped, its wall time, and the scalar measures the cell asked for
 * ({@link CellRunner}): e.g. {@code capacity.l2}, {@code sharpness}, {@code pac_bayes.3.kl},
 * {@code trained.c1.median}. Stored as {@code result.json} in the
 * cell's directory; a cell with a result is done, and a resumed sweep skips it.
 */
public record CellResult(String id, Map<?, ?> settings, double[] trainLoss, double[] trainError, double[] validationError,
    double[] testError, String stopped, double seconds, Map<String, Double> values, double[] validationLoss, double[] testLoss) {

  /** A result without the validation and test loss curves (feedforward cells keep only the errors). */
  public CellResult(String id, Map<?, ?> settings, double[] trainLoss, double[] trainError, double[] validationError, double[] testError,
      String stopped, double seconds, Map<String, Double> values) {
    this(id, settings, trainLoss, trainError, validationError, testError, stopped, seconds, values, new double[0], new double[0]);
  }

  public static final String FILE = "result.json";

  public int epochs() {
    return trainLoss.length;
  }

  public boolean diverged() {
    return stopped.startsWith("diverged");
  }

  /** Test error at the epoch of least validation error (early stopping), or at the last epoch without validation. */
  public double earlyStoppingTestError() {
    int best = epochs() - 1;
    for (int e = 0; e < epochs(); e++) if (validationError[e] < validationError[best]) best = e;
    return testError[best];
  }

  /** A measured value, NaN if absent. */
  public double value(String key) {
    Double v = values.get(key);
    return v == null ? Double.NaN : v;
  }

  public double last(double[] curve) {
    return curve.length == 0 ? Double.NaN : curve[curve.length - 1];
  }

  void write(Path dir, CellSpec spec) throws IOException {
    JsonWriter w = new JsonWriter().beginObject(null).value("id", id).beginObject("settings");
    spec.write(w);
    w.endObject().value("stopped", stopped).value("seconds", seconds);
    array(w, "train_loss", trainLoss);
    array(w, "train_error", trainError);
    array(w, "validation_error", validationError);
    array(w, "test_error", testError);
    if (validationLoss.length > 0 || testLoss.length > 0) {
      array(w, "validation_loss", validationLoss);
      array(w, "test_loss", testLoss);
    }
    w.beginObject("values");
    for (Map.Entry<String, Double> e : values.entrySet()) w.value(e.getKey(), e.getValue() == null ? Double.NaN : e.getValue());
    w.endObject();
    AtomicFiles.writeString(dir.resolve(FILE), w.endObject() + "\n");
  }

  private static void array(JsonWriter w, String key, double[] v) {
    w.beginArray(key);
    for (double x : v) w.value(null, x);
    w.endArray();
  }

  static CellResult read(Path file) throws IOException {
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)) throw new DataFormatException(file + ": expected a JSON object");
    return new CellResult(string(file, m, "id"), (Map<?, ?>) m.get("settings"), doubles(file, m, "train_loss"),
        doubles(file, m, "train_error"), doubles(file, m, "validation_error"), doubles(file, m, "test_error"),
        string(file, m, "stopped"), ((Number) m.get("seconds")).doubleValue(), values(file, m),
        m.containsKey("validation_loss") ? doubles(file, m, "validation_loss") : new double[0],
        m.containsKey("test_loss") ? doubles(file, m, "test_loss") : new double[0]);
  }

  private static Map<String, Double> values(Path file, Map<?, ?> m) {
    if (!(m.get("values") instanceof Map<?, ?> c)) throw new DataFormatException(file + ": values: expected an object");
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : c.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue() instanceof Number n ? n.doubleValue() : Double.NaN);
    return out;
  }

  private static String string(Path file, Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof String s)) throw new DataFormatException(file + ": " + key + ": expected a string, found " + m.get(key));
    return s;
  }

  private static double[] doubles(Path file, Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof List<?> list)) throw new DataFormatException(file + ": " + key + ": expected an array, found " + m.get(key));
    double[] v = new double[list.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = list.get(i);
      v[i] = o instanceof Number n ? n.doubleValue() : Double.NaN;  // JSON has no NaN: JsonWriter writes null
    }
    return v;
  }
}
