package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;
import org.pathnorm.testing.ThreadAllocation;

/**
 * The product with a pre-packed B ({@link Gemm#pack}, {@link Gemm#ab(int, int, int, float[], int, int,
 * PackedMatrix, float[], int, int, boolean, boolean)}) against the unpacked GEMM, bit for bit, and
 * against the naive reference, over awkward sizes on both kernel sets, 1 and 3 threads.
 */
class PackedMatrixTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);
  private static final int[] SIZES = {1, 7, 15, 16, 17, 31, 33, 100, 257};

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  private static float[] packedRun(Gemm g, PackedMatrix pm, GemmTest.Problem p) {
    g.pack(pm, p.k, p.n, p.b, p.bOff, p.ldb, p.transB);
    float[] c = p.c0.clone();
    g.ab(p.m, p.n, p.k, p.a, p.aOff, p.lda, pm, c, p.cOff, p.ldc, p.accumulate, p.relu);
    return c;
  }

  /**
   * The unpacked GEMM on op(B) stored K × N: for a transposed B, A·(explicit Bᵀ) through {@link Gemm#ab},
   * since {@link Gemm#abt} with few rows computes (B·Aᵀ)ᵀ, another summation; but with few columns {@link Gemm#abt}
   * itself, whose dot products along K the packed form keeps.
   */
  private static float[] unpacked(Gemm g, GemmTest.Problem p) {
    if (!p.transB) return p.run(g);
    float[] c = p.c0.clone();
    if (p.n <= g.fewColumnsWidth()) {
      g.product(false, true, p.m, p.n, p.k, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, c, p.cOff, p.ldc, p.accumulate, null, 0, p.relu);
      return c;
    }
    g.product(false, false, p.m, p.n, p.k, p.a, p.aOff, p.lda, explicitB(p), 0, Math.max(1, p.n), c, p.cOff, p.ldc, p.accumulate, null, 0,
        p.relu);
    return c;
  }

  /** op(B) of the problem stored K × N with leading dimension max(1, N). */
  private static float[] explicitB(GemmTest.Problem p) {
    float[] b = new float[Math.max(1, p.k * p.n)];
    for (int kk = 0; kk < p.k; kk++) {
      for (int j = 0; j < p.n; j++) b[kk * p.n + j] = p.transB ? p.b[p.bOff + j * p.ldb + kk] : p.b[p.bOff + kk * p.ldb + j];
    }
    return b;
  }

  private static void assertBits(float[] want, float[] got, String label) {
    assertEquals(want.length, got.length, label);
    for (int i = 0; i < want.length; i++) {
      if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
        throw new AssertionError(label + ": element " + i + " is " + got[i] + ", the unpacked GEMM gives " + want[i]);
      }
    }
  }

  @Test
  void bitIdenticalToTheUnpackedGemmOverAwkwardSizes() {
    long seed = 100;
    for (Kernels kern : KernelsUnderTest.all()) {
      for (Gemm g : new Gemm[] {new Gemm(kern, null), new Gemm(kern, POOL)}) {
        // one instance reused across all shapes: the buffer grows and shrinks in use
        PackedMatrix pm = new PackedMatrix();
        for (boolean transB : new boolean[] {false, true}) {
          for (int m : SIZES) {
            for (int nk : SIZES) {
              boolean accumulate = (m + nk) % 2 == 0;
              boolean relu = (m * 3 + nk) % 4 < 2;
              for (GemmTest.Problem p : new GemmTest.Problem[] {
                  new GemmTest.Problem(false, transB, m, nk, nk, accumulate, false, relu, seed++),
                  new GemmTest.Problem(false, transB, m, nk, 33, !accumulate, false, !relu, seed++),
                  new GemmTest.Problem(false, transB, m, 17, nk, accumulate, false, relu, seed++)}) {
                String label = kern.name() + " " + g.threads() + " thread(s) packed " + p;
                float[] got = packedRun(g, pm, p);
                assertBits(unpacked(g, p), got, label);
                p.check(got, label);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void acrossSeveralKAndNBlocks() {
    long seed = 900;
    for (Kernels kern : KernelsUnderTest.all()) {
      PackedMatrix pm = new PackedMatrix();
      for (Gemm g : new Gemm[] {new Gemm(kern, null), new Gemm(kern, POOL)}) {
        for (boolean transB : new boolean[] {false, true}) {
          // K = 530 → blocks of 265; N = 1100 crosses two NC (512) blocks with a partial panel at the end
          GemmTest.Problem p = new GemmTest.Problem(false, transB, 37, 1100, 530, true, false, true, seed++);
          float[] got = packedRun(g, pm, p);
          assertBits(unpacked(g, p), got, kern.name() + " " + p);
          p.check(got, kern.name() + " packed " + p);
          // the same packed B multiplied again by another left operand (the recurrent use: one B, T products)
          float[] a2 = GemmTest.Problem.random(new java.util.SplittableRandom(seed++), 9 * 530);
          float[] want = new float[9 * 1100], got2 = new float[9 * 1100];
          float[] bKn = explicitB(p);
          g.ab(9, 1100, 530, a2, 0, 530, bKn, 0, 1100, want, 0, 1100, false);
          g.ab(9, 1100, 530, a2, 0, 530, pm, got2, 0, 1100, false, false);
          assertBits(want, got2, kern.name() + " second product with the same packed B");
          // packing another matrix into the same instance returns it, refilled
          GemmTest.Problem q = new GemmTest.Problem(false, transB, 9, 1100, 530, false, false, false, seed++);
          assertSame(pm, g.pack(pm, q.k, q.n, q.b, q.bOff, q.ldb, q.transB));
          float[] c = q.c0.clone();
          g.ab(q.m, q.n, q.k, q.a, q.aOff, q.lda, pm, c, q.cOff, q.ldc, false, false);
          assertBits(unpacked(g, q), c, kern.name() + " repacked " + q);
        }
      }
    }
  }

  @Test
  void zeroDepthAppliesOnlyTheEpilogue() {
    for (Kernels kern : KernelsUnderTest.all()) {
      Gemm g = new Gemm(kern, null);
      GemmTest.Problem p = new GemmTest.Problem(false, false, 5, 6, 0, true, false, true, 31);
      float[] got = packedRun(g, new PackedMatrix(), p);
      assertBits(p.run(g), got, "k = 0");
    }
  }

  @Test
  void mismatchedShapesAndKernelsAreRefused() {
    Gemm g = new Gemm(KernelSelection.scalar(), null);
    PackedMatrix pm = g.pack(new PackedMatrix(), 4, 3, new float[12], 0, 3, false);
    assertEquals(4, pm.rows());
    assertEquals(3, pm.columns());
    float[] x = new float[64];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.ab(2, 3, 5, x, 0, 5, pm, x, 0, 3, false, false));
    assertTrue(e.getMessage().contains("packed B is 4 x 3 but the product needs 5 x 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.ab(2, 3, 4, new float[7], 0, 4, pm, x, 0, 3, false, false));
    assertTrue(e.getMessage().contains("A (2 x 4, ld 4, offset 0) needs 8 elements but has 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.pack(new PackedMatrix(), 4, 3, new float[11], 0, 3, false));
    assertTrue(e.getMessage().contains("B (4 x 3, ld 3, offset 0) needs 12 elements but has 11"), e.getMessage());
    if (!KernelSelection.kernels().name().equals("scalar")) {
      Gemm other = new Gemm(KernelSelection.kernels(), null);
      e = assertThrows(IllegalArgumentException.class, () -> other.ab(2, 3, 4, x, 0, 4, pm, x, 0, 3, false, false));
      assertTrue(e.getMessage().contains("another micro-kernel"), e.getMessage());
    }
  }

  @Test
  void repackingTheSameShapeAllocatesNothing() {
    ThreadAllocation counter = ThreadAllocation.ofCurrentThread();
    Gemm g = new Gemm(KernelSelection.scalar(), null);
    int m = 32, n = 300, k = 300;
    float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
    for (int i = 0; i < a.length; i++) a[i] = i % 7 - 3;
    for (int i = 0; i < b.length; i++) b[i] = i % 5 - 2;
    PackedMatrix pm = new PackedMatrix();
    g.pack(pm, k, n, b, 0, k, true);
    g.ab(m, n, k, a, 0, k, pm, c, 0, n, true, true);
    long before = counter.bytes();
    for (int rep = 0; rep < 5; rep++) {
      g.pack(pm, k, n, b, 0, k, rep % 2 == 0);
      g.ab(m, n, k, a, 0, k, pm, c, 0, n, true, true);
    }
    assertEquals(0, counter.bytes() - before, "bytes allocated by 5 steady-state pack + product pairs");
  }
}
