package org.pathnorm.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Character-level language modelling on a text file (docs/algorithms.md §4 E8). The characters are the
 * file's bytes (so a UTF-8 letter outside ASCII is several symbols). Positional split: the first
 * (1 − testFraction) of the text is the training part, the rest the test part; {@code --validation N}
 * then holds out the last N training sequences, as for image datasets. The vocabulary is the sorted set
 * of bytes of the training part plus one "unknown" symbol (the last index) for bytes that occur only in
 * the test part. Each part is cut into consecutive non-overlapping windows of {@code steps} characters
 * (a trailing remainder is dropped): sample i of a part starting at character a has inputs c_{a+iT …
 * a+iT+T−1}, one-hot over V symbols ({@code float[T × V]}), and labels c_{a+iT+1 … a+iT+T}, the next
 * character at every step ({@link Dataset#labelsPerSample()} = T). The loss is then nats per
 * character and bits per character = nats / ln 2 ({@link #bitsPerCharacter}).
 */
public final class CharText {
  private CharText() {}

  /** ln 2, nats per bit. */
  private static final double LN2 = Math.log(2);

  /** Bits per character of a mean cross-entropy in nats per character. */
  public static double bitsPerCharacter(double natsPerCharacter) {
    return natsPerCharacter / LN2;
  }

  /**
   * The vocabulary: {@code symbols[i]} is the byte of index i (0 … 255) for i &lt; V − 1; index V − 1 is
   * the unknown symbol.
   */
  public record Vocabulary(int[] symbols) {
    /** V, the unknown symbol included. */
    public int size() {
      return symbols.length + 1;
    }

    /** The index of a byte (0 … 255), the unknown symbol's if it is not in the vocabulary. */
    public int index(int b) {
      int i = Arrays.binarySearch(symbols, b);
      return i >= 0 ? i : symbols.length;
    }

    /** The vocabulary of {@code text[from … to−1]}: its distinct bytes, sorted. */
    public static Vocabulary of(byte[] text, int from, int to) {
      boolean[] seen = new boolean[256];
      for (int i = from; i < to; i++) seen[text[i] & 0xff] = true;
      int n = 0;
      for (boolean b : seen) if (b) n++;
      int[] s = new int[n];
      n = 0;
      for (int b = 0; b < 256; b++) if (seen[b]) s[n++] = b;
      return new Vocabulary(s);
    }
  }

  /**
   * Reads {@code file} (its first {@code maxChars} bytes; 0: all) and cuts it as the class comment says.
   *
   * @throws DataFormatException if the file cannot be read or a part is shorter than one window
   */
  public static DatasetSpec.Source read(String name, Path file, int steps, double testFraction, int maxChars) {
    byte[] text;
    try {
      text = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file + ": file not found");
    } catch (IOException e) {
      throw new DataFormatException(file + ": cannot read: " + e.getMessage());
    } catch (OutOfMemoryError e) {
      throw new DataFormatException(file + ": too large to read into memory; use chars=N");
    }
    if (maxChars > 0 && text.length > maxChars) text = Arrays.copyOf(text, maxChars);
    DatasetSpec.Source s = split(name, file.toString(), text, steps, testFraction);
    return new DatasetSpec.Source(s.train(), s.test(), java.util.List.of(file));
  }

  /** As {@link #read}, on text in memory ({@code where} names it in errors). */
  public static DatasetSpec.Source split(String name, String where, byte[] text, int steps, double testFraction) {
    if (steps < 1) throw new IllegalArgumentException(where + ": steps must be >= 1, got " + steps);
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(where + ": test fraction must be in (0, 1), got " + testFraction);
    }
    int cut = (int) Math.round(text.length * (1 - testFraction));
    Vocabulary v = Vocabulary.of(text, 0, cut);
    Dataset train = windows(name, where, "training", text, 0, cut, steps, v);
    Dataset test = windows(name, where, "test", text, cut, text.length, steps, v);
    return new DatasetSpec.Source(train, test, java.util.List.of());
  }

  /** The windows of {@code text[from … to−1]} (each needs T + 1 characters: its inputs and the next one). */
  static Dataset windows(String name, String where, String part, byte[] text, int from, int to, int steps, Vocabulary v) {
    int n = (to - from - 1) / steps;
    if (n < 1) {
      throw new DataFormatException(where + ": the " + part + " part has " + (to - from) + " characters, fewer than one sequence of "
          + steps + " steps and its next character (" + (steps + 1) + ")");
    }
    int vs = v.size();
    if ((long) n * steps * vs > IdxReader.MAX_ARRAY) {
      throw new DataFormatException(where + ": the " + part + " part needs " + (long) n * steps * vs + " one-hot input values, more than"
          + " an array holds; use chars=N");
    }
    float[] x = new float[n * steps * vs];
    int[] y = new int[n * steps];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < steps; t++) {
        int at = from + s * steps + t;
        x[(s * steps + t) * vs + v.index(text[at] & 0xff)] = 1f;
        y[s * steps + t] = v.index(text[at + 1] & 0xff);
      }
    }
    return new Dataset(name, x, y, steps * vs, vs, null, steps);
  }
}
