package org.pathnorm.measures;

import java.util.Arrays;
import org.pathnorm.data.Dataset;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.simd.Kernels;

/**
 * Margins γ(x, y) = f(x)[y] − max_{j≠y} f(x)[j] (docs/algorithms.md §1.3, §2.8: not f_y − f_argmax, which is 0 for
 * every correct point) and their percentiles with numpy's linear interpolation.
 */
public final class Margins {
  private static final int CHUNK = 256;

  private Margins() {}

  /** The margin of every row of logits out [n × classes] with labels y. */
  public static double[] of(float[] out, int n, int classes, int[] labels, int labelOff) {
    double[] m = new double[n];
    into(out, n, classes, labels, labelOff, m, 0);
    return m;
  }

  /** m[mOff + s] ← the margin of row s of logits out [n × classes] with label labels[labelOff + s], s &lt; n. */
  public static void into(float[] out, int n, int classes, int[] labels, int labelOff, double[] m, int mOff) {
    for (int s = 0; s < n; s++) m[mOff + s] = margin(out, s * classes, classes, labels[labelOff + s]);
  }

  /** The margin of the model on every sample of the dataset (eval mode: no dropout), in order. */
  public static double[] of(Model net, Dataset data, Kernels kernels, Gemm gemm) {
    int c = net.outputSize();
    int d = data.dimension();
    int chunk = Math.min(CHUNK, Math.max(1, data.size()));
    ModelWorkspace ws = net.newWorkspace(chunk, kernels, gemm);
    // a set kept as bytes: each chunk's rows converted into a buffer, read from its start
    float[] rowsBuffer = data.unitBytes() == null ? null : new float[Math.multiplyExact(chunk, d)];
    double[] m = new double[data.size()];
    for (int first = 0; first < data.size(); first += CHUNK) {
      int rows = Math.min(CHUNK, data.size() - first);
      if (rowsBuffer != null) data.copyRows(first, rows, rowsBuffer, 0);
      float[] out = rowsBuffer != null ? ws.forward(net, rowsBuffer, 0, rows) : ws.forward(net, data.features(), first * d, rows);
      for (int s = 0; s < rows; s++) m[first + s] = margin(out, s * c, c, data.labels()[first + s]);
    }
    return m;
  }

  private static double margin(float[] out, int row, int classes, int y) {
    double other = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < classes; j++) if (j != y) other = Math.max(other, out[row + j]);
    return classes == 1 ? out[row + y] : out[row + y] - other;
  }

  /**
   * The q-th percentile (0 ≤ q ≤ 100) with linear interpolation between closest ranks, as
   * {@code numpy.percentile(x, q)}: position (n−1)·q/100 in the sorted values.
   */
  public static double percentile(double[] x, double q) {
    if (x.length == 0) throw new IllegalArgumentException("percentile of an empty set");
    if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
    double[] s = x.clone();
    Arrays.sort(s);
    double pos = (s.length - 1) * q / 100;
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    double t = pos - lo;
    return s[lo] + (s[hi] - s[lo]) * t;
  }

  /** Empirical margin loss L̂_γ = fraction of points with margin ≤ γ (docs/algorithms.md §1.3; γ = 0: 0-1 error, ties errors). */
  public static double marginLoss(double[] margins, double gamma) {
    int bad = 0;
    for (double m : margins) if (!(m > gamma)) bad++;
    return (double) bad / margins.length;
  }
}
