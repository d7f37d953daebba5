package org.pathnorm.nn;

/** Argument checks shared by the pooling layers. */
final class Pooling {
  private Pooling() {}

  static void check(String what, int channels, int h, int w, int k, int stride) {
    if (channels < 1 || h < 1 || w < 1 || k < 1 || stride < 1) {
      throw new IllegalArgumentException(what + ": channels, sizes, window and stride must be >= 1, got " + channels + "x" + h + "x" + w
          + " k" + k + " s" + stride);
    }
    if (k > h || k > w) throw new IllegalArgumentException(what + ": a " + k + "x" + k + " window does not fit a " + h + "x" + w + " input");
  }
}
