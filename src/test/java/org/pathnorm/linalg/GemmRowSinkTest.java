package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * Aᵀ·B handed to a {@link RowSink}: every element once, with the bits {@link Gemm#atb} stores, on one and
 * three threads, over awkward shapes, single-block depths (K ≤ 256) and the deeper ones that go through a
 * scratch matrix, on both kernel paths.
 */
class GemmRowSinkTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);
  private static final int[] SIDES = {1, 7, 15, 16, 17, 31, 33, 100, 1000};
  private static final int[] DEPTHS = {0, 1, 7, 64, 100, 256, 257, 600};

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  static Stream<Arguments> cases() {
    SplittableRandom r = new SplittableRandom(5);
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelsUnderTest.all()) {
      for (int m : SIDES) {
        for (int n : SIDES) {
          // every side against every side is 81 shapes; each gets two depths, one of them deep on some
          int k1 = DEPTHS[r.nextInt(DEPTHS.length)];
          int k2 = m * n <= 1000 * 33 ? DEPTHS[r.nextInt(DEPTHS.length)] : 64;
          b.add(Arguments.of(k, m, n, k1));
          if (k2 != k1) b.add(Arguments.of(k, m, n, k2));
        }
      }
    }
    return b.build();
  }

  private static float[] random(int len, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[len];
    for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    return x;
  }

  @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
  @MethodSource("cases")
  void rowsAreTheProductBitForBit(Kernels kernels, int m, int n, int k) {
    int lda = m + 3, ldb = n + 5, aOff = 2, bOff = 1;
    float[] a = random(aOff + Math.max(k, 1) * lda, m * 31L + k);
    float[] b = random(bOff + Math.max(k, 1) * ldb, n * 17L + k);
    float[] want = new float[m * n];
    new Gemm(kernels, null).atb(m, n, k, a, aOff, lda, b, bOff, ldb, want, 0, n, false);
    for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
      float[] got = new float[m * n];
      AtomicIntegerArray seen = new AtomicIntegerArray(m * n);
      new Gemm(kernels, pool).atb(m, n, k, a, aOff, lda, b, bOff, ldb, (row, col, values, off, len) -> {
        for (int j = 0; j < len; j++) {
          got[row * n + col + j] = values[off + j];
          seen.incrementAndGet(row * n + col + j);
        }
      });
      for (int i = 0; i < m * n; i++) assertEquals(1, seen.get(i), "element " + i + " handed over once");
      assertArrayEquals(want, got, (pool == null ? "1 thread" : "3 threads") + ": the bits of atb");
    }
  }

  static Stream<Arguments> blockCases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Kernels k : KernelsUnderTest.all()) {
      for (int m : new int[] {1, 7, 127, 128, 129, 300, 1000}) {
        for (int n : new int[] {1, 17, 784, Gemm.sinkRowWidth() + 1}) {
          for (int block : new int[] {4, 128}) {
            b.add(Arguments.of(k, m, n, m * n > 100_000 ? 64 : 33, block));
          }
        }
      }
    }
    return b.build();
  }

  /**
   * A sink with row blocks ({@link RowSink#rowBlock}) gets every row whole, each block's rows in order from
   * one thread, with the bits of atb; rows wider than {@link Gemm#sinkRowWidth} too (through the scratch).
   */
  @ParameterizedTest(name = "{0} m={1} n={2} k={3} block={4}")
  @MethodSource("blockCases")
  void rowBlocksComeWholeInOrderFromOneThread(Kernels kernels, int m, int n, int k, int block) {
    float[] a = random(k * m, m * 7L + n);
    float[] b = random(k * n, n * 3L + k);
    float[] want = new float[m * n];
    new Gemm(kernels, null).atb(m, n, k, a, 0, m, b, 0, n, want, 0, n, false);
    for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
      float[] got = new float[m * n];
      int blocks = (m + block - 1) / block;
      int[] nextRow = new int[blocks];
      Thread[] thread = new Thread[blocks];
      for (int q = 0; q < blocks; q++) nextRow[q] = q * block;
      new Gemm(kernels, pool).atb(m, n, k, a, 0, m, b, 0, n, new RowSink() {
        @Override public void accept(int row, int col, float[] values, int off, int len) {
          acceptRows(row, 1, col, values, off, len, len);
        }

        @Override public void acceptRows(int row, int rows, int col, float[] values, int off, int ld, int len) {
          assertEquals(0, col, "whole rows");
          assertEquals(n, len, "whole rows");
          for (int r = row; r < row + rows; r++) {
            int q = r / block;
            synchronized (nextRow) {
              if (thread[q] == null) thread[q] = Thread.currentThread();
              assertEquals(thread[q], Thread.currentThread(), "block " + q + " from one thread");
              assertEquals(nextRow[q], r, "block " + q + "'s rows in order");
              nextRow[q]++;
            }
            System.arraycopy(values, off + (r - row) * ld, got, r * n, n);
          }
        }

        @Override public int rowBlock() {
          return block;
        }
      });
      for (int q = 0; q < blocks; q++) assertEquals(Math.min(m, (q + 1) * block), nextRow[q], "block " + q + " complete");
      assertArrayEquals(want, got, (pool == null ? "1 thread" : "3 threads") + ": the bits of atb");
    }
  }

  @Test
  void aReusedGemmHandsOverTheSameRowsAndAllocatesNothingMore() {
    Gemm g = new Gemm(KernelsUnderTest.all().get(0), POOL);
    int m = 100, n = 784, k = 64;
    float[] a = random(k * m, 1), b = random(k * n, 2);
    float[] first = new float[m * n], second = new float[m * n];
    g.atb(m, n, k, a, 0, m, b, 0, n, (row, col, v, off, len) -> System.arraycopy(v, off, first, row * n + col, len));
    g.atb(m, n, k, a, 0, m, b, 0, n, (row, col, v, off, len) -> System.arraycopy(v, off, second, row * n + col, len));
    assertArrayEquals(first, second);
    assertTrue(Gemm.singleBlockDepth() >= 64, "a mini-batch of 64 is one block");
  }

  @Test
  void theUpdateGoesInsideTheGemmBeyondL2OrForLongRowsBeyond512KiB() {
    // 784-256-10's first layer (803 KB, rows of 784), 100-512-10's (205 KB) and 100-2048-10's (819 KB, rows of 100)
    for (long l2 : new long[] {2L << 20, 1L << 20, 512L << 10, 0}) {
      assertTrue(Gemm.rowSinkPays(256, 784, l2), "803 KB, L2 " + l2);
      assertFalse(Gemm.rowSinkPays(512, 100, l2), "205 KB, L2 " + l2);
      assertFalse(Gemm.rowSinkPays(512, 256, l2), "exactly 512 KiB, L2 " + l2);
      assertTrue(Gemm.rowSinkPays(512, 257, l2), "just beyond 512 KiB, L2 " + l2);
    }
    assertFalse(Gemm.rowSinkPays(2048, 100, 2L << 20), "819 KB of short rows in a 2 MiB L2");
    assertFalse(Gemm.rowSinkPays(2048, 100, 1L << 20), "819 KB of short rows in a 1 MiB L2");
    assertTrue(Gemm.rowSinkPays(2048, 100, 512L << 10), "819 KB of short rows beyond a 512 KiB L2");
    assertFalse(Gemm.rowSinkPays(1024, 255, 2L << 20), "rows of 255 below L2");
    assertTrue(Gemm.rowSinkPays(512, 100, 128L << 10), "205 KB beyond a 128 KiB L2");
    assertFalse(Gemm.rowSinkPays(256, 128, 128L << 10), "exactly a 128 KiB L2");
  }

  @Test
  void packedTransposedABlocksKeepBsPackedBlockInHalfOfL1() {
    // 784-256-10's weight gradient at batch 64 on a 48 KiB L1: 3 panels of 32 (24 KiB of B)
    assertEquals(96, Gemm.packedABlockWidth(64, 32, 48L << 10));
    assertEquals(64, Gemm.packedABlockWidth(64, 32, 32L << 10));
    assertEquals(64, Gemm.packedABlockWidth(64, 32, 0), "32 KiB where L1 is unknown");
    assertEquals(32, Gemm.packedABlockWidth(256, 32, 48L << 10), "at least one panel");
    assertEquals(32, Gemm.packedABlockWidth(100, 16, 32L << 10), "whole panels of 16");
    assertEquals(Gemm.sinkRowWidth(), Gemm.packedABlockWidth(1, 32, 1L << 30), "not beyond the sink's widest block");
  }

  @Test
  void badShapesAreRefusedWithAClearMessage() {
    Gemm g = new Gemm();
    RowSink ignore = (row, col, v, off, len) -> { };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.atb(4, 4, 4, new float[10], 0, 4, new float[16], 0, 4, ignore));
    assertTrue(e.getMessage().contains("A"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> g.atb(-1, 4, 4, new float[16], 0, 4, new float[16], 0, 4, ignore));
    assertThrows(NullPointerException.class, () -> g.atb(4, 4, 4, new float[16], 0, 4, new float[16], 0, 4, (RowSink) null));
  }
}
