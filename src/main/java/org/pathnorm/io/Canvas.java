package org.pathnorm.io;

import java.awt.Color;

/**
 * What a plot draws on, in pixels from the top-left corner: {@link PngCanvas} (java.awt, for PNG) and {@link SvgCanvas}
 * (SVG text) draw the same figure from the same calls.
 */
interface Canvas {
  /** Where a text's x coordinate lies: its start, middle or end. */
  enum Anchor { START, MIDDLE, END }

  /** A line dash: solid, dashed, dotted or dash-dotted. */
  enum Dash {
    SOLID(new float[0]), DASHED(new float[] {7, 4}), DOTTED(new float[] {2, 3}), DASH_DOT(new float[] {7, 3, 2, 3});

    final float[] pattern;

    Dash(float[] pattern) {
      this.pattern = pattern;
    }
  }

  void line(double x1, double y1, double x2, double y2, Color c, float width);

  /** The first n points joined by straight lines. */
  void polyline(double[] xs, double[] ys, int n, Color c, float width, Dash dash);

  /** The polygon of the first n points, filled with c at the given opacity (0–1). */
  void fillPolygon(double[] xs, double[] ys, int n, Color c, double opacity);

  void fillCircle(double cx, double cy, double r, Color c);

  void fillRect(double x, double y, double w, double h, Color c);

  void strokeRect(double x, double y, double w, double h, Color c, float width);

  /** Text with its baseline at y; vertical text reads bottom to top, x then being its baseline and y its anchor. */
  void text(String s, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical, Color c);

  /**
   * Starts a group of the following calls, named by a class and data attributes (name → value) so that a reader of the SVG
   * can find one element of a figure, e.g. one cell of a heat map; the PNG has no such structure and ignores it.
   */
  default void beginGroup(String cssClass, java.util.Map<String, String> data) {}

  /** Ends the group that the last {@link #beginGroup} started. */
  default void endGroup() {}
}
