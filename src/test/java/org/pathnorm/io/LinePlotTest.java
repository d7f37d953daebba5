package org.pathnorm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The plotter: ticks at powers on log axes, nice linear ticks, the legend off the data, one palette, SVG and PNG alike. */
class LinePlotTest {

  @Test
  void logTicksAreWholePowersLabelledAsPowers() {
    double[][] ranges = {{1e-3, 0.5}, {4, 4096}, {0.011, 0.03}, {3, 5}, {1, 1}, {2e-7, 7e5}, {0.9, 1.1}};
    for (double[] r : ranges) {
      AxisTicks t = AxisTicks.log(r[0], r[1]);
      assertTrue(t.base() == 10 || t.base() == 2, Double.toString(r[0]));
      assertEquals(Math.log10(r[1] / r[0]) >= 2 ? 10 : 2, t.base(), "base for " + r[0] + ".." + r[1]);
      assertTrue(t.at().length >= 2 && t.at().length <= AxisTicks.MAX_TICKS + 1, "tick count " + t.at().length);
      assertTrue(t.lo() <= Math.log10(r[0]) + 1e-12 && t.hi() >= Math.log10(r[1]) - 1e-12, "range covers " + r[0] + ".." + r[1]);
      for (int i = 0; i < t.at().length; i++) {
        double k = t.at()[i] / Math.log10(t.base());
        assertEquals(Math.rint(k), k, 1e-9, "tick " + i + " is not a whole power");
        assertEquals(t.base() + AxisTicks.superscript((int) Math.rint(k)), t.labels()[i]);
      }
    }
    assertEquals("10⁻³", AxisTicks.log(1e-3, 1).labels()[0]);
    assertEquals("¹²", AxisTicks.superscript(12));
    assertEquals("2⁶", AxisTicks.log(64, 100).labels()[0]);
  }

  @Test
  void linearTicksAreOneTwoOrFiveTimesAPowerOfTen() {
    double[][] ranges = {{0, 1}, {-0.37, 0.52}, {0.0011, 0.0019}, {3, 1234}, {-5, -5}, {17, 33}};
    for (double[] r : ranges) {
      AxisTicks t = AxisTicks.linear(r[0], r[1]);
      assertEquals(0, t.base());
      assertTrue(t.lo() <= r[0] && t.hi() >= r[1], "range covers " + r[0] + ".." + r[1]);
      double step = t.at()[1] - t.at()[0];
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertTrue(Set.of(1L, 2L, 5L, 10L).contains(Math.round(mantissa)) && Math.abs(mantissa - Math.round(mantissa)) < 1e-6,
          "step " + step);
      assertTrue(t.at().length <= 12, "ticks " + t.at().length);
      for (String l : t.labels()) assertFalse(l.isEmpty());
    }
  }

  private static LinePlot crowded() {
    LinePlot p = new LinePlot("crowded", "epoch", "test error (fraction)");
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) x[i] = i + 1;
    String[] labels = {"SGD balanced", "Path-SGD unbalanced with a long label that is wider than the usual", "Adam", "test error", "SGD (η=0.1)"};
    for (int s = 0; s < labels.length; s++) {
      double[] y = new double[x.length];
      double[] spread = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = 0.05 + 0.9 * Math.exp(-i / (5.0 + s)) + 0.01 * s;
        spread[i] = 0.02;
      }
      p.add(labels[s], x, y, spread);
    }
    return p;
  }

  @Test
  void theLegendLiesOutsideThePlotAreaAndInsideTheImage() {
    for (LinePlot p : List.of(crowded(), crowded().logY(), crowded().logX().logY())) {
      LinePlot.Layout l = p.layout();
      assertFalse(l.legend().intersects(l.plot()), "legend " + l.legend() + " overlaps the plot area " + l.plot());
      Rectangle2D image = new Rectangle2D.Double(0, 0, l.width(), l.height());
      assertTrue(image.contains(l.legend()) && image.contains(l.plot()), "legend or plot outside the image");
      for (double[] xy : new double[][] {{1, 0.95}, {50, 0.05}, {25, 0.3}}) {
        double[] px = p.pixel(xy[0], xy[1]);
        assertTrue(l.plot().contains(px[0], px[1]) || onBorder(l.plot(), px), "data point " + xy[0] + "," + xy[1] + " off the plot area");
        assertFalse(l.legend().contains(px[0], px[1]), "the legend covers a data point");
      }
    }
  }

  private static boolean onBorder(Rectangle2D r, double[] p) {
    return p[0] >= r.getMinX() - 1e-9 && p[0] <= r.getMaxX() + 1e-9 && p[1] >= r.getMinY() - 1e-9 && p[1] <= r.getMaxY() + 1e-9;
  }

  @Test
  void svgIsWellFormedAndTheSameSizeAsThePng() throws Exception {
    LinePlot p = crowded().logY();
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(p.svgBytes()));
    assertEquals("svg", d.getDocumentElement().getTagName());
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(p.png()));
    assertEquals(Integer.toString(png.getWidth()), d.getDocumentElement().getAttribute("width"));
    assertEquals(Integer.toString(png.getHeight()), d.getDocumentElement().getAttribute("height"));
    NodeList texts = d.getElementsByTagName("text");
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < texts.getLength(); i++) all.append(texts.item(i).getTextContent()).append('\n');
    for (String label : p.yTicks().labels()) assertTrue(all.toString().contains(label), "no tick label " + label + " in the SVG");
    assertTrue(all.toString().contains("test error (fraction)"));
    assertTrue(all.toString().contains("SGD (η=0.1)"));
    // the plot area's frame is black in the PNG where the layout puts it
    LinePlot.Layout l = p.layout();
    int darkest = 255;
    for (int y = (int) l.plot().getMinY() - 1; y <= (int) l.plot().getMinY() + 1; y++) {
      darkest = Math.min(darkest, png.getRGB((int) l.plot().getCenterX(), y) & 0xff);
    }
    assertTrue(darkest < 160, "no frame at the plot's top edge in the PNG (darkest blue level " + darkest + ")");
  }

  @Test
  void everyMethodHasOneColourAcrossFigures() {
    Color sgd = Palette.METHODS.get("SGD");
    assertEquals("SGD", Palette.method("IRNN SGD clipped"));
    assertEquals("SGD", Palette.method("SGD (η=0.1)"));
    assertEquals("DDP-SGD", Palette.method("DDP-SGD alpha=0.5, 1-ulp perturbed"));
    assertEquals("Path-SGD", Palette.method("Path-SGD balanced"));
    assertEquals(Palette.METHODS.get("Path-SGD"), Palette.METHODS.get("RNN-Path"));
    assertNull(Palette.method("test error"));
    assertEquals(sgd, Palette.colour("SGD balanced", Set.of()));
    assertEquals(sgd, Palette.colour("ReLU RNN SGD", Set.of(sgd)));
    for (Color c : Palette.OTHERS) assertFalse(Palette.METHODS.containsValue(c), "a non-method colour equals a method's");
    assertEquals(Palette.METHODS.size() - 1, Set.copyOf(Palette.METHODS.values()).size(), "two methods share a colour (only RNN-Path may)");
    // in a figure: the two SGD series share SGD's colour, the second dashed; the other labels get distinct colours
    LinePlot p = crowded();
    List<Color> colours = p.colours();
    assertEquals(sgd, colours.get(0));
    assertEquals(sgd, colours.get(4));
    assertEquals(Palette.METHODS.get("Adam"), colours.get(2));
    assertNotEquals(colours.get(3), colours.get(0));
    String svg = p.svg();
    assertTrue(svg.contains(String.format(Locale.ROOT, "stroke=\"#%06x\"", sgd.getRGB() & 0xffffff)), "SGD's colour not in the SVG");
    assertTrue(svg.contains("stroke-dasharray"), "the second SGD series is not dashed");
  }

  @Test
  void categoricalAxisAndBadSeriesAreHandled() {
    LinePlot p = new LinePlot("tau", "measure", "Kendall's τ").categories(List.of("a", "bb", "ccc"));
    p.dots("τ", new double[] {1, 2, 3}, new double[] {-0.5, 0.1, 0.7});
    AxisTicks x = p.xTicks();
    assertEquals(List.of("a", "bb", "ccc"), List.of(x.labels()));
    assertTrue(x.lo() < 1 && x.hi() > 3);
    assertTrue(p.svg().contains(">ccc</text>"));
    assertThrows(IllegalStateException.class, p::logX);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.add("bad", new double[2], new double[3], null));
    assertTrue(e.getMessage().contains("bad"), e.getMessage());
  }
}
