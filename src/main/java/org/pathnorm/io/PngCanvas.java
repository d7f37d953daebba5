package org.pathnorm.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A {@link Canvas} on a java.awt image (headless), encoded as PNG by {@link #png}. */
final class PngCanvas implements Canvas {
  final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(int width, int height) {
    System.setProperty("java.awt.headless", "true");
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  static Font font(float size, boolean bold) {
    return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
  }

  /** The width of a text in pixels, as both canvases lay it out. */
  static double textWidth(String s, float size, boolean bold) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    try {
      return pg.getFontMetrics(font(size, bold)).getStringBounds(s, pg).getWidth();
    } finally {
      pg.dispose();
    }
  }

  @Override public void line(double x1, double y1, double x2, double y2, Color c, float width) {
    g.setColor(c);
    g.setStroke(new BasicStroke(width));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override public void polyline(double[] xs, double[] ys, int n, Color c, float width, Dash dash) {
    if (n < 2) return;
    Path2D p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < n; i++) p.lineTo(xs[i], ys[i]);
    g.setColor(c);
    g.setStroke(dash == Dash.SOLID ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dash.pattern, 0));
    g.draw(p);
  }

  @Override public void fillPolygon(double[] xs, double[] ys, int n, Color c, double opacity) {
    if (n < 3) return;
    Path2D p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < n; i++) p.lineTo(xs[i], ys[i]);
    p.closePath();
    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity)));
    g.fill(p);
  }

  @Override public void fillCircle(double cx, double cy, double r, Color c) {
    g.setColor(c);
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
  }

  @Override public void fillRect(double x, double y, double w, double h, Color c) {
    g.setColor(c);
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override public void strokeRect(double x, double y, double w, double h, Color c, float width) {
    g.setColor(c);
    g.setStroke(new BasicStroke(width));
    g.draw(new Rectangle2D.Double(x, y, w, h));
  }

  @Override public void text(String s, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical, Color c) {
    g.setColor(c);
    g.setFont(font(size, bold));
    double w = g.getFontMetrics().getStringBounds(s, g).getWidth();
    double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? w / 2 : w;
    if (!vertical) {
      g.drawString(s, (float) (x - shift), (float) y);
      return;
    }
    Graphics2D r = (Graphics2D) g.create();
    r.translate(x, y);
    r.rotate(-Math.PI / 2);
    r.drawString(s, (float) -shift, 0f);
    r.dispose();
  }

  /** Ends the drawing and encodes the image as PNG. */
  byte[] png() {
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
