package org.pathnorm.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A figure drawn once on a {@link Canvas} and written twice from the same calls: as PNG ({@link PngCanvas}, java.awt,
 * headless) and as SVG ({@link SvgCanvas}). {@link LinePlot} and {@link HeatMap} are drawings.
 */
public abstract sealed class Drawing permits LinePlot, HeatMap {
  Drawing() {}

  /** The image's width and height in pixels. */
  abstract int[] size();

  /** Draws the figure on c, whose size is {@link #size}. */
  abstract void draw(Canvas c);

  /** Writes the PNG atomically. */
  public final void write(Path file) throws IOException {
    byte[] bytes = png();
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  /** Writes the SVG atomically. */
  public final void writeSvg(Path file) throws IOException {
    AtomicFiles.writeString(file, svg());
  }

  /** Renders to PNG bytes. */
  public final byte[] png() {
    int[] s = size();
    PngCanvas c = new PngCanvas(s[0], s[1]);
    draw(c);
    return c.png();
  }

  /** Renders to an SVG document. */
  public final String svg() {
    int[] s = size();
    SvgCanvas c = new SvgCanvas(s[0], s[1]);
    draw(c);
    return c.document();
  }
}
