package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** Blocked GEMM against the naive reference over awkward shapes, both kernel paths, 1 and N threads. */
class GemmTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  /** One GEMM problem with random operands stored with padding (offsets, ld > width). */
  static final class Problem {
    final boolean transA, transB, accumulate, relu;
    final int m, n, k, lda, ldb, ldc, aOff = 3, bOff = 1, cOff = 2, biasOff = 4;
    final float[] a, b, c0, bias;

    Problem(boolean transA, boolean transB, int m, int n, int k, boolean accumulate, boolean withBias,
        boolean relu, long seed) {
      this.transA = transA;
      this.transB = transB;
      this.m = m;
      this.n = n;
      this.k = k;
      this.accumulate = accumulate;
      this.relu = relu;
      SplittableRandom r = new SplittableRandom(seed);
      lda = (transA ? m : k) + 1;
      ldb = (transB ? k : n) + 2;
      ldc = n + 3;
      a = random(r, aOff + (transA ? k : m) * lda);
      b = random(r, bOff + (transB ? n : k) * ldb);
      c0 = random(r, cOff + m * ldc);
      bias = withBias ? random(r, biasOff + n + 5) : null;
    }

    static float[] random(SplittableRandom r, int len) {
      float[] x = new float[len];
      for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
      return x;
    }

    float[] run(Gemm g) {
      float[] c = c0.clone();
      g.product(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
      return c;
    }

    float[] reference() {
      float[] c = c0.clone();
      ReferenceGemm.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu);
      return c;
    }

    /** Checks every element against the reference with the float rounding bound, padding untouched. */
    void check(float[] got, String label) {
      float[] want = reference();
      for (int idx = 0; idx < want.length; idx++) {
        int rel = idx - cOff;
        int i = rel >= 0 ? rel / ldc : -1;
        int j = rel >= 0 ? rel % ldc : -1;
        if (i < 0 || i >= m || j >= n) {
          assertEquals(c0[idx], got[idx], 0f, label + ": wrote outside C at " + idx);
          continue;
        }
        double scale = Math.abs(accumulate ? c0[idx] : 0) + (bias != null ? Math.abs(bias[biasOff + j]) : 0);
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          scale += Math.abs((double) av * bv);
        }
        double tol = (k + 3) * 0x1p-23 * scale + 1e-30;
        assertTrue(Math.abs(got[idx] - want[idx]) <= tol,
            label + ": C[" + i + "," + j + "] = " + got[idx] + ", reference " + want[idx] + " (tol " + tol + ")");
      }
    }

    @Override public String toString() {
      return (transA ? "At" : "A") + (transB ? "Bt" : "B") + " " + m + "x" + n + "x" + k
          + (accumulate ? " +C" : "") + (bias != null ? " +bias" : "") + (relu ? " relu" : "");
    }
  }

  static Stream<Arguments> shapes() {
    List<Arguments> list = new ArrayList<>();
    int[] sizes = KernelsUnderTest.SIZES;
    boolean[][] trans = {{false, false}, {true, false}, {false, true}, {true, true}};
    long seed = 1;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (boolean[] t : trans) {
        for (int s : sizes) {
          int small = Math.min(s, 127);
          list.add(Arguments.of(kern, new Problem(t[0], t[1], s, 17, 33, false, false, false, seed++)));
          list.add(Arguments.of(kern, new Problem(t[0], t[1], 7, s, 65, true, true, false, seed++)));
          list.add(Arguments.of(kern, new Problem(t[0], t[1], 31, 16, s, false, true, true, seed++)));
          list.add(Arguments.of(kern, new Problem(t[0], t[1], small, small, small, true, false, true, seed++)));
        }
        // crosses several KC (256) and NC (512) blocks, with edges in every direction
        list.add(Arguments.of(kern, new Problem(t[0], t[1], 37, 1100, 530, true, true, true, seed++)));
        list.add(Arguments.of(kern, new Problem(t[0], t[1], 130, 70, 1000, false, false, false, seed++)));
      }
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  void matchesReference(Kernels kern, Problem p) {
    p.check(p.run(new Gemm(kern, null)), kern.name() + " 1 thread " + p);
    p.check(p.run(new Gemm(kern, POOL)), kern.name() + " 3 threads " + p);
  }

  /**
   * Priming (a panel's first tile computed once more, into a scratch tile, with the other accumulate flag)
   * changes no bit of C, in every form, on one and three threads, with partial panels and several K blocks.
   */
  @Test
  void primedPanelsGiveTheSameBits() {
    boolean[][] trans = {{false, false}, {true, false}, {false, true}, {true, true}};
    long seed = 100;
    try {
      for (Kernels kern : KernelsUnderTest.all()) {
        for (boolean[] t : trans) {
          for (Problem p : new Problem[] {new Problem(t[0], t[1], 37, 70, 530, true, true, true, seed++),
              new Problem(t[0], t[1], 64, 256, 784, false, true, true, seed++), new Problem(t[0], t[1], 256, 784, 64, false, false, false, seed++)}) {
            for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
              Gemm.primeNextPanels(0);
              float[] plain = p.run(new Gemm(kern, pool));
              Gemm.primeNextPanels(1000);
              float[] primed = p.run(new Gemm(kern, pool));
              assertArrayEquals(plain, primed, 0f, kern.name() + " " + p + (pool == null ? " 1 thread" : " 3 threads"));
              p.check(primed, kern.name() + " primed " + p);
            }
          }
        }
      }
    } finally {
      Gemm.primeNextPanels(0);
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    for (Kernels kern : KernelsUnderTest.all()) {
      // tall (split by rows), wide (split by columns), both with edge tiles; weight gradients with edge columns
      for (Problem p : new Problem[] {
          new Problem(false, false, 301, 45, 300, false, true, true, 11),
          new Problem(false, true, 29, 700, 260, true, false, false, 12),
          new Problem(true, false, 600, 600, 77, false, false, false, 13),
          // a weight gradient with edge columns, accumulated: each thread count puts other rows in the edge kernel's blocks
          new Problem(true, false, 157, 100, 64, true, false, false, 14)}) {
        float[] one = p.run(new Gemm(kern, null));
        for (int threads : new int[] {2, 3, 8}) {
          ForkJoinPool pool = new ForkJoinPool(threads);
          try {
            float[] many = p.run(new Gemm(kern, pool));
            assertArrayEquals(one, many, 0f, kern.name() + " " + threads + " threads differ: " + p);
            for (int i = 0; i < one.length; i++) {
              assertEquals(Float.floatToRawIntBits(one[i]), Float.floatToRawIntBits(many[i]), "bits at " + i);
            }
          } finally {
            pool.shutdown();
          }
        }
      }
    }
  }

  @Test
  void productsOnTheCallingThreadAloneGiveTheBitsOfTheSplitOnes() {
    Problem p = new Problem(false, true, 64, 700, 784, false, true, true, 15);
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, POOL);
      float[] split = p.run(g);
      g.runOnCallingThread(true);
      float[] alone = p.run(g);
      g.runOnCallingThread(false);
      float[] again = p.run(g);
      for (int i = 0; i < split.length; i++) {
        assertEquals(Float.floatToRawIntBits(split[i]), Float.floatToRawIntBits(alone[i]), kern.name() + " bits at " + i);
        assertEquals(Float.floatToRawIntBits(split[i]), Float.floatToRawIntBits(again[i]), kern.name() + " bits at " + i);
      }
    }
  }

  @Test
  void blocksFitThreeQuartersOfL2() {
    // Zen 3: 512 KiB of L2; K blocks of 256 get 384 columns (384 KiB), shallower ones the full 512
    assertEquals(384, Gemm.blockWidth(256, 16, 512 << 10));
    assertEquals(496, Gemm.blockWidth(196, 16, 512 << 10), "784 = 4 blocks of 196: 401,408 B would pass 3/4 of L2");
    assertEquals(Gemm.NC, Gemm.blockWidth(64, 16, 512 << 10), "a weight gradient's K = batch 64 block fits whole");
    // 1 MiB (the AVX-512 kinds): NC as before, whatever the depth up to KC
    assertEquals(Gemm.NC, Gemm.blockWidth(256, 32, 1 << 20));
    // 256 KiB (client cores): narrower still; a tiny L2 still gets one panel
    assertEquals(192, Gemm.blockWidth(256, 16, 256 << 10));
    assertEquals(16, Gemm.blockWidth(256, 16, 4 << 10));
    // unknown: NC
    assertEquals(Gemm.NC, Gemm.blockWidth(256, 16, 0));
    for (int kc = 1; kc <= 256; kc += 17) {
      for (int nr : new int[] {16, 32}) {
        int w = Gemm.blockWidth(kc, nr, 512 << 10);
        assertEquals(0, w % nr, "whole panels: kc " + kc + " nr " + nr);
        assertTrue(w <= Gemm.NC && (w == nr || 4L * kc * w <= (512 << 10) * 3 / 4), "kc " + kc + " width " + w);
      }
    }
  }

  /** p on a GEMM for each L2 size, on 1 and 3 threads: the bits of {@code want}. */
  private static void sameBitsForEveryL2(Kernels kern, Problem p, float[] want, long... l2Sizes) {
    for (long l2 : l2Sizes) {
      for (ForkJoinPool pool : new ForkJoinPool[] {null, POOL}) {
        float[] got = p.run(new Gemm(kern, pool, l2));
        for (int i = 0; i < want.length; i++) {
          assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
              kern.name() + " " + p + " L2 " + l2 + (pool == null ? " 1 thread" : " 3 threads") + ": bits at " + i);
        }
      }
    }
  }

  @Test
  void kBlockGroupsChangeNoBit() {
    // A row-major and beyond L2 (rows × K × 4 bytes > L2) over several K blocks: its row panels run through
    // groups of K blocks packed at once; the tiles add the blocks in the same order, so the same bits as
    // one block at a time (an unknown L2: no groups); narrow B (the swapped forward pass) and wider ones
    long seed = 900;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (Problem p : new Problem[] {new Problem(false, false, 300, 17, 1000, false, true, true, seed++),
          new Problem(false, false, 301, 100, 1025, true, true, false, seed++),
          new Problem(false, true, 257, 33, 777, true, false, false, seed++),
          new Problem(false, false, 1000, 64, 600, false, true, true, seed++),
          new Problem(true, false, 300, 17, 1000, false, true, false, seed++)}) {
        float[] plain = p.run(new Gemm(kern, null, 0));
        sameBitsForEveryL2(kern, p, plain, 1 << 20, 512 << 10, 256 << 10);
        p.check(plain, kern.name() + " " + p + " against the reference");
      }
    }
  }

  /** The block width only partitions C's columns: any L2 size gives the same bits, in every form and on any thread count. */
  @Test
  void blockWidthChangesNoBit() {
    boolean[][] trans = {{false, false}, {true, false}, {false, true}, {true, true}};
    long seed = 300;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (boolean[] t : trans) {
        for (Problem p : new Problem[] {new Problem(t[0], t[1], 37, 1100, 530, true, true, true, seed++),
            new Problem(t[0], t[1], 70, 333, 257, false, true, false, seed++)}) {
          float[] wide = p.run(new Gemm(kern, null, 0));
          sameBitsForEveryL2(kern, p, wide, 512 << 10, 64 << 10, 4 << 10);
        }
      }
    }
  }

  @Test
  void wideBlocksOfAStreamedBChangeNoBit() {
    // a row-major B whose K blocks span half an L2 or more, into fewer than 16 row panels, is packed in blocks as wide
    // as a worker's columns, up to 4096 (Worker.packsWideStreamedB: here with L2 of 4 and 64 KiB; L2 unknown: never):
    // the same bits, over awkward sizes, partial panels, two column blocks (4100), K blocks and 1 and 3 threads
    long seed = 1300;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int m : new int[] {1, 7, 64, 127}) {
        for (int n : new int[] {33, 1000, 4100}) {
          for (int k : new int[] {7, 300}) {
            Problem p = new Problem(m % 2 == 1, false, m, n, k, k % 2 == 1, n % 2 == 0, m % 2 == 0, seed++);
            float[] plain = p.run(new Gemm(kern, null, 0));
            sameBitsForEveryL2(kern, p, plain, 4 << 10, 64 << 10);
            if (n < 4100) p.check(plain, kern.name() + " " + p + " against the reference");
          }
        }
      }
    }
  }

  @Test
  void columnPanelsOverAnAInPlaceChangeNoBit() {
    // a row-major A read in place whose rows of a K block fit in a quarter of L2 goes column panel by column panel
    // (Worker.blockInPlaceByColumns); with L2 unknown, row panel by row panel: the same bits, over awkward sizes,
    // partial row and column panels, K blocks, epilogues and 1 and 3 threads
    long seed = 400;
    for (Kernels kern : KernelsUnderTest.all()) {
      // 128 rows and more: 16 row panels of 8 (a worker's share on 1 thread; on 3 threads only the tallest)
      for (int m : new int[] {7, 100, 128, 135, 257, 400}) {
        for (int n : new int[] {64, 65, 100, 257}) {
          for (int k : new int[] {1, 7, 16, 33, 300}) {
            Problem p = new Problem(false, (m + n + k) % 3 == 0, m, n, k, k % 2 == 1, n % 2 == 0, m % 2 == 1, seed++);
            sameBitsForEveryL2(kern, p, p.run(new Gemm(kern, null, 0)), 2 << 20, 512 << 10);
          }
        }
      }
    }
  }

  /**
   * Aᵀ·B in one K block with each worker's transposed A packed once and run in column blocks that keep B in half of
   * L1 (Worker.runPackedTransposedA: a B block beyond twice L1 and an L2 large enough for the packed A) gives the bits of A read in place (an L2
   * of one byte: never), over awkward sizes, partial row and column panels, with and without accumulating, on 1 and 3
   * threads.
   */
  @Test
  void packedTransposedAChangesNoBit() {
    long seed = 500;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int m : new int[] {1, 7, 8, 17, 33, 100, 257}) {
        for (int n : new int[] {1, 15, 16, 17, 33, 100, 300, 1000}) {
          for (int k : new int[] {1, 7, 64, 100, 256}) {
            Problem p = new Problem(true, false, m, n, k, (m + n + k) % 2 == 1, false, false, seed++);
            sameBitsForEveryL2(kern, p, p.run(new Gemm(kern, null, 1)), 64 << 20, 2 << 20);
          }
        }
      }
    }
  }

  @Test
  void swapPolicyFollowsTheTimedShapes() {
    // 8 x 32 tiles: the shapes timed for the cost model (BENCHMARKS.md, "Whole-run speed")
    assertTrue(Gemm.swapPays(64, 256, 784, 8, 32), "a mini-batch of whole tiles times a wide layer");
    assertTrue(Gemm.swapPays(64, 4000, 4000, 8, 32));
    assertTrue(Gemm.swapPays(16, 512, 512, 8, 32));
    assertFalse(Gemm.swapPays(100, 512, 100, 8, 32), "100 rows would pad the swapped tiles to 128");
    assertFalse(Gemm.swapPays(100, 2048, 100, 8, 32));
    assertFalse(Gemm.swapPays(256, 1024, 100, 8, 32));
  }

  @Test
  void swappedAndDirectFormsGiveTheSameBits() {
    // without accumulation both forms add the same products in the same order: abt, whichever form it
    // takes, equals ab on an explicit transpose of B, with the bias and ReLU applied after
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int[] shape : new int[][] {{100, 512, 100}, {64, 256, 784}, {7, 33, 17}, {33, 100, 31}, {1, 1000, 16},
          {50, 512, 100}, {64, 600, 530}}) {
        int m = shape[0], n = shape[1], k = shape[2];
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
        float[] a = Problem.random(r, m * k), b = Problem.random(r, n * k), bias = Problem.random(r, n);
        float[] bt = new float[k * n];
        for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) bt[p * n + j] = b[j * k + p];
        Gemm g = new Gemm(kern, null);
        float[] viaAbt = new float[m * n];
        g.abt(m, n, k, a, 0, k, b, 0, k, viaAbt, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
        float[] viaAb = new float[m * n];
        g.ab(m, n, k, a, 0, k, bt, 0, n, viaAb, 0, n, false);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) viaAb[i * n + j] = Math.max(viaAb[i * n + j] + bias[j], 0f);
        for (int i = 0; i < viaAb.length; i++) {
          assertEquals(Float.floatToRawIntBits(viaAb[i]), Float.floatToRawIntBits(viaAbt[i]),
              kern.name() + " " + m + "x" + n + "x" + k + " at " + i);
        }
      }
    }
  }

  @Test
  void reusedInstanceGivesTheSameAnswer() {
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, POOL);
      Problem big = new Problem(false, false, 90, 600, 300, false, true, false, 21);
      Problem small = new Problem(true, true, 5, 9, 3, true, false, true, 22);
      float[] first = big.run(g);
      small.check(small.run(g), "after a larger call");
      assertArrayEquals(first, big.run(g), 0f);
    }
  }

  @Test
  void zeroDepthAppliesOnlyTheEpilogue() {
    for (Kernels kern : KernelsUnderTest.all()) {
      Problem p = new Problem(false, false, 5, 6, 0, true, true, true, 31);
      p.check(p.run(new Gemm(kern, null)), "k = 0");
    }
  }

  @Test
  void badShapesAreRefusedWithAClearMessage() {
    Gemm g = new Gemm();
    float[] x = new float[8];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.ab(3, 3, 3, x, 0, 3, x, 0, 3, x, 0, 3, false));
    assertTrue(e.getMessage().contains("A (3 x 3, ld 3, offset 0) needs 9 elements but has 8"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(2, 2, 2, x, 0, 1, x, 0, 2, x, 0, 2, false));
    assertTrue(e.getMessage().contains("leading dimension of A is 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(-1, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false));
    assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> g.product(false, false, 2, 3, 1, x, 0, 1, x, 0, 3, x, 0, 3, false, new float[2], 0, false));
    assertTrue(e.getMessage().contains("bias needs 3 values"), e.getMessage());
  }
}
