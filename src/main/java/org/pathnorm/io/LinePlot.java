package org.pathnorm.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line plot written as PNG with the JDK alone (java.awt, headless): several series with
 * optional error bands (mean ± spread over seeds), linear or log axes, a legend. Enough for the
 * thesis' figures without a plotting dependency.
 */
public final class LinePlot {
  /** One line: x and y values, and an optional half-width of the band around y (NaN entries are skipped). */
  public record Series(String label, double[] x, double[] y, double[] spread) {}

  private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 440;
  private static final int LEFT = 84;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 56;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public LinePlot logX() {
    logX = true;
    return this;
  }

  public LinePlot logY() {
    logY = true;
    return this;
  }

  public LinePlot add(String label, double[] x, double[] y, double[] spread) {
    if (x.length != y.length || (spread != null && spread.length != y.length)) {
      throw new IllegalArgumentException("plot series " + label + ": x, y and spread must have the same length");
    }
    series.add(new Series(label, x, y, spread));
    return this;
  }

  /** Writes the PNG atomically. */
  public void write(Path file) throws IOException {
    byte[] bytes = png();
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  BufferedImage render() {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double[] xr = range(true);
    double[] yr = range(false);
    int pw = WIDTH - LEFT - RIGHT;
    int ph = HEIGHT - TOP - BOTTOM;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    drawAxes(g, xr, yr, pw, ph);
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      Color c = PALETTE[s % PALETTE.length];
      if (line.spread() != null) {
        Path2D band = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < line.x().length; i++) {
          if (!usable(line, i)) continue;
          double px = px(line.x()[i], xr, pw);
          double py = py(line.y()[i] + line.spread()[i], yr, ph);
          if (!started) band.moveTo(px, py);
          else band.lineTo(px, py);
          started = true;
        }
        for (int i = line.x().length - 1; i >= 0; i--) {
          if (usable(line, i)) band.lineTo(px(line.x()[i], xr, pw), py(line.y()[i] - line.spread()[i], yr, ph));
        }
        if (started) {
          band.closePath();
          g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
          g.fill(band);
        }
      }
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      Path2D path = new Path2D.Double();
      boolean started = false;
      for (int i = 0; i < line.x().length; i++) {
        if (!usable(line, i)) continue;
        double px = px(line.x()[i], xr, pw);
        double py = py(line.y()[i], yr, ph);
        if (!started) path.moveTo(px, py);
        else path.lineTo(px, py);
        started = true;
        g.fillOval((int) px - 3, (int) py - 3, 6, 6);
      }
      g.draw(path);
      int ly = TOP + 14 + 16 * s;
      g.fillRect(WIDTH - RIGHT - 250, ly - 6, 14, 4);
      g.setColor(Color.DARK_GRAY);
      g.drawString(line.label(), WIDTH - RIGHT - 230, ly);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 24);
    g.dispose();
    return img;
  }

  private boolean usable(Series s, int i) {
    double x = s.x()[i];
    double y = s.y()[i];
    return Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
  }

  private double[] range(boolean xAxis) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (!usable(s, i)) continue;
        double spread = !xAxis && s.spread() != null && Double.isFinite(s.spread()[i]) ? s.spread()[i] : 0;
        double v = xAxis ? s.x()[i] : s.y()[i];
        lo = Math.min(lo, v - spread);
        hi = Math.max(hi, v + spread);
      }
    }
    boolean log = xAxis ? logX : logY;
    if (log) lo = Math.max(lo, hi * 1e-6);
    if (!(lo < hi)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = Double.isFinite(hi) ? hi + 1 : 1;
      if (log) lo = Math.max(lo, hi / 10);
    }
    return log ? new double[] {Math.log10(lo), Math.log10(hi)} : new double[] {lo, hi};
  }

  private double px(double x, double[] r, int pw) {
    double v = logX ? Math.log10(x) : x;
    return LEFT + (v - r[0]) / (r[1] - r[0]) * pw;
  }

  private double py(double y, double[] r, int ph) {
    double v = logY ? Math.log10(Math.max(y, Math.pow(10, r[0]))) : y;
    return TOP + ph - (v - r[0]) / (r[1] - r[0]) * ph;
  }

  private void drawAxes(Graphics2D g, double[] xr, double[] yr, int pw, int ph) {
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, pw, ph);
    for (int i = 0; i <= 5; i++) {
      double fx = xr[0] + (xr[1] - xr[0]) * i / 5;
      double fy = yr[0] + (yr[1] - yr[0]) * i / 5;
      int x = LEFT + pw * i / 5;
      int y = TOP + ph - ph * i / 5;
      g.setColor(new Color(0xe8e8e8));
      g.drawLine(x, TOP, x, TOP + ph);
      g.drawLine(LEFT, y, LEFT + pw, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(tick(logX ? Math.pow(10, fx) : fx), x - 16, TOP + ph + 16);
      g.drawString(tick(logY ? Math.pow(10, fy) : fy), 24, y + 4);
    }
    g.setColor(Color.BLACK);
    g.drawString(xLabel + (logX ? " (log)" : ""), LEFT + pw / 2 - 40, HEIGHT - 14);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel + (logY ? " (log)" : ""), -(TOP + ph / 2 + 40), 14);
    rotated.dispose();
  }

  private static String tick(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-2 || a >= 1e4)) return String.format(Locale.ROOT, "%.1e", v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
  }

  /** Renders to PNG bytes. */
  public byte[] png() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(render(), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
