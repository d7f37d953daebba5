package org.pathnorm.io;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A heat map of values in [−1, 1] (correlations such as Kendall's τ), written as PNG and as SVG with the JDK alone from the
 * same drawing calls ({@link Canvas}): one cell per (row, column) filled from a diverging scale (ColorBrewer RdBu: −1 red,
 * 0 near-white, +1 blue; values outside [−1, 1] are clamped) and labelled with its value to two decimals; a cell without a
 * value (NaN) is grey and labelled "–". Row names lie left of the grid, column names under it, and the colour bar with its
 * ticks and label to the right of the grid, so nothing covers a cell. In the SVG each cell is a group
 * {@code <g class="cell" data-row=… data-column=… data-value=…>}.
 */
public final class HeatMap extends Drawing {
  /** The colour scale's stops at −1, −2/3, …, +1 (ColorBrewer RdBu, seven classes). */
  private static final Color[] STOPS = {new Color(0xb2182b), new Color(0xef8a62), new Color(0xfddbc7), new Color(0xf7f7f7),
      new Color(0xd1e5f0), new Color(0x67a9cf), new Color(0x2166ac)};
  static final Color MISSING = new Color(0xd9d9d9);
  private static final Color TEXT = new Color(0x222222);
  private static final float FONT = LinePlot.FONT;
  private static final float CELL_FONT = 11f;
  private static final int TOP = 44;
  private static final int ROW = 22;
  private static final int BAR_WIDTH = 16;
  private static final int BAR_STEPS = 100;

  private final String title;
  private final String rowLabel;
  private final String columnLabel;
  private final String scaleLabel;
  private final List<String> rows;
  private final List<String> columns;
  private final double[][] values;

  /**
   * A heat map of {@code values[r][c]} for the named rows and columns; the labels carry their units, e.g. "Kendall's τ
   * (dimensionless, −1 to 1)" for the scale.
   */
  public HeatMap(String title, String rowLabel, String columnLabel, String scaleLabel, List<String> rows, List<String> columns,
      double[][] values) {
    if (values.length != rows.size()) {
      throw new IllegalArgumentException("heat map " + title + ": " + values.length + " rows of values for " + rows.size() + " row names");
    }
    for (int r = 0; r < values.length; r++) {
      if (values[r].length != columns.size()) {
        throw new IllegalArgumentException("heat map " + title + ": row " + rows.get(r) + " has " + values[r].length + " values for "
            + columns.size() + " columns");
      }
    }
    this.title = title;
    this.rowLabel = rowLabel;
    this.columnLabel = columnLabel;
    this.scaleLabel = scaleLabel;
    this.rows = List.copyOf(rows);
    this.columns = List.copyOf(columns);
    this.values = new double[values.length][];
    for (int r = 0; r < values.length; r++) this.values[r] = values[r].clone();
  }

  /** The colour of a value: linear in RGB between the stops of the diverging scale; grey for NaN. */
  public static Color colour(double v) {
    if (Double.isNaN(v)) return MISSING;
    double t = (Math.max(-1, Math.min(1, v)) + 1) / 2 * (STOPS.length - 1);
    int i = Math.min(STOPS.length - 2, (int) Math.floor(t));
    double f = t - i;
    Color a = STOPS[i];
    Color b = STOPS[i + 1];
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())), (int) Math.round(a.getGreen() + f * (b.getGreen()
        - a.getGreen())), (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  @Override int[] size() {
    Layout l = layout();
    return new int[] {l.width(), l.height()};
  }

  @Override void draw(Canvas c) {
    draw(c, layout());
  }

  /** Where the parts lie, in pixels: the image, the grid's corner, a cell's size, the colour bar's corner and height. */
  record Layout(int width, int height, double gridX, double gridY, double cellWidth, double barX, double barHeight) {}

  Layout layout() {
    double rowText = 0;
    for (String r : rows) rowText = Math.max(rowText, PngCanvas.textWidth(r, FONT, false));
    double cellWidth = 52;
    for (String c : columns) cellWidth = Math.max(cellWidth, PngCanvas.textWidth(c, FONT, false) + 12);
    double gridX = Math.ceil(22 + 8 + rowText + 8);
    double gridHeight = ROW * rows.size();
    double barX = gridX + cellWidth * columns.size() + 24;
    double barHeight = Math.max(Math.max(120, PngCanvas.textWidth(scaleLabel, FONT, false) + 8), Math.min(gridHeight, 260));
    double tickText = PngCanvas.textWidth("−0.5", FONT, false);
    double right = barX + BAR_WIDTH + 6 + tickText + 12 + 18;
    double missingText = barX + 18 + PngCanvas.textWidth("no value", FONT, false) + 12;
    int width = (int) Math.ceil(Math.max(Math.max(right, missingText), gridX + PngCanvas.textWidth(title, LinePlot.TITLE_FONT, true) + 12));
    int height = (int) Math.ceil(Math.max(TOP + gridHeight + 22 + 26, TOP + barHeight + 40));
    return new Layout(width, height, gridX, TOP, cellWidth, barX, barHeight);
  }

  private static String label(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v).replace('-', '−');
  }

  private void draw(Canvas c, Layout l) {
    double gx = l.gridX();
    double gy = l.gridY();
    double w = l.cellWidth();
    for (int r = 0; r < rows.size(); r++) {
      double y = gy + ROW * r;
      c.text(rows.get(r), gx - 8, y + ROW / 2.0 + 4, FONT, false, Canvas.Anchor.END, false, TEXT);
      for (int k = 0; k < columns.size(); k++) {
        double v = values[r][k];
        Map<String, String> data = new LinkedHashMap<>();
        data.put("row", rows.get(r));
        data.put("column", columns.get(k));
        data.put("value", Double.isNaN(v) ? "" : Double.toString(v));
        c.beginGroup("cell", data);
        Color fill = colour(v);
        c.fillRect(gx + w * k, y, w, ROW, fill);
        // dark cells take white text: the luminance of the fill decides
        double lum = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue();
        c.text(label(v), gx + w * k + w / 2, y + ROW / 2.0 + 4, CELL_FONT, false, Canvas.Anchor.MIDDLE, false, lum < 128 ? Color.WHITE : TEXT);
        c.endGroup();
      }
    }
    for (int k = 0; k <= columns.size(); k++) c.line(gx + w * k, gy, gx + w * k, gy + ROW * rows.size(), Color.WHITE, 1f);
    for (int r = 0; r <= rows.size(); r++) c.line(gx, gy + ROW * r, gx + w * columns.size(), gy + ROW * r, Color.WHITE, 1f);
    c.strokeRect(gx, gy, w * columns.size(), ROW * rows.size(), Color.BLACK, 1f);
    double bottom = gy + ROW * rows.size();
    for (int k = 0; k < columns.size(); k++) {
      c.text(columns.get(k), gx + w * k + w / 2, bottom + 16, FONT, false, Canvas.Anchor.MIDDLE, false, TEXT);
    }
    c.text(columnLabel, gx + w * columns.size() / 2, bottom + 40, FONT, false, Canvas.Anchor.MIDDLE, false, Color.BLACK);
    c.text(rowLabel, 18, gy + ROW * rows.size() / 2.0, FONT, false, Canvas.Anchor.MIDDLE, true, Color.BLACK);
    c.text(title, gx, 22, LinePlot.TITLE_FONT, true, Canvas.Anchor.START, false, Color.BLACK);
    // the colour bar: +1 at the top, −1 at the bottom, ticks every 0.5; its label runs up its right side
    double bx = l.barX();
    double bh = l.barHeight();
    double step = bh / BAR_STEPS;
    for (int i = 0; i < BAR_STEPS; i++) {
      double v = 1 - 2 * (i + 0.5) / BAR_STEPS;
      c.fillRect(bx, gy + step * i, BAR_WIDTH, step + 0.5, colour(v));
    }
    c.strokeRect(bx, gy, BAR_WIDTH, bh, Color.BLACK, 1f);
    double tickRight = bx + BAR_WIDTH + 6 + PngCanvas.textWidth("−0.5", FONT, false);
    for (int t = 0; t <= 4; t++) {
      double v = 1 - 0.5 * t;
      double y = gy + bh * (1 - v) / 2;
      c.line(bx + BAR_WIDTH, y, bx + BAR_WIDTH + 4, y, Color.BLACK, 1f);
      c.text(String.format(Locale.ROOT, "%.1f", v).replace('-', '−'), bx + BAR_WIDTH + 6, y + 4, FONT, false, Canvas.Anchor.START, false, TEXT);
    }
    c.text(scaleLabel, tickRight + 18, gy + bh / 2, FONT, false, Canvas.Anchor.MIDDLE, true, Color.BLACK);
    c.fillRect(bx, gy + bh + 14, BAR_WIDTH, 12, MISSING);
    c.strokeRect(bx, gy + bh + 14, BAR_WIDTH, 12, Color.BLACK, 1f);
    c.text("no value", bx + BAR_WIDTH + 6, gy + bh + 24, FONT, false, Canvas.Anchor.START, false, TEXT);
  }
}
