package org.pathnorm.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The dataset spec string of the CLI: {@code digits} (the embedded UCI digits) or
 * {@code synthetic[:n=2000,d=20,c=10,seed=1]} (Gaussian clusters). The readers of the datasets issue
 * (IDX, CIFAR, SVHN, CSV) extend this.
 *
 * <p>Splits are fixed by the data, not by the run's seed: the samples are shuffled with seed 0, the
 * last 20% form the test set, and the last {@code validation} samples of the rest the validation set.
 */
public final class DatasetSpec {
  private DatasetSpec() {}

  /** Train, validation (null if none requested) and test sets. */
  public record Splits(Dataset train, Dataset validation, Dataset test) {}

  public static Splits load(String spec, int validation) {
    if (validation < 0) throw new IllegalArgumentException("--validation must be >= 0, got " + validation);
    String s = spec.trim();
    String kind = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
    Dataset all;
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "digits":
        if (s.contains(":")) throw new IllegalArgumentException("--data digits takes no options, got '" + spec + "'");
        all = Digits.load();
        break;
      case "synthetic": {
        Map<String, Long> o = options(spec, s.contains(":") ? s.substring(s.indexOf(':') + 1) : "",
            Map.of("n", 2000L, "d", 20L, "c", 10L, "seed", 1L));
        all = Synthetic.clusters(Math.toIntExact(o.get("n")), Math.toIntExact(o.get("d")), Math.toIntExact(o.get("c")), o.get("seed"));
        break;
      }
      default:
        throw new IllegalArgumentException("--data: expected digits or synthetic[:n=..,d=..,c=..,seed=..], got '" + spec + "'");
    }
    Dataset shuffled = all.shuffled(0);
    int n = shuffled.size();
    int test = n / 5;
    int rest = n - test;
    if (validation >= rest) {
      throw new IllegalArgumentException("--validation " + validation + " leaves no training data (" + rest + " samples before the test split)");
    }
    Dataset train = shuffled.slice(all.name() + "/train", 0, rest - validation);
    Dataset val = validation == 0 ? null : shuffled.slice(all.name() + "/validation", rest - validation, rest);
    return new Splits(train, val, shuffled.slice(all.name() + "/test", rest, n));
  }

  private static Map<String, Long> options(String spec, String text, Map<String, Long> defaults) {
    Map<String, Long> o = new LinkedHashMap<>(defaults);
    if (text.isBlank()) return o;
    for (String kv : text.split(",")) {
      String[] p = kv.split("=", 2);
      String key = p[0].trim();
      if (p.length != 2 || !defaults.containsKey(key)) {
        throw new IllegalArgumentException("--data '" + spec + "': unknown option '" + kv + "'; expected " + defaults.keySet());
      }
      try {
        o.put(key, Long.parseLong(p[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--data '" + spec + "': " + key + " must be an integer, got '" + p[1] + "'");
      }
    }
    return o;
  }
}
