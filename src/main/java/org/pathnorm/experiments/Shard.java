package org.pathnorm.experiments;

/** Shard k of n (1 ≤ k ≤ n): runs the cells whose global index i satisfies i mod n = k − 1. */
public record Shard(int k, int n) {
  public static final Shard ALL = new Shard(1, 1);

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
    throw new IllegalArgumentException("--shard: expected k/n, e.g. 2/8, got '" + s + "'");
  }

  boolean owns(int index) {
    return index % n == k - 1;
  }
}
