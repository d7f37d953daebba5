package org.pathnorm.measures;

import java.util.List;
import java.util.Locale;

/** The human-readable form of a {@link MeasureReport}: one line per measure (its JSON key), one row per layer. */
public final class MeasureTable {
  private MeasureTable() {}

  /** The table {@code pathnorm measures} prints without {@code --json}. */
  public static String format(MeasureReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "network %s (%d parameters), margins on %s (%d samples)%n", r.architecture(),
        r.parameters(), r.data(), r.samples()));
    sb.append(String.format(Locale.ROOT, "margin (%.3g-th percentile) %.6g, train error %.4f%n", r.marginPercentile(),
        r.margin(), r.trainError()));
    sb.append(String.format(Locale.ROOT, "%-5s %9s %12s %12s %12s %12s %12s %6s %9s%n", "layer", "shape", "frobenius",
        "spectral", "l1_inf", "l3_1.5", "trace", "iters", "rel_err"));
    for (LayerMeasures l : r.layers()) {
      sb.append(String.format(Locale.ROOT, "%-5d %9s %12.6g %12.6g %12.6g %12.6g %12s %6d %9.2g%n", l.layer(),
          l.rows() + "x" + l.cols(), l.frobenius(), l.spectral().value(), l.l1Inf(), l.l31_5(), number(l.traceNorm()),
          l.spectral().iterations(), l.spectral().relativeError()));
    }
    section(sb, "measures", MeasureKeys.measures(r));
    section(sb, "normalized (measure / margin)", MeasureKeys.normalized(r.normalized()));
    section(sb, "normalized_squared (measure^2 / margin^2)", MeasureKeys.normalized(r.normalizedSquared()));
    section(sb, "bounds", MeasureKeys.bounds(r.bounds()));
    section(sb, "capacity", MeasureKeys.capacity(r.capacity()));
    r.sharpness().ifPresent(s ->
        sb.append(String.format(Locale.ROOT, "sharpness (alpha %.3g): %.6g%n", s.options().alpha(), s.sharpness())));
    r.pacBayes().ifPresent(pb -> {
      for (PacBayes.Point p : pb.frontier()) {
        sb.append(String.format(Locale.ROOT, "pac-bayes alpha %.3g: KL %.6g, expected sharpness %.6g%n", p.alpha(), p.kl(),
            p.expectedSharpness()));
      }
      sb.append(String.format(Locale.ROOT, "pac-bayes sigma at target: %.6g%n", pb.sigmaAtTarget().orElse(Double.NaN)));
    });
    r.conditions().ifPresent(c ->
        sb.append(String.format(Locale.ROOT, "C1 1/mu: %.6g (median %.6g)%n", c.inverseMu(), c.c1All().median())));
    return sb.toString();
  }

  /** %.6g, or "-" for a value not computed (NaN). */
  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static void section(StringBuilder sb, String title, List<MeasureKeys.Entry> entries) {
    sb.append(title).append(':').append(System.lineSeparator());
    for (MeasureKeys.Entry e : entries) {
      sb.append(String.format(Locale.ROOT, "  %-48s %s%n", e.key(), number(e.value())));
    }
  }
}
