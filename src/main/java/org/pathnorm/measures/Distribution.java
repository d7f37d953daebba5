package org.pathnorm.measures;

/** A summary of a sample of values: count, min, 5th/50th/95th percentiles (numpy's interpolation), max. */
public record Distribution(int count, double min, double p5, double median, double p95, double max) {
  static Distribution of(double[] x) {
    if (x.length == 0) return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    return new Distribution(x.length, Margins.percentile(x, 0), Margins.percentile(x, 5), Margins.percentile(x, 50),
        Margins.percentile(x, 95), Margins.percentile(x, 100));
  }
}
