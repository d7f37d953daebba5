package org.pathnorm.measures;

import java.util.Locale;
import java.util.Map;

/** The human-readable form of a {@link MeasureReport}: one line per measure, one row per layer. */
public final class MeasureTable {
  private MeasureTable() {}

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
    section(sb, "measures", r.measures());
    section(sb, "normalized (measure / margin)", r.normalized());
    section(sb, "normalized_squared (measure^2 / margin^2)", r.normalizedSquared());
    section(sb, "bounds", r.bounds());
    section(sb, "capacity", r.capacity());
    if (r.sharpness() != null) {
      sb.append(String.format(Locale.ROOT, "sharpness (alpha %.3g): %.6g%n", r.sharpness().options().alpha(), r.sharpness().sharpness()));
    }
    if (r.pacBayes() != null) {
      for (PacBayes.Point p : r.pacBayes().frontier()) {
        sb.append(String.format(Locale.ROOT, "pac-bayes alpha %.3g: KL %.6g, expected sharpness %.6g%n", p.alpha(), p.kl(),
            p.expectedSharpness()));
      }
      sb.append(String.format(Locale.ROOT, "pac-bayes sigma at target: %.6g%n", r.pacBayes().sigmaAtTarget()));
    }
    if (r.conditions() != null) {
      sb.append(String.format(Locale.ROOT, "C1 1/mu: %.6g (median %.6g)%n", r.conditions().inverseMu(), r.conditions().c1All().median()));
    }
    return sb.toString();
  }

  /** %.6g, or "-" for a value not computed (NaN). */
  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static void section(StringBuilder sb, String title, Map<String, Double> m) {
    sb.append(title).append(':').append(System.lineSeparator());
    for (Map.Entry<String, Double> e : m.entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-48s %s%n", e.getKey(), e.getValue() == null ? "-" : number(e.getValue())));
    }
  }
}
