package org.pathnorm.io;

import java.util.Locale;

/**
 * The ticks of one plot axis. Linear: steps of 1, 2 or 5 × 10^k, the range widened to whole steps. Logarithmic: ticks at
 * whole powers, labelled as powers ("10⁻³", "2⁶"), of 10 when the data spans two decades or more and of 2 otherwise;
 * the range widened to whole powers, at most {@value #MAX_TICKS} ticks (every j-th power when there are more).
 *
 * @param lo     the low end of the axis, in plot coordinates (log10 of the value on a log axis)
 * @param hi     the high end, likewise
 * @param at     the ticks, in plot coordinates
 * @param labels the tick labels
 * @param base   the base of the powers on a log axis (10 or 2), 0 on a linear axis
 */
record AxisTicks(double lo, double hi, double[] at, String[] labels, int base) {
  static final int MAX_TICKS = 9;

  /** Ticks of a linear axis covering [lo, hi]. */
  static AxisTicks linear(double lo, double hi) {
    if (!(lo < hi)) {
      lo = Double.isFinite(lo) ? lo - 1 : 0;
      hi = Double.isFinite(hi) ? hi + 1 : 1;
    }
    double raw = (hi - lo) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    long first = (long) Math.floor(lo / step + 1e-9);
    long last = (long) Math.ceil(hi / step - 1e-9);
    int n = (int) (last - first + 1);
    double[] at = new double[n];
    String[] labels = new String[n];
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    for (int i = 0; i < n; i++) {
      at[i] = (first + i) * step;
      double v = Math.abs(at[i]) < step * 1e-6 ? 0 : at[i];
      labels[i] = decimals > 4 || Math.abs(v) >= 1e5 ? String.format(Locale.ROOT, "%.1e", v)
          : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
    return new AxisTicks(at[0], at[n - 1], at, labels, 0);
  }

  /** Ticks of a log axis covering [lo, hi] (both > 0), at whole powers of 10 or 2. */
  static AxisTicks log(double lo, double hi) {
    if (!(lo < hi)) {
      lo = lo > 0 && Double.isFinite(lo) ? lo / 2 : 1;
      hi = lo * 4;
    }
    int base = Math.log10(hi / lo) >= 2 ? 10 : 2;
    double lb = Math.log10(base);
    int kLo = (int) Math.floor(Math.log10(lo) / lb + 1e-9);
    int kHi = (int) Math.ceil(Math.log10(hi) / lb - 1e-9);
    if (kHi == kLo) kHi++;
    int every = (kHi - kLo) / MAX_TICKS + 1;
    int n = (kHi - kLo) / every + 1;
    kHi = kLo + (n - 1) * every;
    if (kHi * lb < Math.log10(hi) - 1e-9) {
      n++;
      kHi += every;
    }
    double[] at = new double[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      int k = kLo + i * every;
      at[i] = k * lb;
      labels[i] = base + superscript(k);
    }
    return new AxisTicks(kLo * lb, kHi * lb, at, labels, base);
  }

  /** k in Unicode superscript digits ("⁻¹²"). */
  static String superscript(int k) {
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder b = new StringBuilder();
    if (k < 0) b.append('⁻');
    for (char c : Integer.toString(Math.abs(k)).toCharArray()) b.append(digits.charAt(c - '0'));
    return b.toString();
  }
}
