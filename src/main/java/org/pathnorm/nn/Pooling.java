package org.pathnorm.nn;

/**
 * The geometry pooling layers share: k × k windows at stride s over NCHW samples of C × H × W, no
 * padding, floor mode (PyTorch's default), giving C × ⌊(H − k)/s⌋+1 × ⌊(W − k)/s⌋+1.
 */
abstract class Pooling extends ParameterFreeLayer {
  final int h;
  final int w;
  final int k;
  final int stride;
  final int oh;
  final int ow;

  /**
   * @throws IllegalArgumentException if a size is &lt; 1 or the window is larger than the input
   */
  Pooling(String what, int channels, int h, int w, int k, int stride) {
    super(channels);
    if (channels < 1 || h < 1 || w < 1 || k < 1 || stride < 1) {
      throw new IllegalArgumentException(what + ": channels, sizes, window and stride must be >= 1, got " + channels + "x" + h + "x" + w
          + " k" + k + " s" + stride);
    }
    if (k > h || k > w) throw new IllegalArgumentException(what + ": a " + k + "x" + k + " window does not fit a " + h + "x" + w + " input");
    this.h = h;
    this.w = w;
    this.k = k;
    this.stride = stride;
    this.oh = (h - k) / stride + 1;
    this.ow = (w - k) / stride + 1;
  }

  /** Output height ⌊(H − k)/s⌋ + 1. */
  public int outHeight() {
    return oh;
  }

  /** Output width ⌊(W − k)/s⌋ + 1. */
  public int outWidth() {
    return ow;
  }

  @Override public int inputSize() {
    return channels * h * w;
  }

  @Override public int outputSize() {
    return channels * oh * ow;
  }
}
