package org.pathnorm.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dataset spec string of the CLI:
 * <ul>
 *   <li>{@code digits}: the embedded UCI digits; {@code synthetic[:n=2000,d=20,c=10,seed=1]}: Gaussian clusters;
 *   <li>{@code mnist:DIR}, {@code kmnist:DIR}, {@code fashion-mnist[:DIR]} (default
 *       {@value #FASHION_MNIST_DEBIAN}), {@code idx:DIR} (classes = largest label + 1, e.g. EMNIST
 *       renamed to the MNIST file names): {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or {@code .gz};
 *   <li>{@code cifar10:DIR}: {@code data_batch_1.bin … data_batch_5.bin}, {@code test_batch.bin};
 *   <li>{@code cifar100:DIR[,labels=fine|coarse]}: {@code train.bin}, {@code test.bin};
 *   <li>{@code svhn:DIR}: {@code train_32x32.mat}, {@code test_32x32.mat};
 *   <li>{@code csv:FILE[,label=NAME|INDEX][,test=FILE]}: delimited text ({@link CsvReader});
 *   <li>{@code seq:SPEC}, {@code seq-permuted[@SEED]:SPEC}: the one-channel images of SPEC fed pixel by
 *       pixel to a recurrent network, plain or with the pixels reordered by one fixed permutation drawn
 *       from SEED (default 0) ({@link SequentialImages}), e.g. {@code seq:fashion-mnist} (T = 784, D = 1);
 *   <li>{@code text:FILE[,steps=50][,test=0.05][,chars=0]}: character-level language modelling on any
 *       file, windows of {@code steps} characters labelled with the next character at every step, the last
 *       {@code test} fraction of the text as the test part, only the first {@code chars} bytes if &gt; 0
 *       ({@link CharText});
 *   <li>{@code addition[:steps=100,train=10000,test=1000,seed=1]}: the addition problem ({@link AdditionProblem}),
 *       sequences of T = {@code steps} steps of two inputs (value, marker), one real-valued target (a
 *       regression dataset, {@link Dataset#regression}); the training sequences are drawn from {@code seed},
 *       the test sequences from a seed derived from it, so the test set is its own official test set.
 * </ul>
 *
 * <p>Splits: a dataset with an official test set (IDX, CIFAR, SVHN, CSV with {@code test=}) keeps it
 * as the test set, and the validation set is the last {@code validation} samples of the training
 * files, in file order. The others ({@code digits}, {@code synthetic}, CSV without {@code test=}) are
 * fixed by the data, not by the run's seed: the samples are shuffled with seed 0, the last 20% form the
 * test set, and the last {@code validation} samples of the rest the validation set.
 */
public final class DatasetSpec {
  /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
  public static final String FASHION_MNIST_DEBIAN = "/usr/share/datasets/fashion-mnist";

  private DatasetSpec() {}

  /** Train, validation (null if none requested) and test sets. */
  public record Splits(Dataset train, Dataset validation, Dataset test) {}

  /**
   * A dataset as read: the training files, the official test files (null if the data has none) and
   * the files that were read.
   */
  public record Source(Dataset train, Dataset test, List<Path> files) {}

  /** Reads the spec and splits it as the class comment says, without transforms. */
  public static Splits load(String spec, int validation) {
    return split(read(spec), validation);
  }

  /** Cuts a source into train, validation and test (see the class comment). */
  public static Splits split(Source src, int validation) {
    if (validation < 0) throw new IllegalArgumentException("--validation must be >= 0, got " + validation);
    Dataset all = src.train();
    String name = all.name();
    Dataset test = src.test();
    if (test == null) {
      all = all.shuffled(0);
      int cut = all.size() - all.size() / 5;
      test = all.slice(name + "/test", cut, all.size());
      all = all.slice(name, 0, cut);
    } else {
      test = test.withLabels(name + "/test", test.labels());
    }
    int rest = all.size();
    if (validation >= rest) {
      throw new IllegalArgumentException("--validation " + validation + " leaves no training data (" + rest + " training samples)");
    }
    // without validation the training arrays are taken as they are: no copy of a 600 MB CIFAR set
    Dataset train = validation == 0 ? all.withLabels(name + "/train", all.labels()) : all.slice(name + "/train", 0, rest - validation);
    Dataset val = validation == 0 ? null : all.slice(name + "/validation", rest - validation, rest);
    return new Splits(train, val, test);
  }

  /**
   * Inputs per step of a recurrent model on the spec's data when none is stated: {@value
   * AdditionProblem#INPUTS_PER_STEP} for {@code addition}, else 1 (pixels; text sets its own).
   */
  public static int inputsPerStep(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    return s.equals("addition") || s.startsWith("addition:") ? AdditionProblem.INPUTS_PER_STEP : 1;
  }

  /** Reads the files a spec names. */
  public static Source read(String spec) {
    String s = spec.trim();
    int colon = s.indexOf(':');
    String head = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : s.substring(colon + 1);
    long permutationSeed = SequentialImages.DEFAULT_PERMUTATION_SEED;
    if (head.startsWith("seq-permuted@")) {
      String seed = head.substring("seq-permuted@".length());
      try {
        permutationSeed = Long.parseLong(seed);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--data '" + spec + "': the permutation seed after @ must be an integer, got '" + seed + "'");
      }
      head = "seq-permuted";
    }
    String kind = head;
    switch (kind) {
      case "seq": case "seq-permuted": {
        if (colon < 0 || rest.isEmpty()) throw new IllegalArgumentException("--data '" + spec + "': expected " + kind + ":SPEC, e.g. " + kind + ":fashion-mnist");
        Source inner = read(rest);
        boolean permuted = kind.startsWith("seq-permuted");
        return new Source(SequentialImages.of(spec, inner.train(), permuted, permutationSeed),
            inner.test() == null ? null : SequentialImages.of(spec, inner.test(), permuted, permutationSeed), inner.files());
      }
      case "text": {
        Map<String, String> o = options(spec, rest, true, new LinkedHashMap<>(Map.of("steps", "50", "test", "0.05", "chars", "0")));
        if (o.get("").isEmpty()) throw new IllegalArgumentException("--data '" + spec + "': expected text:FILE[,steps=T][,test=F][,chars=N]");
        Path file = Paths.get(o.get(""));
        double test;
        try {
          test = Double.parseDouble(o.get("test"));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--data '" + spec + "': test must be a fraction in (0, 1), got '" + o.get("test") + "'");
        }
        if (!(test > 0 && test < 1)) throw new IllegalArgumentException("--data '" + spec + "': test must be a fraction in (0, 1), got " + test);
        int steps = integer(spec, o, "steps");
        int chars = integer(spec, o, "chars");
        if (steps < 1 || chars < 0) {
          throw new IllegalArgumentException("--data '" + spec + "': expected steps >= 1 and chars >= 0, got steps=" + steps + ", chars=" + chars);
        }
        return CharText.read(file.getFileName().toString(), file, steps, test, chars);
      }
      case "addition": {
        Map<String, String> o = options(spec, rest, false, Map.of("steps", "100", "train", "10000", "test", "1000", "seed", "1"));
        int steps = integer(spec, o, "steps");
        int train = integer(spec, o, "train");
        int test = integer(spec, o, "test");
        long seed;
        try {
          seed = Long.parseLong(o.get("seed"));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--data '" + spec + "': seed must be an integer, got '" + o.get("seed") + "'");
        }
        if (steps < 2 || train < 1 || test < 1) {
          throw new IllegalArgumentException("--data '" + spec + "': expected steps >= 2, train >= 1 and test >= 1, got steps=" + steps
              + ", train=" + train + ", test=" + test);
        }
        String name = "addition-T" + steps;
        AdditionProblem.Sequences tr = AdditionProblem.generate(train, steps, seed);
        AdditionProblem.Sequences te = AdditionProblem.generate(test, steps, seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        return new Source(Dataset.regression(name, tr.features(), tr.targets(), 2 * steps, 1),
            Dataset.regression(name, te.features(), te.targets(), 2 * steps, 1), List.of());
      }
      case "digits":
        if (colon >= 0) throw new IllegalArgumentException("--data digits takes no options, got '" + spec + "'");
        return new Source(Digits.load(), null, List.of());
      case "synthetic": {
        Map<String, String> o = options(spec, rest, false, Map.of("n", "2000", "d", "20", "c", "10", "seed", "1"));
        return new Source(Synthetic.clusters(integer(spec, o, "n"), integer(spec, o, "d"), integer(spec, o, "c"),
            integer(spec, o, "seed")), null, List.of());
      }
      case "mnist": case "kmnist": case "fashion-mnist": case "idx": {
        // the training and test files are read at once (Concurrently): the time of the larger one
        String dir = rest.isEmpty() && kind.equals("fashion-mnist") ? FASHION_MNIST_DEBIAN : rest;
        Path d = dir(spec, kind, options(spec, dir, true, Map.of()).get(""));
        Path trX = idx(d, "train-images-idx3-ubyte"), trY = idx(d, "train-labels-idx1-ubyte");
        Path teX = idx(d, "t10k-images-idx3-ubyte"), teY = idx(d, "t10k-labels-idx1-ubyte");
        if (kind.equals("idx")) {
          Dataset train = IdxReader.read(kind, trX, trY, 0);
          return new Source(train, IdxReader.read(kind, teX, teY, train.classes()), List.of(trX, trY, teX, teY));
        }
        Concurrently.Pair<Dataset, Dataset> p = Concurrently.both(() -> IdxReader.read(kind, trX, trY, 10),
            () -> IdxReader.read(kind, teX, teY, 10));
        return new Source(p.first(), p.second(), List.of(trX, trY, teX, teY));
      }
      case "cifar10": {
        Path d = dir(spec, kind, options(spec, rest, true, Map.of()).get(""));
        List<Path> train = new ArrayList<>();
        for (int i = 1; i <= 5; i++) train.add(file(d, "data_batch_" + i + ".bin"));
        Path test = file(d, "test_batch.bin");
        List<Path> files = new ArrayList<>(train);
        files.add(test);
        Concurrently.Pair<Dataset, Dataset> p = Concurrently.both(() -> CifarReader.read(kind, train, CifarReader.Labels.CIFAR10),
            () -> CifarReader.read(kind, List.of(test), CifarReader.Labels.CIFAR10));
        return new Source(p.first(), p.second(), files);
      }
      case "cifar100": {
        Map<String, String> o = options(spec, rest, true, Map.of("labels", "fine"));
        Path d = dir(spec, kind, o.get(""));
        CifarReader.Labels labels;
        switch (o.get("labels").toLowerCase(Locale.ROOT)) {
          case "fine": labels = CifarReader.Labels.FINE; break;
          case "coarse": labels = CifarReader.Labels.COARSE; break;
          default: throw new IllegalArgumentException("--data '" + spec + "': labels must be fine or coarse, got '" + o.get("labels") + "'");
        }
        Path train = file(d, "train.bin"), test = file(d, "test.bin");
        Concurrently.Pair<Dataset, Dataset> p = Concurrently.both(() -> CifarReader.read(kind, List.of(train), labels),
            () -> CifarReader.read(kind, List.of(test), labels));
        return new Source(p.first(), p.second(), List.of(train, test));
      }
      case "svhn": {
        Path d = dir(spec, kind, options(spec, rest, true, Map.of()).get(""));
        Path train = file(d, "train_32x32.mat"), test = file(d, "test_32x32.mat");
        Concurrently.Pair<Dataset, Dataset> p = Concurrently.both(() -> SvhnReader.read(kind, train), () -> SvhnReader.read(kind, test));
        return new Source(p.first(), p.second(), List.of(train, test));
      }
      case "csv": {
        Map<String, String> o = options(spec, rest, true, new LinkedHashMap<>(Map.of("label", "", "test", "")));
        if (o.get("").isEmpty()) throw new IllegalArgumentException("--data '" + spec + "': expected csv:FILE[,label=COLUMN][,test=FILE]");
        Path file = Paths.get(o.get(""));
        String label = o.get("label").isEmpty() ? null : o.get("label");
        Dataset train = CsvReader.read(file.getFileName().toString(), file, label);
        if (o.get("test").isEmpty()) return new Source(train, null, List.of(file));
        Path testFile = Paths.get(o.get("test"));
        Dataset test = CsvReader.read(train.name(), testFile, label);
        if (test.dimension() != train.dimension()) {
          throw new DataFormatException(testFile + ": expected " + train.dimension() + " feature columns as in " + file + ", found "
              + test.dimension());
        }
        int classes = Math.max(train.classes(), test.classes());
        return new Source(widen(train, classes), widen(test, classes), List.of(file, testFile));
      }
      default:
        throw new IllegalArgumentException("--data: expected digits, synthetic[:..], mnist:DIR, fashion-mnist[:DIR], kmnist:DIR, "
            + "idx:DIR, cifar10:DIR, cifar100:DIR, svhn:DIR, csv:FILE, seq:SPEC, seq-permuted[@SEED]:SPEC, text:FILE or addition[:..], got '" + spec + "'");
    }
  }

  private static Dataset widen(Dataset d, int classes) {
    return d.classes() == classes ? d : d.withClasses(classes);
  }

  private static Path dir(String spec, String kind, String dir) {
    if (dir == null || dir.isEmpty()) throw new IllegalArgumentException("--data '" + spec + "': expected " + kind + ":DIR");
    Path d = Paths.get(dir);
    if (!Files.isDirectory(d)) throw new DataFormatException(d + ": directory not found (--data " + spec + ")");
    return d;
  }

  /** {@code dir/name}, or {@code dir/name.gz} if only that exists. */
  private static Path idx(Path dir, String name) {
    Path raw = dir.resolve(name);
    Path gz = dir.resolve(name + ".gz");
    if (Files.exists(raw) || !Files.exists(gz)) return file(dir, name);
    return gz;
  }

  private static Path file(Path dir, String name) {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) throw new DataFormatException(f + ": file not found" + (name.contains("ubyte") ? " (nor " + name + ".gz)" : ""));
    return f;
  }

  /**
   * Parses {@code [PATH][,key=value…]}: with {@code positional}, the first field is the path (key
   * ""); every key must be one of {@code defaults}.
   */
  private static Map<String, String> options(String spec, String text, boolean positional, Map<String, String> defaults) {
    Map<String, String> o = new LinkedHashMap<>(defaults);
    String[] fields = text.isEmpty() ? new String[0] : text.split(",");
    int start = 0;
    if (positional) {
      o.put("", fields.length == 0 ? "" : fields[0].trim());
      start = 1;
    }
    for (int i = start; i < fields.length; i++) {
      String[] p = fields[i].split("=", 2);
      String key = p[0].trim();
      if (p.length != 2 || !defaults.containsKey(key)) {
        throw new IllegalArgumentException("--data '" + spec + "': unknown option '" + fields[i] + "'; expected "
            + (defaults.isEmpty() ? "none" : defaults.keySet().toString()));
      }
      o.put(key, p[1].trim());
    }
    return o;
  }

  private static int integer(String spec, Map<String, String> o, String key) {
    try {
      return Integer.parseInt(o.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--data '" + spec + "': " + key + " must be an integer, got '" + o.get(key) + "'");
    }
  }
}
