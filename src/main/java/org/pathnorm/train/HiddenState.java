package org.pathnorm.train;

import java.util.Locale;

/**
 * What a recurrent model's hidden state does between the training windows of a long sequence
 * (docs/algorithms.md §3.4, "Truncated BPTT").
 */
public enum HiddenState {
  /** Every sample starts from h₀ = 0; samples are visited in a seeded random order (the default). */
  RESET,
  /**
   * Truncated BPTT over consecutive windows (Zaremba et al., arXiv 1409.2329): the n windows of the
   * training set are cut into B = batch streams of consecutive windows (stream b holds windows
   * s_b … s_{b+1} − 1, lengths ⌊n/B⌋ or ⌈n/B⌉, the longer ones first); step i trains on window i of every
   * stream, each row starting from the h_T its stream's previous window left (no gradient through it).
   * The state is zeroed at the start of every epoch, so a resumed run (checkpoints are at epoch ends)
   * continues bit-identically; evaluation streams a set the same way.
   */
  CARRIED;

  /** Parses {@code reset|carried}. */
  public static HiddenState parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--hidden-state: expected reset or carried, got '" + s + "'");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
