package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.LinePlot;

/**
 * One figure of an experiment: its series go to {@code NAME.svg} and {@code NAME.png} (the same plot, vector and raster)
 * and {@code NAME.csv} (long format: series,x,y,spread), all in the experiment's directory. Axis labels carry units.
 */
final class Figure {
  private final String name;
  private final LinePlot plot;
  private final StringBuilder csv = new StringBuilder("series,x,y,spread\n");

  Figure(String name, String title, String xLabel, String yLabel) {
    this.name = name;
    this.plot = new LinePlot(title, xLabel, yLabel);
  }

  Figure logX() {
    plot.logX();
    return this;
  }

  Figure logY() {
    plot.logY();
    return this;
  }

  /** A categorical x axis: x = 1, …, n stand for these names. */
  Figure categories(java.util.List<String> names) {
    plot.categories(names);
    return this;
  }

  /** A series drawn as dots only, with its rows in the CSV as for {@link #add}. */
  Figure dots(String label, double[] x, double[] y) {
    plot.dots(label, x, y);
    rows(label, x, y, null);
    return this;
  }

  Figure add(String label, double[] x, double[] y, double[] spread) {
    plot.add(label, x, y, spread);
    rows(label, x, y, spread);
    return this;
  }

  private void rows(String label, double[] x, double[] y, double[] spread) {
    for (int i = 0; i < x.length; i++) {
      csv.append('"').append(label.replace("\"", "'")).append("\",").append(num(x[i])).append(',').append(num(y[i])).append(',')
          .append(spread == null ? "" : num(spread[i])).append('\n');
    }
  }

  /** Writes both files and lists them in the section under {@code prefix/} (the experiment's directory). */
  void write(Path dir, String prefix, String caption, ReportSection section) throws IOException {
    plot.write(dir.resolve(name + ".png"));
    plot.writeSvg(dir.resolve(name + ".svg"));
    AtomicFiles.writeString(dir.resolve(name + ".csv"), csv.toString());
    section.figure(prefix + "/" + name + ".svg", prefix + "/" + name + ".png", prefix + "/" + name + ".csv", caption);
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }
}
