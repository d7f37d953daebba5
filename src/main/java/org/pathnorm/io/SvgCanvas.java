package org.pathnorm.io;

import java.awt.Color;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 text, the vector twin of {@link PngCanvas}. */
final class SvgCanvas implements Canvas {
  private final StringBuilder b = new StringBuilder();

  SvgCanvas(int width, int height) {
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n");
    b.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private String points(double[] xs, double[] ys, int count) {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < count; i++) p.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
    return p.toString();
  }

  @Override public void line(double x1, double y1, double x2, double y2, Color c, float width) {
    b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
        .append("\" stroke=\"").append(hex(c)).append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
  }

  @Override public void polyline(double[] xs, double[] ys, int count, Color c, float width, Dash dash) {
    if (count < 2) return;
    b.append("<polyline fill=\"none\" stroke=\"").append(hex(c)).append("\" stroke-width=\"").append(n(width))
        .append("\" stroke-linejoin=\"round\"");
    if (dash != Dash.SOLID) {
      b.append(" stroke-dasharray=\"");
      for (int i = 0; i < dash.pattern.length; i++) b.append(i == 0 ? "" : ",").append(n(dash.pattern[i]));
      b.append('"');
    } else {
      b.append(" stroke-linecap=\"round\"");
    }
    b.append(" points=\"").append(points(xs, ys, count)).append("\"/>\n");
  }

  @Override public void fillPolygon(double[] xs, double[] ys, int count, Color c, double opacity) {
    if (count < 3) return;
    b.append("<polygon fill=\"").append(hex(c)).append("\" fill-opacity=\"").append(n(opacity)).append("\" stroke=\"none\" points=\"")
        .append(points(xs, ys, count)).append("\"/>\n");
  }

  @Override public void fillCircle(double cx, double cy, double r, Color c) {
    b.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r)).append("\" fill=\"").append(hex(c))
        .append("\"/>\n");
  }

  @Override public void fillRect(double x, double y, double w, double h, Color c) {
    b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
        .append("\" fill=\"").append(hex(c)).append("\"/>\n");
  }

  @Override public void strokeRect(double x, double y, double w, double h, Color c, float width) {
    b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
        .append("\" fill=\"none\" stroke=\"").append(hex(c)).append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
  }

  @Override public void text(String s, double x, double y, float size, boolean bold, Anchor anchor, boolean vertical, Color c) {
    b.append("<text x=\"").append(n(vertical ? 0 : x)).append("\" y=\"").append(n(vertical ? 0 : y)).append("\" font-size=\"").append(n(size))
        .append("\"");
    if (bold) b.append(" font-weight=\"bold\"");
    if (anchor != Anchor.START) b.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
    if (vertical) b.append(" transform=\"translate(").append(n(x)).append(',').append(n(y)).append(") rotate(-90)\"");
    b.append(" fill=\"").append(hex(c)).append("\">").append(esc(s)).append("</text>\n");
  }

  @Override public void beginGroup(String cssClass, java.util.Map<String, String> data) {
    b.append("<g class=\"").append(esc(cssClass)).append('"');
    for (java.util.Map.Entry<String, String> e : data.entrySet()) {
      b.append(" data-").append(e.getKey()).append("=\"").append(esc(e.getValue())).append('"');
    }
    b.append(">\n");
  }

  @Override public void endGroup() {
    b.append("</g>\n");
  }

  /** The finished document. */
  String document() {
    return b + "</svg>\n";
  }
}
