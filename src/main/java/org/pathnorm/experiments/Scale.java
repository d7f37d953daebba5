package org.pathnorm.experiments;

import java.util.Locale;

/**
 * How big a reproduction is: {@code smoke} runs every experiment on the embedded digits in minutes
 * (the tests use it), {@code small} uses Fashion-MNIST with reduced grids, {@code paper} the thesis' sizes.
 */
public enum Scale {
  SMOKE, SMALL, PAPER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The dataset of this scale when {@code --data} is not given. */
  public String defaultData() {
    return this == SMOKE ? "digits" : "fashion-mnist";
  }

  public static Scale parse(String s) {
    for (Scale v : values()) if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) return v;
    throw new IllegalArgumentException("--scale: expected smoke, small or paper, got '" + s + "'");
  }

  /** Picks the value of this scale. */
  public <T> T pick(T smoke, T small, T paper) {
    return this == SMOKE ? smoke : this == SMALL ? small : paper;
  }
}
