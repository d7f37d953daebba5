package org.pathnorm.data;

import java.util.Arrays;

/**
 * Per-image transforms over channel-major rows ({@link ImageShape}): centre crop, grayscale and area
 * resampling. Each returns a new dataset with the new shape; labels are shared.
 */
public final class ImageTransforms {
  /** ITU-R BT.601 luma weights, the weights of PIL's {@code convert("L")} (without its rounding). */
  static final float R = 0.299f, G = 0.587f, B = 0.114f;

  private ImageTransforms() {}

  /** The centre {@code height × width} window, offset ⌊(H−h)/2⌋, ⌊(W−w)/2⌋. */
  public static Dataset centerCrop(Dataset d, int height, int width) {
    ImageShape in = image(d, "crop");
    if (height > in.height() || width > in.width() || height < 1 || width < 1) {
      throw new IllegalArgumentException("--crop " + height + "x" + width + " does not fit in the " + in + " images of " + d.name());
    }
    ImageShape out = new ImageShape(in.channels(), height, width);
    int top = (in.height() - height) / 2;
    int left = (in.width() - width) / 2;
    float[] src = d.features();
    float[] dst = new float[Math.multiplyExact(d.size(), out.size())];
    for (int s = 0; s < d.size(); s++) {
      for (int c = 0; c < in.channels(); c++) {
        int from = s * in.size() + c * in.plane() + top * in.width() + left;
        int to = s * out.size() + c * out.plane();
        for (int r = 0; r < height; r++) System.arraycopy(src, from + r * in.width(), dst, to + r * width, width);
      }
    }
    return d.withFeatures(d.name(), dst, out.size(), out);
  }

  /** One channel, 0.299·R + 0.587·G + 0.114·B (BT.601 luma); single-channel images are returned as they are. */
  public static Dataset grayscale(Dataset d) {
    ImageShape in = image(d, "grayscale");
    if (in.channels() == 1) return d;
    if (in.channels() != 3) throw new IllegalArgumentException("--grayscale needs 1 or 3 channels, " + d.name() + " has " + in.channels());
    ImageShape out = new ImageShape(1, in.height(), in.width());
    int p = in.plane();
    float[] src = d.features();
    float[] dst = new float[Math.multiplyExact(d.size(), p)];
    for (int s = 0; s < d.size(); s++) {
      int o = s * in.size();
      for (int i = 0; i < p; i++) dst[s * p + i] = R * src[o + i] + G * src[o + p + i] + B * src[o + 2 * p + i];
    }
    return d.withFeatures(d.name(), dst, out.size(), out);
  }

  /**
   * Area resampling to {@code height × width} ("downsample to 100 pixels" is 10×10, thesis Figure 1):
   * output pixel (i, j) is the mean of the input over the rectangle [i·H/h, (i+1)·H/h) × [j·W/w,
   * (j+1)·W/w), input pixels weighted by the area they share with it (OpenCV's INTER_AREA; for integer
   * factors a plain block mean). The mean intensity of every image is preserved.
   */
  public static Dataset resize(Dataset d, int height, int width) {
    ImageShape in = image(d, "resize");
    if (height < 1 || width < 1) throw new IllegalArgumentException("--resize needs a positive size, got " + height + "x" + width);
    ImageShape out = new ImageShape(in.channels(), height, width);
    AreaWeights wy = new AreaWeights(in.height(), height);
    AreaWeights wx = new AreaWeights(in.width(), width);
    float[] src = d.features();
    float[] dst = new float[Math.multiplyExact(d.size(), out.size())];
    float[] rows = new float[height * in.width()];
    for (int s = 0; s < d.size(); s++) {
      for (int c = 0; c < in.channels(); c++) {
        int from = s * in.size() + c * in.plane();
        int to = s * out.size() + c * out.plane();
        // rows[i][x] = Σ_y wy[i][y] · img[y][x]
        for (int i = 0; i < height; i++) {
          Arrays.fill(rows, i * in.width(), (i + 1) * in.width(), 0f);
          for (int k = 0; k < wy.count[i]; k++) {
            float w = wy.weight[i][k];
            int y = wy.first[i] + k;
            for (int x = 0; x < in.width(); x++) rows[i * in.width() + x] += w * src[from + y * in.width() + x];
          }
        }
        // out[i][j] = Σ_x rows[i][x] · wx[j][x]
        for (int i = 0; i < height; i++) {
          for (int j = 0; j < width; j++) {
            float acc = 0;
            for (int k = 0; k < wx.count[j]; k++) acc += wx.weight[j][k] * rows[i * in.width() + wx.first[j] + k];
            dst[to + i * width + j] = acc;
          }
        }
      }
    }
    return d.withFeatures(d.name(), dst, out.size(), out);
  }

  private static ImageShape image(Dataset d, String what) {
    if (d.shape() == null) throw new IllegalArgumentException("--" + what + " needs images, but " + d.name() + " has plain features");
    return d.shape();
  }

  /**
   * The 1-D area weights from n inputs to m outputs: output o covers [o·n/m, (o+1)·n/m); input i
   * gets weight |[i, i+1) ∩ that interval| · m/n, so each output's weights sum to 1.
   */
  static final class AreaWeights {
    final int[] first;
    final int[] count;
    final float[][] weight;

    AreaWeights(int n, int m) {
      first = new int[m];
      count = new int[m];
      weight = new float[m][];
      for (int o = 0; o < m; o++) {
        // exact in integers: the interval is [o·n, (o+1)·n) in units of 1/m
        long lo = (long) o * n;
        long hi = (long) (o + 1) * n;
        int i0 = (int) (lo / m);
        int i1 = (int) ((hi + m - 1) / m);
        first[o] = i0;
        count[o] = i1 - i0;
        weight[o] = new float[i1 - i0];
        for (int i = i0; i < i1; i++) {
          long overlap = Math.min(hi, (long) (i + 1) * m) - Math.max(lo, (long) i * m);
          weight[o][i - i0] = (float) ((double) overlap / n);
        }
      }
    }
  }
}
