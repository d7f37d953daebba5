package org.pathnorm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;

/**
 * Refuses to resume a run with settings that change its result: the {@code config.json} this command
 * would write is compared, setting by setting, with the run's. Settings that do not change the
 * weights are exempt: the thread count (results do not depend on it), {@code --epochs} (raising it
 * extends a run) and the version, JDK and kernels lines (the run's record of where it started).
 */
public final class ResumeCheck {
  /** config.json keys that may differ on a resume. */
  static final Set<String> EXEMPT = Set.of("pathnorm_version", "jdk", "kernels", "threads", "epochs");
  /**
   * Settings recorded only by newer versions, with the value an older run (whose config.json lacks
   * them) behaved as: such a run resumes if the command asks for that value.
   */
  static final Map<String, Object> ADDED_LATER = Map.of("train_loss", "full", "hidden_state", "reset");

  private ResumeCheck() {}

  /**
   * Compares the run's {@code config.json} in {@code dir} with {@code configJson}.
   *
   * @throws IllegalArgumentException naming the first setting that differs and both values
   */
  public static void check(Path dir, String configJson) throws IOException {
    Path file = dir.resolve(Checkpoint.CONFIG);
    Map<String, Object> had = flatten(file, Files.readString(file));
    Map<String, Object> now = flatten(file, configJson);
    for (Map.Entry<String, Object> e : now.entrySet()) {
      if (EXEMPT.contains(e.getKey())) continue;
      Object old = had.containsKey(e.getKey()) ? had.get(e.getKey()) : ADDED_LATER.get(e.getKey());
      if (!(had.containsKey(e.getKey()) || ADDED_LATER.containsKey(e.getKey())) || !same(old, e.getValue())) {
        throw new IllegalArgumentException("--resume: setting " + e.getKey() + option(e.getKey()) + " is " + text(e.getValue())
            + " in this command but " + (had.containsKey(e.getKey()) ? text(old)
            : ADDED_LATER.containsKey(e.getKey()) ? text(old) + " (not recorded by the version that started the run)" : "absent") + " in " + file
            + "; resume with the run's settings or choose another --out");
      }
    }
    for (String k : had.keySet()) {
      if (!EXEMPT.contains(k) && !now.containsKey(k)) {
        throw new IllegalArgumentException("--resume: setting " + k + " is " + text(had.get(k)) + " in " + file
            + " but absent in this command; resume with the run's settings or choose another --out");
      }
    }
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    return a == null ? b == null : a.equals(b);
  }

  private static String text(Object v) {
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  /** The command-line option behind a config.json key, where there is one. */
  private static String option(String key) {
    String opt;
    if (key.equals("data.spec")) opt = "--data";
    else if (key.startsWith("data.options.")) opt = "--" + key.substring("data.options.".length()).replace('_', '-');
    else if (key.startsWith("data.")) opt = "--data";
    else if (key.equals("shard_size")) opt = "--shard";
    else if (key.startsWith("ddp.")) opt = "--" + (key.equals("ddp.alpha") ? "alpha" : key.replace('.', '-'));
    else if (key.equals("parameters")) opt = "--arch";
    else if (key.equals("schedule")) opt = "--schedule, --lr, --momentum";
    else if (key.equals("normalization")) opt = "--normalization";
    else opt = "--" + key.replace('_', '-');
    return " (" + opt + ")";
  }

  private static Map<String, Object> flatten(Path file, String json) {
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)) throw new DataFormatException(file + ": expected a JSON object");
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", m, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub) flatten(key + ".", sub, out);
      else out.put(key, e.getValue() instanceof List<?> l ? l.toString() : e.getValue());
    }
  }
}
