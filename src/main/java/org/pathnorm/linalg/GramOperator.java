package org.pathnorm.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.pathnorm.simd.Kernels;

/**
 * The Gram operator of a row-major float matrix W [rows × cols]: z = WᵀW·v, in one pass over W. Each
 * row W_j is read once from memory: {@link Kernels#gramRows} forms y_j = W_j·v and adds y_j·W_j to a
 * partial sum while the row is still in cache, so a product costs what one matrix–vector product
 * costs (the pass is memory-bound: 64 MB for 4000 × 4000).
 *
 * <p>The rows are cut into a fixed number of chunks that depends only on the shape, never on the
 * thread count; each chunk has its own float partial sum, and the partials are added in chunk order
 * in double. The result is therefore bit-identical for any pool size. A product allocates nothing.
 */
public final class GramOperator implements GramProduct {
  /** At most this many row chunks (and float partial sums of length cols). */
  static final int MAX_CHUNKS = 16;
  /** At least this many rows per chunk, so small matrices stay on the calling thread. */
  static final int MIN_CHUNK_ROWS = 64;

  private final Kernels kernels;
  private final ForkJoinPool pool;
  private final float[] w;
  private final int wOff;
  private final int rows;
  private final int cols;
  private final int chunks;
  private final float[][] partial;
  private final float[] v;
  private final float[][] y;
  private final RecursiveAction[] tasks;
  private final TaskGroup group = new TaskGroup();

  /**
   * @param w    the matrix, rows × cols row-major at {@code w[wOff]} (read, not copied)
   * @param pool threads, or null for the calling thread
   */
  public GramOperator(Kernels kernels, ForkJoinPool pool, float[] w, int wOff, int rows, int cols) {
    if (rows < 1 || cols < 1) throw new IllegalArgumentException("matrix must be at least 1 x 1, got " + rows + " x " + cols);
    this.kernels = kernels;
    this.pool = pool;
    this.w = w;
    this.wOff = wOff;
    this.rows = rows;
    this.cols = cols;
    this.chunks = Math.max(1, Math.min(MAX_CHUNKS, rows / MIN_CHUNK_ROWS));
    this.partial = new float[chunks][cols];
    this.v = new float[cols];
    this.y = new float[chunks][rows / chunks + 1];
    this.tasks = new RecursiveAction[chunks];
    for (int c = 0; c < chunks; c++) {
      int chunk = c;
      tasks[c] = new RecursiveAction() {
        @Override protected void compute() {
          runChunk(chunk);
        }
      };
    }
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  @Override public int dimension() {
    return cols;
  }

  /** z [cols] ← WᵀW·x for x [cols] (x rounded to float for the pass; sums of chunks in double). */
  @Override public void apply(double[] x, double[] z) {
    for (int i = 0; i < cols; i++) v[i] = (float) x[i];
    if (pool == null || chunks == 1) {
      for (int c = 0; c < chunks; c++) runChunk(c);
    } else {
      group.invokeOn(pool, tasks, chunks);
    }
    java.util.Arrays.fill(z, 0, cols, 0.0);
    for (int c = 0; c < chunks; c++) {
      float[] p = partial[c];
      for (int i = 0; i < cols; i++) z[i] += p[i];
    }
  }

  private void runChunk(int c) {
    float[] p = partial[c];
    java.util.Arrays.fill(p, 0f);
    int from = (int) ((long) rows * c / chunks);
    int to = (int) ((long) rows * (c + 1) / chunks);
    kernels.gramRows(w, wOff + from * cols, cols, to - from, v, 0, p, 0, cols, y[c], 0);
  }
}
