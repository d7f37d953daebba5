package org.pathnorm.data;

import java.util.Locale;

/**
 * Per-channel standardisation x ↦ (x − mean_c) / std_c with the mean and (population) standard
 * deviation of channel c over the training split, applied alike to every split so that no statistic
 * of the validation or test data leaks into training. Plain feature vectors count as one channel.
 * A constant channel (std 0) is only centred.
 */
public record Normalization(double[] mean, double[] std) {

  /** Channel statistics of a (training) set, accumulated in double. */
  public static Normalization fit(Dataset train) {
    int channels = train.shape() == null ? 1 : train.shape().channels();
    int plane = train.dimension() / channels;
    double[] sum = new double[channels];
    double[] sq = new double[channels];
    float[] x = train.features();
    for (int s = 0; s < train.size(); s++) {
      for (int c = 0; c < channels; c++) {
        int o = s * train.dimension() + c * plane;
        double a = 0, b = 0;
        for (int i = 0; i < plane; i++) {
          double v = x[o + i];
          a += v;
          b += v * v;
        }
        sum[c] += a;
        sq[c] += b;
      }
    }
    double count = (double) train.size() * plane;
    double[] mean = new double[channels];
    double[] std = new double[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = sum[c] / count;
      std[c] = Math.sqrt(Math.max(0, sq[c] / count - mean[c] * mean[c]));
    }
    return new Normalization(mean, std);
  }

  /** The standardised copy of {@code d} (same channels as the fitted set). */
  public Dataset apply(Dataset d) {
    int channels = mean.length;
    int plane = d.dimension() / channels;
    float[] x = d.features();
    float[] out = new float[x.length];
    for (int s = 0; s < d.size(); s++) {
      for (int c = 0; c < channels; c++) {
        float m = (float) mean[c];
        float inv = std[c] > 0 ? (float) (1 / std[c]) : 1f;
        int o = s * d.dimension() + c * plane;
        for (int i = 0; i < plane; i++) out[o + i] = (x[o + i] - m) * inv;
      }
    }
    return d.withFeatures(d.name(), out, d.dimension(), d.shape());
  }

  @Override public String toString() {
    StringBuilder b = new StringBuilder("normalize per channel with training mean/std:");
    for (int c = 0; c < mean.length; c++) b.append(String.format(Locale.ROOT, " c%d %.6f/%.6f", c, mean[c], std[c]));
    return b.toString();
  }
}
