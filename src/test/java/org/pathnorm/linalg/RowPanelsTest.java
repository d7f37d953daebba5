package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/**
 * A left operand in the GEMM's row panels ({@link RowPanels}, {@link Gemm#packRows}) times a packed B ({@link
 * Gemm#ab(int, int, int, RowPanels, int, PackedMatrix, float[], int, int, Gemm.Epilogue, float[], int)}) against the
 * product on A as stored, bit for bit: awkward sizes, row offsets, rows packed in pieces that start inside panels
 * (some from other threads), 1 and 3 threads, every kernel set under test.
 */
class RowPanelsTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);
  private static final int[] SIZES = {1, 7, 15, 16, 17, 31, 33, 100, 257};

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  private static float[] random(int n, SplittableRandom r) {
    float[] x = new float[n];
    // half zeros, as in images: zeros and values must both land where they belong
    for (int i = 0; i < n; i++) x[i] = r.nextBoolean() ? 0f : (float) r.nextDouble(-1, 1);
    return x;
  }

  /** Packs rows × k of {@code a} (row-major from offset 3, lda = k + 3) into fresh panels in random pieces, some on pool threads. */
  private static RowPanels packInPieces(Gemm g, float[] a, int rows, int k, SplittableRandom r) {
    RowPanels p = g.shapeRows(new RowPanels(), rows, k);
    Arrays.fill(p.data, 0, rows / g.panelHeight() * g.panelHeight() * k, Float.NaN);  // what is not written shows
    int lda = k + 3;
    int mr = g.panelHeight();
    List<Callable<Object>> jobs = new ArrayList<>();
    for (int row = 0; row < rows; ) {
      // pieces that end inside a panel must not share it with a piece on another thread: those stay on this one
      int count = Math.min(rows - row, 1 + r.nextInt(2 * mr + 3));
      int from = row;
      int n = count;
      boolean whole = from % mr == 0 && n % mr == 0;
      Runnable job = () -> Gemm.packRows(p, from, n, a, 3 + from * lda, lda);
      if (whole) {
        jobs.add(() -> {
          job.run();
          return null;
        });
      } else {
        job.run();
      }
      row += count;
    }
    POOL.invokeAll(jobs);
    return p;
  }

  private static void assertBits(float[] want, float[] got, String label) {
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
        throw new AssertionError(label + ": element " + i + " is " + got[i] + ", A as stored gives " + want[i]);
      }
    }
  }

  @Test
  void productFromPanelsEqualsTheProductOnAAsStoredBitForBit() {
    SplittableRandom r = new SplittableRandom(26);
    for (Kernels kern : KernelsUnderTest.all()) {
      for (Gemm g : new Gemm[] {new Gemm(kern, null), new Gemm(kern, POOL)}) {
        int mr = g.panelHeight();
        for (int k : SIZES) {
          for (int n : SIZES) {
            float[] w = random(n * k, r);
            float[] bias = random(n, r);
            PackedMatrix b = g.pack(new PackedMatrix(), k, n, w, 0, k, true);
            int total = 3 * mr + 40;
            float[] a = random(3 + total * (k + 3), r);
            RowPanels panels = packInPieces(g, a, total, k, r);
            for (int aRow : new int[] {0, mr, 3 * mr}) {
              for (int m : new int[] {1, 7, 8, 17, 33, total - aRow}) {
                if (aRow + m > total) continue;
                for (Gemm.Epilogue e : Gemm.Epilogue.values()) {
                  float[] want = new float[m * n + 5];
                  float[] got = new float[m * n + 5];
                  g.ab(m, n, k, a, 3 + aRow * (k + 3), k + 3, b, want, 2, n, e, bias, 0);
                  g.ab(m, n, k, panels, aRow, b, got, 2, n, e, bias, 0);
                  assertBits(want, got, kern.name() + " threads=" + g.threads() + " m=" + m + " n=" + n + " k=" + k
                      + " row=" + aRow + " " + e);
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void aLargeProductOnPanelsEqualsAAsStoredInBothLoopOrders() {
    // 2,000 rows × 784: a worker's rows of a K block exceed a quarter of L2, so the panels go row panel by row panel;
    // 64 rows stay within it and go column panel by column panel
    SplittableRandom r = new SplittableRandom(27);
    for (Kernels kern : KernelsUnderTest.all()) {
      for (Gemm g : new Gemm[] {new Gemm(kern, null), new Gemm(kern, POOL)}) {
        int k = 784;
        int n = 256;
        int rows = 2000;
        float[] w = random(n * k, r);
        float[] bias = random(n, r);
        PackedMatrix b = g.pack(new PackedMatrix(), k, n, w, 0, k, true);
        float[] a = random(3 + rows * (k + 3), r);
        RowPanels panels = g.shapeRows(new RowPanels(), rows, k);
        Gemm.packRows(panels, 0, rows, a, 3, k + 3);
        for (int m : new int[] {64, rows}) {
          float[] want = new float[m * n];
          float[] got = new float[m * n];
          g.ab(m, n, k, a, 3, k + 3, b, want, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
          g.ab(m, n, k, panels, 0, b, got, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
          assertBits(want, got, kern.name() + " m=" + m + " threads=" + g.threads());
        }
      }
    }
  }

  @Test
  void panelsHoldEachValueWhereTheLayoutSays() {
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, null);
      int mr = g.panelHeight();
      for (int rows : new int[] {1, 7, 8, 17, 33}) {
        for (int k : new int[] {1, 15, 16, 17, 33}) {
          float[] a = new float[rows * k];
          for (int i = 0; i < a.length; i++) a[i] = i + 1;
          RowPanels p = g.shapeRows(new RowPanels(), rows, k);
          Gemm.packRows(p, 0, rows, a, 0, k);
          int padded = (rows + mr - 1) / mr * mr;
          for (int i = 0; i < padded; i++) {
            for (int j = 0; j < k; j++) {
              float want = i < rows ? a[i * k + j] : 0f;
              assertEquals(want, p.data[i / mr * mr * k + j * mr + i % mr], kern.name() + " rows=" + rows + " k=" + k + " A(" + i + ", " + j + ")");
            }
          }
        }
      }
    }
  }

  @Test
  void reshapingKeepsTheBufferAndZeroesTheRowsPastM() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    int mr = g.panelHeight();
    RowPanels p = g.shapeRows(new RowPanels(), 2 * mr, 5);
    Arrays.fill(p.data, 9f);
    float[] before = p.data;
    g.shapeRows(p, mr + 1, 5);
    assertSame(before, p.data, "a smaller shape keeps the buffer");
    for (int i = mr + 1; i < 2 * mr; i++) {
      for (int j = 0; j < 5; j++) assertEquals(0f, p.data[mr * 5 + j * mr + i % mr], "padding row " + i);
    }
    assertEquals(mr + 1, p.rows());
    assertEquals(5, p.columns());
  }

  @Test
  void badShapesGetClearErrors() {
    Gemm g = new Gemm(KernelSelection.kernels(), null);
    int mr = g.panelHeight();
    RowPanels p = g.shapeRows(new RowPanels(), 4 * mr, 10);
    PackedMatrix b = g.pack(new PackedMatrix(), 10, 3, new float[30], 0, 10, true);
    float[] c = new float[4 * mr * 3];
    float[] bias = new float[3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> g.ab(2, 3, 10, p, 1, b, c, 0, 3, Gemm.Epilogue.BIAS, bias, 0));
    assertTrue(e.getMessage().contains("does not start a panel"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(mr, 3, 10, p, 4 * mr, b, c, 0, 3, Gemm.Epilogue.BIAS, bias, 0));
    assertTrue(e.getMessage().contains("do not lie in its"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(2, 3, 9, p, 0, b, c, 0, 3, Gemm.Epilogue.BIAS, bias, 0));
    assertTrue(e.getMessage().contains("do not lie in its"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gemm.packRows(p, 4 * mr - 1, 2, new float[100], 0, 10));
    assertTrue(e.getMessage().contains("lie outside the"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Gemm.packRows(p, 0, 2, new float[15], 0, 10));
    assertTrue(e.getMessage().contains("gemm:"), e.getMessage());
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm other = new Gemm(kern, null);
      if (kern.gemmKernel() == KernelSelection.kernels().gemmKernel()) continue;
      RowPanels q = other.shapeRows(new RowPanels(), 4 * other.panelHeight(), 10);
      e = assertThrows(IllegalArgumentException.class, () -> g.ab(2, 3, 10, q, 0, b, c, 0, 3, Gemm.Epilogue.BIAS, bias, 0));
      assertTrue(e.getMessage().contains("another micro-kernel"), e.getMessage());
    }
  }
}
