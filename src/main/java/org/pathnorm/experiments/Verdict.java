package org.pathnorm.experiments;

/**
 * A claim of docs/algorithms.md §4 and what the data says about it: {@code holds} is true, false, or null when the
 * data cannot decide (e.g. a run diverged); {@code evidence} gives the numbers.
 */
public record Verdict(String claim, Boolean holds, String evidence) {
  public String label() {
    return holds == null ? "undecided" : holds ? "yes" : "no";
  }
}
