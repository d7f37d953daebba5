package org.pathnorm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The heat map: a diverging scale on [−1, 1], one SVG cell per (row, column) with its value's colour, the same in the PNG, the colour bar off the grid. */
class HeatMapTest {
  private static final List<String> ROWS = List.of("l2_path_norm", "capacity.spectral", "normalized_squared.frobenius_product");
  private static final List<String> COLUMNS = List.of("depth", "width", "weight_decay");
  private static final double[][] VALUES = {{1, 0.5, -0.25}, {-1, 0, Double.NaN}, {0.9, -0.6, 3}};

  private static HeatMap map() {
    return new HeatMap("ψ per axis", "measure", "hyperparameter axis", "ψ (−1 to 1)", ROWS, COLUMNS, VALUES);
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static int lightness(Color c) {
    return c.getRed() + c.getGreen() + c.getBlue();
  }

  @Test
  void scaleDivergesFromWhiteToRedAndBlue() {
    assertEquals(new Color(0xb2182b), HeatMap.colour(-1));
    assertEquals(new Color(0xf7f7f7), HeatMap.colour(0));
    assertEquals(new Color(0x2166ac), HeatMap.colour(1));
    assertEquals(HeatMap.colour(1), HeatMap.colour(7), "values beyond 1 are clamped");
    assertEquals(HeatMap.colour(-1), HeatMap.colour(Double.NEGATIVE_INFINITY));
    assertEquals(HeatMap.MISSING, HeatMap.colour(Double.NaN));
    // negative values are red (red > blue), positive ones blue, and the farther from 0 the darker
    for (int i = 1; i <= 10; i++) {
      Color neg = HeatMap.colour(-i / 10.0);
      Color pos = HeatMap.colour(i / 10.0);
      assertTrue(neg.getRed() > neg.getBlue() && pos.getBlue() > pos.getRed(), "hue at ±" + i / 10.0);
    }
    assertTrue(lightness(HeatMap.colour(0.9)) < lightness(HeatMap.colour(0.3)) && lightness(HeatMap.colour(-0.9)) < lightness(HeatMap.colour(-0.3)));
    // between two stops, linear: the midpoint of 0 and 1/3 is the mean of their colours
    Color mid = HeatMap.colour(1 / 6.0);
    assertEquals((0xf7 + 0xd1) / 2.0, mid.getRed(), 0.51);
    assertEquals((0xf7 + 0xe5) / 2.0, mid.getGreen(), 0.51);
  }

  @Test
  void svgHasOneCellPerRowAndColumnInItsValuesColour() throws Exception {
    HeatMap m = map();
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(m.svg().getBytes(StandardCharsets.UTF_8)));
    NodeList groups = d.getElementsByTagName("g");
    Set<String> seen = new HashSet<>();
    int cells = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (!g.getAttribute("class").equals("cell")) continue;
      cells++;
      int r = ROWS.indexOf(g.getAttribute("data-row"));
      int c = COLUMNS.indexOf(g.getAttribute("data-column"));
      assertTrue(r >= 0 && c >= 0, g.getAttribute("data-row") + " / " + g.getAttribute("data-column"));
      assertTrue(seen.add(r + "," + c), "two cells for " + r + "," + c);
      double v = VALUES[r][c];
      assertEquals(Double.isNaN(v) ? "" : Double.toString(v), g.getAttribute("data-value"));
      Element rect = (Element) g.getElementsByTagName("rect").item(0);
      assertEquals(hex(HeatMap.colour(v)), rect.getAttribute("fill"));
      String text = g.getElementsByTagName("text").item(0).getTextContent();
      assertEquals(Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v).replace('-', '−'), text);
    }
    assertEquals(ROWS.size() * COLUMNS.size(), cells);
    String svg = m.svg();
    for (String label : List.of("ψ (−1 to 1)", "hyperparameter axis", "measure", "no value", "−1.0", "1.0", "normalized_squared.frobenius_product")) {
      assertTrue(svg.contains(">" + label + "<"), label);
    }
  }

  @Test
  void pngHasTheCellColoursAndTheBarLiesRightOfTheGrid() throws Exception {
    HeatMap m = map();
    HeatMap.Layout l = m.layout();
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(m.png()));
    assertEquals(l.width(), png.getWidth());
    assertEquals(l.height(), png.getHeight());
    for (int r = 0; r < ROWS.size(); r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        int x = (int) Math.ceil(l.gridX() + l.cellWidth() * c) + 3;
        int y = (int) Math.ceil(l.gridY() + 22 * r) + 3;
        assertEquals(HeatMap.colour(VALUES[r][c]).getRGB(), png.getRGB(x, y), "cell " + r + "," + c);
      }
    }
    double gridRight = l.gridX() + l.cellWidth() * COLUMNS.size();
    assertTrue(l.barX() > gridRight, "colour bar over the grid");
    assertTrue(l.cellWidth() >= PngCanvas.textWidth("weight_decay", LinePlot.FONT, false), "column name wider than its cell");
    assertTrue(l.gridX() > PngCanvas.textWidth("normalized_squared.frobenius_product", LinePlot.FONT, false), "row names cut");
    // the bar's top is +1 (the darkest blue), its bottom −1 (the darkest red)
    int bx = (int) l.barX() + 8;
    Color top = new Color(png.getRGB(bx, (int) l.gridY() + 1));
    Color bottom = new Color(png.getRGB(bx, (int) (l.gridY() + l.barHeight()) - 2));
    assertTrue(top.getBlue() > 150 && top.getRed() < 70, "bar top " + top);
    assertTrue(bottom.getRed() > 150 && bottom.getBlue() < 70, "bar bottom " + bottom);
  }

  @Test
  void mismatchedValuesAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HeatMap("psi", "m", "a", "s", ROWS, COLUMNS, new double[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}}));
    assertTrue(e.getMessage().contains("row capacity.spectral has 2 values for 3 columns"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new HeatMap("psi", "m", "a", "s", ROWS, COLUMNS, new double[][] {{1, 2, 3}}));
  }
}
