package org.pathnorm.train;

import java.util.concurrent.RecursiveAction;
import org.pathnorm.data.Dataset;
import org.pathnorm.simd.Kernels;

/**
 * Copies rows [from, to) of a mini-batch out of a training set: dst[r·d …] ← the features of sample
 * order[first + r], converted from bytes for a set kept as bytes ({@link Dataset#ofUnitBytes}). Each row's
 * cache lines are touched (one load per KiB; rows of at most {@value #SHORT_BYTE_ROW} bytes at
 * every 64-byte line) before any row is copied, so the misses to rows scattered over a large
 * set overlap instead of being taken one row at a time: 64 random rows of 784 floats out of 188 MB took
 * 16–17 µs instead of 22–25 (BENCHMARKS.md, "Issue 15, twelfth session"). On several threads the
 * {@link Trainer} gives each one a share of the rows, or each its own copy of them. The copied values are the
 * rows themselves; only the timing changes.
 */
final class RowGather extends RecursiveAction {
  /** Floats between touches: one per row, every 128 and every 256 floats gave 16.5–17.7 µs, every 16 floats 29–31. */
  static final int TOUCH_STRIDE = 256;
  /**
   * A row of at most this many bytes (Fashion-MNIST's and MNIST's 784) is touched at every 64-byte line; longer ones
   * once per KiB, as floats are (and every row of bytes at its last byte). 64 rows of 784 bytes out of 47 MB took a
   * median of 11.5–13.6 µs on each of 2 threads against 18.2–19.1 touched once per row, 13.4–13.9 against 20.6–23.3
   * on 1 (BENCHMARKS.md, "Issue 15, thirty-sixth session"). Rows of floats touched at every line were slower (3,136
   * loads a gather against 832 here), hence the bound.
   */
  static final int SHORT_BYTE_ROW = 1024;
  private static final int LINE = 64;

  private final Kernels kernels;
  private Dataset data;
  private float[] dst;
  private int[] order;
  private int first;
  private int from;
  private int to;
  /** The sum of the touched values, kept so that the JIT cannot drop the loads. */
  private float touched;

  RowGather(Kernels kernels) {
    this.kernels = kernels;
  }

  /** Sets the rows this gather copies; returns this. */
  RowGather rows(Dataset data, int[] order, int first, int from, int to, float[] dst) {
    this.data = data;
    this.order = order;
    this.first = first;
    this.from = from;
    this.to = to;
    this.dst = dst;
    return this;
  }

  /** Copies the rows on the calling thread. */
  void run() {
    int d = data.dimension();
    byte[] bytes = data.unitBytes();
    if (bytes != null) {
      touched += touch(bytes, d);
      for (int r = from; r < to; r++) kernels.unitBytesToFloats(bytes, order[first + r] * d, dst, r * d, d);
    } else {
      float[] src = data.features();
      touched += touch(src, d);
      for (int r = from; r < to; r++) System.arraycopy(src, order[first + r] * d, dst, r * d, d);
    }
  }

  private float touch(float[] src, int d) {
    float sum = 0;
    for (int r = from; r < to; r++) {
      int row = order[first + r] * d;
      for (int j = 0; j < d; j += TOUCH_STRIDE) sum += src[row + j];
    }
    return sum;
  }

  private float touch(byte[] src, int d) {
    int stride = d <= SHORT_BYTE_ROW ? LINE : 4 * TOUCH_STRIDE;
    int sum = 0;
    for (int r = from; r < to; r++) {
      int row = order[first + r] * d;
      for (int j = 0; j < d; j += stride) sum += src[row + j];
      sum += src[row + d - 1];
    }
    return sum;
  }

  @Override protected void compute() {
    run();
  }
}
