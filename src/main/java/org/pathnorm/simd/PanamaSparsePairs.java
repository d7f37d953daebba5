package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernel#sparsePairPanel} on the Vector API: two rows of C and 8 vectors
 * of columns (P = 8L: 128 on 512-bit vectors) in 16 registers, each listed k one broadcast of each row's A(r, k) and 8
 * loads of B's row k, each load shared by both rows' multiply-adds. One row alone would load B once a multiply-add and
 * run at the speed of L2 (0.4 of the FMA peak on the Zen 4 VM); two rows share the loads at the price of the k where
 * only one row is nonzero (docs/architecture.md, "Sparse rows"). With them, the index's pieces: {@link
 * GemmKernel#nonzeroBits}, {@link GemmKernel#listUnion} and {@link GemmKernel#copyFinite}.
 */
final class PanamaSparsePairs {
  private static final VectorSpecies<Float> S = PanamaKernels.SPECIES;
  private static final int L = S.length();
  /** Columns of a panel: 8 vectors. */
  static final int P = 8 * L;

  private PanamaSparsePairs() {}

  /** Lanes of ints as wide as {@link #S}'s floats, and lane j's bit 2^j. */
  private static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
  private static final IntVector LANE_BITS = IntVector.broadcast(SI, 1).lanewise(VectorOperators.LSHL, IntVector.zero(SI).addIndex(1));

  /**
   * {@link GemmKernel#nonzeroBits}: per vector a compare, and the mask's lanes as bits 2^j summed by an OR across the
   * lanes (L divides 64). Not {@code VectorMask.toLong()}: on JDK 25 that call went through the API's generic code
   * (the mask's lanes as a boolean array), 42 µs for 64 rows of 784 against 8–9 µs this way (BENCHMARKS.md, "Issue 15,
   * thirty-ninth session").
   */
  static void nonzeroBits(float[] x, int off, int n, long[] bits, int bitsOff) {
    int words = (n + 63) >>> 6;
    for (int w = 0; w < words; w++) bits[bitsOff + w] = 0L;
    IntVector none = IntVector.zero(SI);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      VectorMask<Integer> nonzero = FloatVector.fromArray(S, x, off + i).compare(VectorOperators.NE, 0f).cast(SI);
      long m = none.blend(LANE_BITS, nonzero).reduceLanes(VectorOperators.OR) & 0xffffffffL;
      bits[bitsOff + (i >>> 6)] |= m << (i & 63);
    }
    for (; i < n; i++) {
      if (x[off + i] != 0f) bits[bitsOff + (i >>> 6)] |= 1L << (i & 63);
    }
  }

  /** Lanes of the lists' vectors: 8 ints (256 bits) where the kernels' vectors are that wide, else 4. */
  private static final VectorSpecies<Integer> LIST = S.vectorBitSize() >= 256 ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
  private static final int LIST_LANES = LIST.length();
  /** For each pattern p of LIST_LANES bits: the positions of its set bits, in increasing order, then zeros. */
  private static final int[] POSITIONS = new int[(1 << LIST_LANES) * LIST_LANES];

  static {
    for (int p = 0; p < 1 << LIST_LANES; p++) {
      int at = p * LIST_LANES;
      for (int j = 0; j < LIST_LANES; j++) if ((p >>> j & 1) != 0) POSITIONS[at++] = j;
    }
  }

  /**
   * {@link GemmKernel#listUnion}: per LIST_LANES bits of the union one table load of their positions, shifted by its
   * offset and stored whole (the slots past the set bits are overwritten by the next store or left as slack); the
   * list advances by the bits' count. One bit at a time took about a nanosecond a listed position.
   */
  static int listUnion(long[] bits, int row0, int row1, int words, int[] out, int at) {
    int mask = (1 << LIST_LANES) - 1;
    for (int w = 0; w < words; w++) {
      long union = bits[row0 + w] | (row1 >= 0 ? bits[row1 + w] : 0L);
      if (union == 0L) continue;
      int base = w << 6;
      for (int j = 0; j < 64; j += LIST_LANES) {
        int p = (int) (union >>> j) & mask;
        IntVector.fromArray(LIST, POSITIONS, p * LIST_LANES).add(base + j).intoArray(out, at);
        at += Integer.bitCount(p);
      }
    }
    return at;
  }

  /** {@link GemmKernel#biasRelu}: a vector at a time (lanewise MAX is Math.max's), the tail as the default does. */
  static void biasRelu(float[] c, int off, int n, float[] bias, int biasOff, boolean relu) {
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector v = FloatVector.fromArray(S, c, off + j).add(FloatVector.fromArray(S, bias, biasOff + j));
      if (relu) v = v.lanewise(VectorOperators.MAX, 0f);
      v.intoArray(c, off + j);
    }
    for (; j < n; j++) {
      float v = c[off + j] + bias[biasOff + j];
      c[off + j] = relu ? Math.max(v, 0f) : v;
    }
  }

  /** {@link GemmKernel#allFinite}: as {@link #copyFinite}, without the copy (two sums, for two loads a cycle). */
  static boolean allFinite(float[] x, int off, int n) {
    FloatVector nonFinite0 = FloatVector.zero(S);
    FloatVector nonFinite1 = FloatVector.zero(S);
    int i = 0;
    for (int bound = n - 2 * L; i <= bound; i += 2 * L) {
      FloatVector v0 = FloatVector.fromArray(S, x, off + i);
      FloatVector v1 = FloatVector.fromArray(S, x, off + i + L);
      nonFinite0 = nonFinite0.add(v0.sub(v0));
      nonFinite1 = nonFinite1.add(v1.sub(v1));
    }
    boolean finite = nonFinite0.add(nonFinite1).reduceLanes(VectorOperators.ADD) == 0f;
    for (; i < n; i++) finite &= Float.isFinite(x[off + i]);
    return finite;
  }

  /** {@link GemmKernel#copyFinite}: v − v is 0 for a finite v and NaN otherwise, summed over the lanes at the end. */
  static boolean copyFinite(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    FloatVector nonFinite = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, src, srcOff + i);
      v.intoArray(dst, dstOff + i);
      nonFinite = nonFinite.add(v.sub(v));
    }
    boolean finite = nonFinite.reduceLanes(VectorOperators.ADD) == 0f;
    for (; i < n; i++) {
      float v = src[srcOff + i];
      finite &= Float.isFinite(v);
      dst[dstOff + i] = v;
    }
    return finite;
  }

  /** {@link GemmKernel#sparsePairPanel} with P = 8L; all vectors stay in this method (a call C2 does not inline would box them). */
  static void pairPanel(int[] ks, int from, int to, float[] x, int x0, int x1, float[] w, int wOff,
      float[] c0, int c0Off, float[] c1, int c1Off, boolean accumulate) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    FloatVector b0 = a0, b1 = a0, b2 = a0, b3 = a0, b4 = a0, b5 = a0, b6 = a0, b7 = a0;
    // one flat loop over the listed k: C2 keeps the 16 sums in registers (a walk of the mask's bits in a nested loop
    // ran 1.55x slower)
    for (int q = from; q < to; q++) {
      int k = ks[q];
      FloatVector u = FloatVector.broadcast(S, x[x0 + k]);
      FloatVector v = FloatVector.broadcast(S, x[x1 + k]);
      int p = wOff + k * P;
      FloatVector w0 = FloatVector.fromArray(S, w, p);
      a0 = u.fma(w0, a0);
      b0 = v.fma(w0, b0);
      FloatVector w1 = FloatVector.fromArray(S, w, p + L);
      a1 = u.fma(w1, a1);
      b1 = v.fma(w1, b1);
      FloatVector w2 = FloatVector.fromArray(S, w, p + 2 * L);
      a2 = u.fma(w2, a2);
      b2 = v.fma(w2, b2);
      FloatVector w3 = FloatVector.fromArray(S, w, p + 3 * L);
      a3 = u.fma(w3, a3);
      b3 = v.fma(w3, b3);
      FloatVector w4 = FloatVector.fromArray(S, w, p + 4 * L);
      a4 = u.fma(w4, a4);
      b4 = v.fma(w4, b4);
      FloatVector w5 = FloatVector.fromArray(S, w, p + 5 * L);
      a5 = u.fma(w5, a5);
      b5 = v.fma(w5, b5);
      FloatVector w6 = FloatVector.fromArray(S, w, p + 6 * L);
      a6 = u.fma(w6, a6);
      b6 = v.fma(w6, b6);
      FloatVector w7 = FloatVector.fromArray(S, w, p + 7 * L);
      a7 = u.fma(w7, a7);
      b7 = v.fma(w7, b7);
    }
    if (accumulate) {
      // acc + C, as the micro-kernels add a K block's tile to C
      a0 = a0.add(FloatVector.fromArray(S, c0, c0Off));
      a1 = a1.add(FloatVector.fromArray(S, c0, c0Off + L));
      a2 = a2.add(FloatVector.fromArray(S, c0, c0Off + 2 * L));
      a3 = a3.add(FloatVector.fromArray(S, c0, c0Off + 3 * L));
      a4 = a4.add(FloatVector.fromArray(S, c0, c0Off + 4 * L));
      a5 = a5.add(FloatVector.fromArray(S, c0, c0Off + 5 * L));
      a6 = a6.add(FloatVector.fromArray(S, c0, c0Off + 6 * L));
      a7 = a7.add(FloatVector.fromArray(S, c0, c0Off + 7 * L));
      b0 = b0.add(FloatVector.fromArray(S, c1, c1Off));
      b1 = b1.add(FloatVector.fromArray(S, c1, c1Off + L));
      b2 = b2.add(FloatVector.fromArray(S, c1, c1Off + 2 * L));
      b3 = b3.add(FloatVector.fromArray(S, c1, c1Off + 3 * L));
      b4 = b4.add(FloatVector.fromArray(S, c1, c1Off + 4 * L));
      b5 = b5.add(FloatVector.fromArray(S, c1, c1Off + 5 * L));
      b6 = b6.add(FloatVector.fromArray(S, c1, c1Off + 6 * L));
      b7 = b7.add(FloatVector.fromArray(S, c1, c1Off + 7 * L));
    }
    a0.intoArray(c0, c0Off);
    a1.intoArray(c0, c0Off + L);
    a2.intoArray(c0, c0Off + 2 * L);
    a3.intoArray(c0, c0Off + 3 * L);
    a4.intoArray(c0, c0Off + 4 * L);
    a5.intoArray(c0, c0Off + 5 * L);
    a6.intoArray(c0, c0Off + 6 * L);
    a7.intoArray(c0, c0Off + 7 * L);
    b0.intoArray(c1, c1Off);
    b1.intoArray(c1, c1Off + L);
    b2.intoArray(c1, c1Off + 2 * L);
    b3.intoArray(c1, c1Off + 3 * L);
    b4.intoArray(c1, c1Off + 4 * L);
    b5.intoArray(c1, c1Off + 5 * L);
    b6.intoArray(c1, c1Off + 6 * L);
    b7.intoArray(c1, c1Off + 7 * L);
  }
}
