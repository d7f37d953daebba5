package org.pathnorm.data;

/**
 * The layout of an image sample inside a dataset row: {@code channels × height × width}, channel-major
 * (all of channel 0 row by row, then channel 1, …), the layout of the CIFAR binary files.
 */
public record ImageShape(int channels, int height, int width) {
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  /** channels · height · width. */
  public int size() {
    return channels * height * width;
  }

  /** Pixels of one channel: height · width. */
  public int plane() {
    return height * width;
  }

  @Override public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
