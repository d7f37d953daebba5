package org.pathnorm.train;

import java.util.concurrent.RecursiveAction;
import org.pathnorm.data.Dataset;
import org.pathnorm.simd.Kernels;

/**
 * Copies rows [from, to) of a mini-batch out of a training set: dst[r·d …] ← the features of sample
 * order[first + r], converted from bytes for a set kept as bytes ({@link Dataset#ofUnitBytes}). Each row's
 * cache lines are touched (one load per KiB: {@value #TOUCH_STRIDE} floats or 4 × as many bytes) before
 * any row is copied, so the misses to rows scattered over a large set overlap instead of being taken one
 * row at a time: 64 random rows of 784 floats out of Fashion-MNIST's 188 MB took 16–17 µs instead of
 * 22–25 (BENCHMARKS.md, "Issue 15, twelfth session"). On several threads the {@link Trainer} gives each
 * one a share of the rows. The copied values are the rows themselves; only the timing changes.
 */
final class RowGather extends RecursiveAction {
  /** Floats between touches: one per row, every 128 and every 256 floats gave 16.5–17.7 µs, every 16 floats 29–31. */
  static final int TOUCH_STRIDE = 256;

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
    int sum = 0;
    for (int r = from; r < to; r++) {
      int row = order[first + r] * d;
      for (int j = 0; j < d; j += 4 * TOUCH_STRIDE) sum += src[row + j];
    }
    return sum;
  }

  @Override protected void compute() {
    run();
  }
}
