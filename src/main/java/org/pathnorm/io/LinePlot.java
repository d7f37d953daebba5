package org.pathnorm.io;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A line plot written as PNG and as SVG with the JDK alone (java.awt, headless, and SVG text): several series with
 * optional error bands (mean ± spread over seeds), linear or log axes, or a categorical x axis. Log axes have their ticks
 * at whole powers of 10 or 2 labelled as powers ({@link AxisTicks}); the legend sits outside the plot area, to its right,
 * so it never covers data; each series takes its method's colour from the one {@link Palette}, a series whose colour an
 * earlier one of the figure already has being dashed. Both files come from the same drawing calls ({@link Canvas}).
 */
public final class LinePlot extends Drawing {
  /** One series: x and y values, an optional half-width of the band around y (NaN entries are skipped), joined or as dots. */
  public record Series(String label, double[] x, double[] y, double[] spread, boolean joined) {}

  /** Where the parts of the figure lie, in pixels: the whole image, the plot area and the legend box. */
  record Layout(int width, int height, Rectangle2D plot, Rectangle2D legend) {}

  static final float FONT = 12f;
  static final float TITLE_FONT = 14f;
  private static final int PLOT_WIDTH = 560;
  private static final int PLOT_HEIGHT = 340;
  private static final int TOP = 36;
  private static final int ROW = 18;
  private static final Color GRID = new Color(0xe6e6e6);
  private static final Color TEXT = new Color(0x222222);

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private List<String> categories;
  private final List<Series> series = new ArrayList<>();

  /** A plot; the axis labels should carry their units, e.g. "test error (fraction)". */
  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public LinePlot logX() {
    if (categories != null) throw new IllegalStateException("plot " + title + ": a categorical x axis cannot be logarithmic");
    logX = true;
    return this;
  }

  public LinePlot logY() {
    logY = true;
    return this;
  }

  /** A categorical x axis: x = 1, …, n stand for these names, written vertically under the axis. */
  public LinePlot categories(List<String> names) {
    if (logX) throw new IllegalStateException("plot " + title + ": a log x axis cannot be categorical");
    categories = List.copyOf(names);
    return this;
  }

  /** A series drawn as a line through dots. */
  public LinePlot add(String label, double[] x, double[] y, double[] spread) {
    return add(new Series(label, x, y, spread, true));
  }

  /** A series drawn as dots only (values of unordered categories). */
  public LinePlot dots(String label, double[] x, double[] y) {
    return add(new Series(label, x, y, null, false));
  }

  private LinePlot add(Series s) {
    if (s.x().length != s.y().length || (s.spread() != null && s.spread().length != s.y().length)) {
      throw new IllegalArgumentException("plot series " + s.label() + ": x, y and spread must have the same length");
    }
    series.add(s);
    return this;
  }

  @Override int[] size() {
    Layout l = layout();
    return new int[] {l.width(), l.height()};
  }

  @Override void draw(Canvas c) {
    draw(c, layout());
  }

  byte[] svgBytes() {
    return svg().getBytes(StandardCharsets.UTF_8);
  }

  AxisTicks xTicks() {
    if (categories != null) {
      int n = Math.max(1, categories.size());
      double[] at = new double[categories.size()];
      for (int i = 0; i < at.length; i++) at[i] = i + 1;
      return new AxisTicks(0.5, n + 0.5, at, categories.toArray(new String[0]), 0);
    }
    double[] r = range(true);
    return logX ? AxisTicks.log(r[0], r[1]) : AxisTicks.linear(r[0], r[1]);
  }

  AxisTicks yTicks() {
    double[] r = range(false);
    return logY ? AxisTicks.log(r[0], r[1]) : AxisTicks.linear(r[0], r[1]);
  }

  Layout layout() {
    AxisTicks xt = xTicks();
    AxisTicks yt = yTicks();
    double yTickWidth = 0;
    for (String s : yt.labels()) yTickWidth = Math.max(yTickWidth, PngCanvas.textWidth(s, FONT, false));
    int left = (int) Math.ceil(22 + 8 + yTickWidth + 6);
    double xBand = ROW;
    if (categories != null) for (String s : categories) xBand = Math.max(xBand, PngCanvas.textWidth(s, FONT, false) + 10);
    int bottom = (int) Math.ceil(xBand + 30);
    double legendText = 0;
    for (Series s : series) legendText = Math.max(legendText, PngCanvas.textWidth(s.label(), FONT, false));
    Rectangle2D plot = new Rectangle2D.Double(left, TOP, PLOT_WIDTH, PLOT_HEIGHT);
    double legendX = left + PLOT_WIDTH + 16;
    Rectangle2D legend = series.isEmpty() ? new Rectangle2D.Double(legendX, TOP, 0, 0)
        : new Rectangle2D.Double(legendX, TOP, 36 + legendText + 8, 8 + ROW * series.size());
    int width = (int) Math.ceil(Math.max(legend.getMaxX() + 12, left + PngCanvas.textWidth(title, TITLE_FONT, true) + 12));
    int height = (int) Math.ceil(Math.max(TOP + PLOT_HEIGHT + bottom, legend.getMaxY() + 12));
    return new Layout(width, height, plot, legend);
  }

  /** The colour and dash of each series: its palette colour, dashed (then dotted, …) when an earlier series has that colour. */
  List<Color> colours() {
    List<Color> out = new ArrayList<>();
    Set<Color> used = new HashSet<>();
    for (Series s : series) {
      Color c = Palette.colour(s.label(), used);
      used.add(c);
      out.add(c);
    }
    return out;
  }

  private List<Canvas.Dash> dashes(List<Color> colours) {
    List<Canvas.Dash> out = new ArrayList<>();
    for (int i = 0; i < colours.size(); i++) {
      int before = 0;
      for (int j = 0; j < i; j++) if (colours.get(j).equals(colours.get(i))) before++;
      out.add(Canvas.Dash.values()[before % Canvas.Dash.values().length]);
    }
    return out;
  }

  private void draw(Canvas c, Layout l) {
    AxisTicks xt = xTicks();
    AxisTicks yt = yTicks();
    Rectangle2D p = l.plot();
    for (int i = 0; i < xt.at().length; i++) {
      double x = px(xt.at()[i], xt, p);
      c.line(x, p.getMinY(), x, p.getMaxY(), GRID, 1f);
      if (categories != null) c.text(xt.labels()[i], x + 4, p.getMaxY() + 6, FONT, false, Canvas.Anchor.END, true, TEXT);
      else c.text(xt.labels()[i], x, p.getMaxY() + 16, FONT, false, Canvas.Anchor.MIDDLE, false, TEXT);
    }
    for (int i = 0; i < yt.at().length; i++) {
      double y = py(yt.at()[i], yt, p);
      c.line(p.getMinX(), y, p.getMaxX(), y, GRID, 1f);
      c.text(yt.labels()[i], p.getMinX() - 6, y + 4, FONT, false, Canvas.Anchor.END, false, TEXT);
    }
    if (!logY && yt.lo() < 0 && yt.hi() > 0) c.line(p.getMinX(), py(0, yt, p), p.getMaxX(), py(0, yt, p), new Color(0x999999), 1f);
    List<Color> colours = colours();
    List<Canvas.Dash> dashes = dashes(colours);
    for (int s = 0; s < series.size(); s++) {
      Series line = series.get(s);
      Color col = colours.get(s);
      int n = line.x().length;
      double[] xs = new double[2 * n];
      double[] ys = new double[2 * n];
      if (line.spread() != null) {
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (!usable(line, i)) continue;
          xs[k] = px(toX(line.x()[i]), xt, p);
          ys[k++] = py(toY(line.y()[i] + line.spread()[i]), yt, p);
        }
        for (int i = n - 1; i >= 0; i--) {
          if (!usable(line, i)) continue;
          xs[k] = px(toX(line.x()[i]), xt, p);
          ys[k++] = py(toY(line.y()[i] - line.spread()[i]), yt, p);
        }
        c.fillPolygon(xs, ys, k, col, 0.18);
      }
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!usable(line, i)) continue;
        xs[k] = px(toX(line.x()[i]), xt, p);
        ys[k++] = py(toY(line.y()[i]), yt, p);
      }
      if (line.joined()) c.polyline(xs, ys, k, col, 2f, dashes.get(s));
      for (int i = 0; i < k; i++) c.fillCircle(xs[i], ys[i], line.joined() ? 3 : 4, col);
      double ly = l.legend().getMinY() + 4 + ROW * s + ROW / 2.0;
      double lx = l.legend().getMinX() + 6;
      if (line.joined()) c.polyline(new double[] {lx, lx + 24}, new double[] {ly, ly}, 2, col, 2f, dashes.get(s));
      c.fillCircle(lx + 12, ly, line.joined() ? 3 : 4, col);
      c.text(line.label(), lx + 30, ly + 4, FONT, false, Canvas.Anchor.START, false, TEXT);
    }
    if (!series.isEmpty()) c.strokeRect(l.legend().getMinX(), l.legend().getMinY(), l.legend().getWidth(), l.legend().getHeight(), GRID, 1f);
    c.strokeRect(p.getMinX(), p.getMinY(), p.getWidth(), p.getHeight(), Color.BLACK, 1f);
    c.text(xLabel, p.getCenterX(), l.height() - 8, FONT, false, Canvas.Anchor.MIDDLE, false, Color.BLACK);
    c.text(yLabel, 18, p.getCenterY(), FONT, false, Canvas.Anchor.MIDDLE, true, Color.BLACK);
    c.text(title, p.getMinX(), 22, TITLE_FONT, true, Canvas.Anchor.START, false, Color.BLACK);
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
        boolean log = xAxis ? logX : logY;
        lo = Math.min(lo, log && v - spread <= 0 ? v : v - spread);
        hi = Math.max(hi, v + spread);
      }
    }
    if ((xAxis ? logX : logY) && lo < hi) lo = Math.max(lo, hi * 1e-6);
    return new double[] {lo, hi};
  }

  private double toX(double x) {
    return logX ? Math.log10(x) : x;
  }

  private double toY(double y) {
    return logY ? (y > 0 ? Math.log10(y) : Double.NEGATIVE_INFINITY) : y;
  }

  /** A plot coordinate (log10 on a log axis) to pixels, clamped to the plot area. */
  static double px(double v, AxisTicks t, Rectangle2D p) {
    double f = (v - t.lo()) / (t.hi() - t.lo());
    return p.getMinX() + Math.max(0, Math.min(1, f)) * p.getWidth();
  }

  static double py(double v, AxisTicks t, Rectangle2D p) {
    double f = (v - t.lo()) / (t.hi() - t.lo());
    return p.getMaxY() - Math.max(0, Math.min(1, Double.isNaN(f) ? 0 : f)) * p.getHeight();
  }

  /** The pixel position of a data point (value coordinates), for tests. */
  double[] pixel(double x, double y) {
    Layout l = layout();
    return new double[] {px(toX(x), xTicks(), l.plot()), py(toY(y), yTicks(), l.plot())};
  }
}
