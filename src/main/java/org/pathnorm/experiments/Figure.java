package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.LinePlot;

/**
 * One figure of an experiment: its series go to {@code NAME.png} (plotted) and {@code NAME.csv}
 * (long format: series,x,y,spread), both in the experiment's directory.
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

  Figure add(String label, double[] x, double[] y, double[] spread) {
    plot.add(label, x, y, spread);
    for (int i = 0; i < x.length; i++) {
      csv.append('"').append(label.replace("\"", "'")).append("\",").append(num(x[i])).append(',').append(num(y[i])).append(',')
          .append(spread == null ? "" : num(spread[i])).append('\n');
    }
    return this;
  }

  /** Writes both files and lists them in the section under {@code prefix/} (the experiment's directory). */
  void write(Path dir, String prefix, String caption, ReportSection section) throws IOException {
    plot.write(dir.resolve(name + ".png"));
    AtomicFiles.writeString(dir.resolve(name + ".csv"), csv.toString());
    section.figure(prefix + "/" + name + ".png", prefix + "/" + name + ".csv", caption);
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }
}
