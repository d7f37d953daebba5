package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;

/**
 * Shard k of n (1 ≤ k ≤ n): runs the cells whose global index i satisfies i mod n = k − 1. A sharded run records its
 * shard in {@code DIR/shard.json} ({@value #FILE}), so that {@code pathnorm report --missing} can say which shard (and
 * directory) owes a missing cell.
 */
public record Shard(int k, int n) {
  public static final Shard ALL = new Shard(1, 1);
  public static final String FILE = "shard.json";

  public Shard {
    if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("--shard: expected k/n with 1 <= k <= n, got " + k + "/" + n);
  }

  public static Shard parse(String s) {
    String[] p = s.trim().split("/");
    try {
      if (p.length == 2) return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("--shard: expected k/n (e.g. 2/8) or auto, got '" + s + "'");
  }

  boolean owns(int index) {
    return index % n == k - 1;
  }

  @Override public String toString() {
    return k + "/" + n;
  }

  void write(Path dir) throws IOException {
    AtomicFiles.writeString(dir.resolve(FILE), "{\"k\":" + k + ",\"n\":" + n + "}\n");
  }

  /** The shard recorded in {@code dir}, empty if none (a run written before shards were recorded). */
  static Optional<Shard> read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) return Optional.empty();
    try {
      if (Json.parse(Files.readString(f)) instanceof Map<?, ?> m && m.get("k") instanceof Number k && m.get("n") instanceof Number n) {
        return Optional.of(new Shard(k.intValue(), n.intValue()));
      }
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(f + ": " + e.getMessage());
    }
    throw new DataFormatException(f + ": expected {\"k\": K, \"n\": N}");
  }
}
