package org.pathnorm.nn;

/**
 * The parameters [from, to) of a model's flat parameter array.
 *
 * @param from the first parameter
 * @param to   one past the last
 */
public record ParameterRange(int from, int to) {
  /** @throws IllegalArgumentException unless 0 ≤ from ≤ to */
  public ParameterRange {
    if (from < 0 || to < from) throw new IllegalArgumentException("parameter range [" + from + ", " + to + ") is not a range");
  }
}
