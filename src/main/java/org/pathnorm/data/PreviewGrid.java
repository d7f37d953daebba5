package org.pathnorm.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A grid of samples with their labels, for {@code pathnorm data preview}. Each image is drawn
 * enlarged (nearest neighbour) with its intensities stretched to its own min…max, so normalised and
 * raw data look alike; grayscale images as gray, 3-channel images as RGB; plain feature vectors as a
 * near-square gray image. Drawn with java.awt (the CLI sets java.awt.headless).
 */
public final class PreviewGrid {
  private static final int LABEL_HEIGHT = 14;

  private PreviewGrid() {}

  /**
   * @param count   samples drawn (the first ones of {@code d})
   * @param columns images per row
   * @param scale   screen pixels per image pixel
   */
  public static BufferedImage render(Dataset d, int count, int columns, int scale) {
    if (count < 1 || columns < 1 || scale < 1) {
      throw new IllegalArgumentException("preview needs --count, --columns and --scale >= 1, got " + count + ", " + columns + ", " + scale);
    }
    int n = Math.min(count, d.size());
    ImageShape shape = d.shape() != null ? d.shape() : squareish(d.dimension());
    int cellW = shape.width() * scale + 2;
    int cellH = shape.height() * scale + LABEL_HEIGHT + 2;
    int rows = (n + columns - 1) / columns;
    BufferedImage img = new BufferedImage(Math.min(columns, n) * cellW, Math.max(1, rows) * cellH, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (int s = 0; s < n; s++) {
        int x0 = (s % columns) * cellW + 1;
        int y0 = (s / columns) * cellH + 1;
        drawSample(img, d, s, shape, x0, y0, scale);
        g.setColor(Color.BLACK);
        g.drawString(Integer.toString(d.labels()[s]), x0 + 2, y0 + shape.height() * scale + LABEL_HEIGHT - 3);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static void drawSample(BufferedImage img, Dataset d, int s, ImageShape shape, int x0, int y0, int scale) {
    float[] x = d.features();
    int off = s * d.dimension();
    float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < d.dimension(); i++) {
      lo = Math.min(lo, x[off + i]);
      hi = Math.max(hi, x[off + i]);
    }
    float range = hi > lo ? hi - lo : 1;
    boolean rgb = shape.channels() == 3;
    for (int r = 0; r < shape.height(); r++) {
      for (int c = 0; c < shape.width(); c++) {
        int p = r * shape.width() + c;
        int v0 = level(x, off, p, lo, range, d.dimension());
        int argb = rgb ? (v0 << 16) | (level(x, off, shape.plane() + p, lo, range, d.dimension()) << 8)
            | level(x, off, 2 * shape.plane() + p, lo, range, d.dimension()) : (v0 << 16) | (v0 << 8) | v0;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) img.setRGB(x0 + c * scale + dx, y0 + r * scale + dy, argb);
        }
      }
    }
  }

  /** The 0–255 level of feature {@code i} (features past the end of a padded square are white). */
  private static int level(float[] x, int off, int i, float lo, float range, int dimension) {
    if (i >= dimension) return 255;
    return Math.round(255 * Math.min(1, Math.max(0, (x[off + i] - lo) / range)));
  }

  private static ImageShape squareish(int dimension) {
    int w = (int) Math.ceil(Math.sqrt(dimension));
    return new ImageShape(1, (dimension + w - 1) / w, w);
  }
}
