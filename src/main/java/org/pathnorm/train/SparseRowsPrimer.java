package org.pathnorm.train;

import org.pathnorm.linalg.ColumnPanels;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.SparseRows;

/**
 * Runs the product on sparse rows ({@link Gemm#ab(int, int, int, SparseRows, ColumnPanels, float[], int, int,
 * Gemm.Epilogue, float[], int)}) and its indexing on a small problem during a run's first epoch, where its evaluations
 * will take it, so that the JIT compiles them during that epoch's training instead of the first evaluation running
 * them interpreted and in C1 code for its first chunks: on 1 thread, Fashion-MNIST's first evaluation took 0.46–0.60 s
 * without, against 0.32–0.40 s on the dense product, whose kernels were compiled by then. When: three quarters into
 * the epoch, or where the workers take every core once half of {@link CompileWarmup}'s window is spent (the steps
 * still on one thread, a core left to the compiler). Not at the start: there its compiles queued ahead of the training
 * step's and the first epoch took ≈ 0.2 s longer (docs/architecture.md, "Sparse rows"). The problem covers the
 * kernel's branches an evaluation takes (the first K block, the later ones, bias and ReLU at the last), so that no
 * branch that C2 compiled as never taken traps later; it takes a few milliseconds and changes no result.
 */
final class SparseRowsPrimer {
  /** Products run: with 8 pairs, 3 K blocks and 2 panels (512-bit vectors) each, ≈ 1,000 calls of the kernel. */
  private static final int PRODUCTS = 20;
  private static final int ROWS = 16;
  /** Three K blocks of 200 (the GEMM's blocks are at most 256 deep). */
  private static final int DEPTH = 600;
  private static final int WIDTH = 256;

  private SparseRowsPrimer() {}

  /** Primes the product on {@code gemm}'s kernels. */
  static void prime(Gemm gemm) {
    float[] x = new float[ROWS * DEPTH];
    // two nonzeros a row in each K block, at places that differ between rows: short lists, every branch
    for (int i = 0; i < ROWS; i++) {
      for (int b = 0; b < 3; b++) {
        x[i * DEPTH + b * 200 + i] = 1f;
        x[i * DEPTH + b * 200 + 100 + 3 * i] = -0.5f;
      }
    }
    float[] w = new float[WIDTH * DEPTH];
    for (int i = 0; i < w.length; i++) w[i] = (i % 7 - 3) * 0.01f;
    float[] bias = new float[WIDTH];
    float[] c = new float[ROWS * WIDTH];
    SparseRows rows = new SparseRows();
    ColumnPanels columns = gemm.packColumns(new ColumnPanels(), DEPTH, WIDTH, w, 0, DEPTH, true);
    for (int i = 0; i < PRODUCTS; i++) {
      gemm.indexRows(rows, ROWS, DEPTH, x, 0, DEPTH);
      gemm.ab(ROWS, WIDTH, DEPTH, rows, columns, c, 0, WIDTH, Gemm.Epilogue.BIAS_RELU, bias, 0);
    }
  }
}
