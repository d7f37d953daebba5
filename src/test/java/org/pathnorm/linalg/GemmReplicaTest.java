package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.KernelsUnderTest;

/** {@link Gemm#replicate}: each worker of a split product reads its own copy of an operand. */
class GemmReplicaTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(2);

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  private static float[] random(SplittableRandom r, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
    return x;
  }

  private static float[] twice(float[] x) {
    float[] y = x.clone();
    for (int i = 0; i < y.length; i++) y[i] *= 2;
    return y;
  }

  /**
   * A·B with A a mini-batch (64 × 70) and N = 512 splits by columns, each worker reading all of A: with the second
   * worker's copy holding 2·A, its columns come out doubled (exactly: a power of two) and the first worker's not.
   */
  @Test
  void theSecondWorkerReadsItsCopy() {
    for (Kernels kern : KernelsUnderTest.all()) {
      int m = 64, n = 512, k = 70;
      SplittableRandom r = new SplittableRandom(5);
      float[] a = random(r, m * k);
      float[] b = random(r, k * n);
      float[] plain = new float[m * n];
      float[] doubled = new float[m * n];
      new Gemm(kern, null).ab(m, n, k, a, 0, k, b, 0, n, plain, 0, n, false);
      new Gemm(kern, null).ab(m, n, k, twice(a), 0, k, b, 0, n, doubled, 0, n, false);
      Gemm gemm = new Gemm(kern, POOL);
      gemm.replicate(new float[][] {a, twice(a)});
      float[] c = new float[m * n];
      gemm.ab(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
      int split = -1;
      for (int j = 0; j < n && split < 0; j++) {
        if (c[j] != plain[j]) split = j;
      }
      assertTrue(split > 0, kern.name() + ": the first columns are the first worker's, from A itself (split at " + split + ")");
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          float want = j < split ? plain[i * n + j] : doubled[i * n + j];
          assertEquals(want, c[i * n + j], 0f, kern.name() + " C[" + i + "][" + j + "], split at column " + split);
        }
      }
      gemm.replicate(null);
      gemm.ab(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
      assertArrayEquals(plain, c, 0f, kern.name() + ": replicate(null) reads A itself again");
    }
  }

  /**
   * Equal copies give the bits of the product without them, where the copy is A of a dense layer's forward product
   * (x·Wᵀ, computed as (W·xᵀ)ᵀ for a mini-batch), B of its weight gradient (dZᵀ·x), and neither.
   */
  @Test
  void equalCopiesGiveTheSameBits() {
    for (Kernels kern : KernelsUnderTest.all()) {
      for (int[] s : new int[][] {{64, 256, 784}, {17, 300, 33}, {100, 512, 100}, {7, 1000, 15}}) {
        int batch = s[0], out = s[1], in = s[2];
        SplittableRandom r = new SplittableRandom(batch * 31L + out);
        float[] x = random(r, batch * in);
        float[] w = random(r, out * in);
        float[] bias = random(r, out);
        float[] dz = random(r, batch * out);
        Gemm one = new Gemm(kern, null);
        Gemm split = new Gemm(kern, POOL);
        split.replicate(new float[][] {x, x.clone()});
        float[] z1 = new float[batch * out];
        float[] z2 = new float[batch * out];
        one.abt(batch, out, in, x, 0, in, w, 0, in, z1, 0, out, Gemm.Epilogue.BIAS_RELU, bias, 0);
        split.abt(batch, out, in, x, 0, in, w, 0, in, z2, 0, out, Gemm.Epilogue.BIAS_RELU, bias, 0);
        String shape = kern.name() + " " + batch + " x " + out + " x " + in;
        assertArrayEquals(z1, z2, 0f, shape + ": forward");
        float[] g1 = new float[out * in];
        float[] g2 = new float[out * in];
        one.atb(out, in, batch, dz, 0, out, x, 0, in, g1, 0, in, false);
        split.atb(out, in, batch, dz, 0, out, x, 0, in, g2, 0, in, false);
        assertArrayEquals(g1, g2, 0f, shape + ": weight gradient");
        float[] dx1 = new float[batch * in];
        float[] dx2 = new float[batch * in];
        one.ab(batch, in, out, dz, 0, out, w, 0, in, dx1, 0, in, false);
        split.ab(batch, in, out, dz, 0, out, w, 0, in, dx2, 0, in, false);
        assertArrayEquals(dx1, dx2, 0f, shape + ": input gradient (no copy read)");
      }
    }
  }

  @Test
  void rejectsMoreCopiesThanWorkersAndUnequalLengths() {
    Gemm gemm = new Gemm(KernelsUnderTest.all().get(0), POOL);
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> gemm.replicate(new float[][] {new float[4], new float[4], new float[4]}));
    assertEquals("gemm: 3 copies of an operand for 2 workers", many.getMessage());
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> gemm.replicate(new float[][] {new float[4], new float[5]}));
    assertEquals("gemm: the copies of an operand differ in length (5 and 4)", lengths.getMessage());
  }
}
