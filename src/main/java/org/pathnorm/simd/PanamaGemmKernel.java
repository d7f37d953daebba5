package org.pathnorm.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API GEMM micro-kernel: an MR × 2L tile (L = floats per vector) with every accumulator a
 * local {@code FloatVector}, so C2 keeps the whole tile in registers. Per k step: two vector loads
 * of B, MR broadcasts of A, 2·MR fused multiply-adds.
 *
 * <p>MR = 8 rows (16 accumulators) where there are 32 vector registers (AVX-512): measured on a
 * 2-vCPU AVX-512 machine at 180–185 GFLOP/s on JDK 17 and 25, where a 14-row tile (28 accumulators)
 * reached only 76 (JDK 25) and 165 (JDK 17). Machines with 16 vector registers (AVX2, NEON) use
 * MR = 6. {@code -Dpathnorm.gemm.mr=6|8} overrides.
 *
 * <p>With MR = 6 (12 accumulators, 16 registers) C2 compiles one of the two forms of A with a spill: one
 * accumulator kept on the stack, reloaded and stored every k step. Which form depends on the JDK. On a
 * 2-vCPU Zen 3 (AVX2, ≈ 92 GFLOP/s of FMA per core), in L1: on JDK 25 the k-major tile ({@link
 * #microKernel}, {@link #microKernelTransposedA}) ran at 38–40 GFLOP/s and the row-major one at 75–82; on
 * JDK 17 the row-major one at 42–43 and the k-major one at 81–98. So the 6-row kernel asks for its panels in
 * rows on JDK 25 and later, k-major before ({@link #aPanels}); {@code -Dpathnorm.gemm.aPanels=as-stored|rows|k-major}
 * overrides (BENCHMARKS.md, "Issue 15, fifteenth session"). The 8-row tile reads A as stored.
 * Loaded only through {@link PanamaKernels}.
 */
final class PanamaGemmKernel implements GemmKernel {
  private static final VectorSpecies<Float> S = PanamaKernels.SPECIES;
  private static final int L = S.length();
  private static final int NR = 2 * L;
  /** k-rows of a row-major B that {@link #packRowsAcross} copies at once. */
  static final int PACK_ROWS = 8;
  /** Floats spanned by a row-major B block's rows (kc·ldb) from which it is packed across rows: 512 KiB. */
  static final long STREAMED_SPAN = 1 << 17;
  /** Whether L × L blocks are transposed in registers ({@link Transpose16}, {@link Transpose8}) rather than gathered. */
  static final boolean TRANSPOSES = L == 16 || L == 8;

  private final int mr;
  private final APanels aPanels;
  /** Whether whole A panels are packed as 8 × 8 blocks transposed in registers: the 6-row tile on 8-lane vectors. */
  private final boolean panelsInBlocks;
  /** {@link #transposedRowsChunk()}: lcm(MR, L) with register transposes (24 for the 6-row tile and 8 lanes), so that no transposed row is thrown away. */
  private final int transposedRowsChunk;
  /** {@link #edgeColumnsRows()}: lcm(MR, 2L), 48 for the 6-row tile and 8 lanes, 16 for the 8-row tile and 16 lanes. */
  private final int edgeColumnsRows;

  PanamaGemmKernel(int mr) {
    this(mr, defaultAPanels(mr));
  }

  /** A tile of {@code mr} rows that reads A in the given form (tests of forms this machine would not choose). */
  PanamaGemmKernel(int mr, APanels aPanels) {
    if (mr != 6 && mr != 8) {
      throw new UnsupportedOperationException("pathnorm.gemm.mr must be 6 or 8, got " + mr);
    }
    this.mr = mr;
    this.aPanels = aPanels;
    this.panelsInBlocks = mr == 6 && L == 8;
    this.transposedRowsChunk = TRANSPOSES ? multipleOfBoth(mr, L) : mr;
    this.edgeColumnsRows = multipleOfBoth(mr, 2 * L);
  }

  /** Whether whole A panels are packed as 8 × 8 blocks transposed in registers (for {@code --version}). */
  boolean packsPanelsInBlocks() {
    return panelsInBlocks;
  }

  /** Default tile height for this JVM and machine (see the class comment). */
  static int defaultMr() {
    String forced = System.getProperty("pathnorm.gemm.mr");
    if (forced != null) {
      try {
        return Integer.parseInt(forced.trim());
      } catch (NumberFormatException e) {
        throw new UnsupportedOperationException("pathnorm.gemm.mr must be 6 or 8, got '" + forced + "'");
      }
    }
    boolean thirtyTwoRegisters = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    if (!thirtyTwoRegisters) return 6;
    return 8;
  }

  @Override public int mr() {
    return mr;
  }

  @Override public int nr() {
    return NR;
  }

  @Override public APanels aPanels() {
    return aPanels;
  }

  /**
   * The form of A for a tile of {@code mr} rows on this JDK and CPU, or as {@code -Dpathnorm.gemm.aPanels} says:
   * 6 rows, the form C2 compiles without a spill; 8 rows, {@link APanels#K_MAJOR_WIDE} on Intel, else as stored.
   */
  static APanels defaultAPanels(int mr) {
    String forced = System.getProperty("pathnorm.gemm.aPanels");
    if (forced != null) {
      switch (forced.trim()) {
        case "as-stored": return APanels.AS_STORED;
        case "rows": return APanels.ROWS;
        case "k-major": return APanels.K_MAJOR;
        case "k-major-wide": return APanels.K_MAJOR_WIDE;
        default: throw new UnsupportedOperationException(
            "pathnorm.gemm.aPanels must be as-stored, rows, k-major or k-major-wide, got '" + forced + "'");
      }
    }
    if (mr != 6) return CpuVendor.intel() ? APanels.K_MAJOR_WIDE : APanels.AS_STORED;
    return Runtime.version().feature() >= 25 ? APanels.ROWS : APanels.K_MAJOR;
  }

  /** {@inheritDoc} Here 8·kc for the 6-row tile on 8-lane vectors, whose packing stores 8 values at a time. */
  @Override public int aPackLength(int kc) {
    return (panelsInBlocks ? L : mr) * kc;
  }

  /**
   * {@inheritDoc} Here a whole row-major panel is transposed in registers where the tile has 8 rows
   * ({@link APanels#K_MAJOR}, {@link APanels#K_MAJOR_WIDE}) as {@link #packPanelAt} copies it; and 8 k-steps at a
   * time for 6 rows on 8-lane vectors (the k-major form that JDK 17 gets, {@link #aPanels}). For 6 rows the 8 rows from
   * i0 are read (the last 2 belong to the next panel) and each k-step's 8 values stored over the next
   * k-step's first 2, which its own store then rewrites (the last k-step's 2 fall past MR·kc, within
   * {@link #aPackLength}). The last kc mod 16 or mod 8 k-steps, and 6-row panels whose 8 rows run past the
   * array, are moved value by value as before.
   */
  @Override public void packA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc, float[] dst) {
    if (mr == 8 && !transA && rows == 8) {
      packPanelAt(a, aOff, lda, i0, k0, kc, dst, 0);
      return;
    }
    if (mr == 8 && L == 16 && transA && rows == 8 && kc > 1 && aOff + (long) (k0 + kc - 2) * lda + i0 + L <= a.length) {
      packTransposedPanel16(a, aOff + k0 * lda + i0, lda, kc, dst);
      return;
    }
    int blocked = !transA && rows == mr && panelsInBlocks && aOff + (long) (i0 + 7) * lda + k0 + kc <= a.length ? kc / 8 * 8 : 0;
    int src = aOff + i0 * lda + k0;
    for (int k = 0; k < blocked; k += 8) Transpose8.block(a, src + k, lda, dst, k * mr, mr, null, 0, false);
    if (blocked == 0) {
      Packing.packA(a, aOff, lda, transA, i0, rows, k0, kc, dst, mr);
    } else {
      for (int r = 0; r < mr; r++) {
        for (int k = blocked; k < kc; k++) dst[k * mr + r] = a[src + r * lda + k];
      }
    }
  }

  /**
   * The 8-row panel of a transposed A (its 8 values of each k contiguous, lda apart: a weight gradient's output
   * gradient) packed with a 16-lane load and store per k: each store also writes the next k's 8 values, from the
   * 8 columns after the panel, which that k's own store then replaces; the last k by value. One vector species
   * throughout, as the tiles' (see {@link Transpose8x16}). The caller checks that the loads stay in the array.
   */
  private static void packTransposedPanel16(float[] a, int src, int lda, int kc, float[] dst) {
    for (int k = 0; k < kc - 1; k++) FloatVector.fromArray(S, a, src + k * lda).intoArray(dst, k * 8);
    int last = src + (kc - 1) * lda;
    for (int r = 0; r < 8; r++) dst[(kc - 1) * 8 + r] = a[last + r];
  }

  /**
   * {@inheritDoc} Here, for the 8-row tile, 16 k-steps at a time in 512-bit registers ({@link Transpose8x16}) on 16
   * lanes, so that no 256-bit vector meets the kernels' call sites there, else 8 × 8 blocks ({@link Transpose8}); 6-row
   * panels, panels whose 8 rows would read past the array, and the last kc mod 16 (or 8) k-steps value by value.
   */
  @Override public void packPanelAt(float[] a, int aOff, int lda, int i0, int k0, int kc, float[] dst, int dOff) {
    if (mr != 8) {
      GemmKernel.super.packPanelAt(a, aOff, lda, i0, k0, kc, dst, dOff);
      return;
    }
    int step = L == 16 ? 16 : 8;
    int src = aOff + i0 * lda + k0;
    int blocked = src + 7L * lda + kc <= a.length ? kc / step * step : 0;
    if (step == 16) {
      for (int k = 0; k < blocked; k += 16) Transpose8x16.kMajor(a, src + k, lda, dst, dOff + k * 8);
    } else {
      for (int k = 0; k < blocked; k += 8) Transpose8.block(a, src + k, lda, dst, dOff + k * 8, 8, null, 0, false);
    }
    for (int r = 0; r < 8; r++) {
      for (int k = blocked; k < kc; k++) dst[dOff + k * 8 + r] = a[src + r * lda + k];
    }
  }

  /**
   * {@inheritDoc} Here, with 8-lane vectors, a whole panel of 6 rows of a transposed A (the row form that
   * JDK 25 gets, {@link #aPanels}: a weight gradient's Aᵀ) is transposed 8 k-steps at a time in registers
   * ({@link Transpose8}; the 8 values read at each k-step include 2 of the next panel, whose rows land
   * past MR·kc, within {@link #aPackLength}); the last kc mod 8 k-steps, and panels whose 8 values run
   * past the array, are moved value by value as before.
   */
  @Override public void packARows(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc, float[] dst) {
    int blocked = transA && rows == mr && panelsInBlocks && aOff + (long) (k0 + kc - 1) * lda + i0 + L <= a.length
        ? kc / L * L : 0;
    int src = aOff + k0 * lda + i0;
    for (int k = 0; k < blocked; k += L) Transpose8.block(a, src + k * lda, lda, dst, k, kc, null, 0, false);
    if (blocked == 0) {
      Packing.packARows(a, aOff, lda, transA, i0, rows, k0, kc, dst, mr);
    } else {
      for (int k = blocked; k < kc; k++) {
        for (int r = 0; r < mr; r++) dst[r * kc + k] = a[src + k * lda + r];
      }
    }
  }

  /** {@link PartialRows}: up to 4 rows (a panel of 1–2 rows as 2, of 3–4 as 4). */
  @Override public int partialRowsMax() {
    return PARTIAL_ROWS ? 4 : 0;
  }

  private static final boolean PARTIAL_ROWS = !"false".equals(System.getProperty("pathnorm.gemm.partialRows"));

  @Override public void microKernelRows(int kc, int rows, float[] a, int aOff, int rowStride, int kStride, float[] bp,
      int bpOff, float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    if (rows <= 2) PartialRows.two(kc, rows, a, aOff, rowStride, kStride, bp, bpOff, c, cOff, ldc, accumulate);
    else PartialRows.four(kc, rows, a, aOff, rowStride, kStride, bp, bpOff, c, cOff, ldc, accumulate);
    if (bias != null || relu) epilogue(c, cOff, ldc, rows, bias, biasOff, relu);
  }

  /**
   * {@link FewColumns}' width on 16-lane vectors, else 0 (the path keeps an element's 16 partial sums in one register):
   * 10 columns, two groups of 5. On the 111-GFLOP/s Zen 4, 1 thread, against the 8 × 16 narrow tile: 100 × 10 × 512
   * 54 against 34 GFLOP/s, 64 × 10 × 4000 69 against 32, 1000 × 10 × 256 56 against 46; but 256 × 12 × 512 45 against
   * 49 and 256 × 16 × 512 48 against 70 (BENCHMARKS.md, "Issue 15, thirty-fourth session").
   * {@code -Dpathnorm.gemm.fewColumns=N} sets the width (≤ 16), 0 turns the path off.
   */
  @Override public int fewColumnsWidth() {
    return L == 16 ? FEW_COLUMNS : 0;
  }

  private static final int FEW_COLUMNS = Math.min(Integer.getInteger("pathnorm.gemm.fewColumns", 10), 16);

  @Override public int fewColumnsScratch(int n) {
    return FewColumns.scratchLength(n);
  }

  @Override public void productFewColumns(int k, int i0, int i1, int j0, int j1, float[] a, int aOff, int lda, float[] b,
      int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu,
      float[] scratch) {
    FewColumns.product(k, i0, i1, j0, j1, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, bias, biasOff, relu, scratch);
  }

  /** Every partial panel: its columns in groups of 4. */
  @Override public int edgeColumnsWidth() {
    return NR - 1;
  }

  /**
   * {@inheritDoc} Here 2L rows (two vectors of A, loaded where A lies) by 4 columns (broadcasts of B) at a time,
   * 8 accumulators; the last rows mod 2L value by value with {@link Math#fma}, which is what a lane of the
   * tiles' vector FMA computes. On 100-512-10's first weight gradient (512 × 100 × 100) the 4 columns past the
   * last whole panel cost a whole 6 × 16 tile each, ≈ 20 µs of 166; this way the product ran 1.08–1.10× faster
   * on Zen 3 (BENCHMARKS.md, "Issue 15, twenty-first session" and "twenty-second session").
   */
  @Override public void edgeColumnsTransposedA(int kc, float[] a, int aOff, int lda, int rows, float[] bp, int bpOff, int cols,
      float[] c, int cOff, int ldc, boolean accumulate) {
    float[] tmp = EDGE_SCRATCH.get();
    int r = 0;
    for (; r + 2 * L <= rows; r += 2 * L) {
      for (int j = 0; j < cols; j += 4) {
        edgeRows2(kc, a, aOff + r, lda, bp, bpOff + j, Math.min(4, cols - j), c, cOff + r * ldc + j, ldc, accumulate, tmp);
      }
    }
    for (; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        float sum = 0f;
        for (int k = 0; k < kc; k++) sum = Math.fma(a[aOff + k * lda + r], bp[bpOff + k * NR + j], sum);
        int o = cOff + r * ldc + j;
        c[o] = accumulate ? sum + c[o] : sum;
      }
    }
  }

  @Override public int edgeColumnsRows() {
    return edgeColumnsRows;
  }

  /** The least common multiple of {@code mr} and {@code n}. */
  private static int multipleOfBoth(int mr, int n) {
    int lcm = mr;
    while (lcm % n != 0) lcm += mr;
    return lcm;
  }

  /** 8 × 4 vectors of scratch for {@link #edgeRows2} (the kernel is shared by GEMM workers). */
  private static final ThreadLocal<float[]> EDGE_SCRATCH = ThreadLocal.withInitial(() -> new float[8 * L]);

  /** Rows 0 … 2L−1 by columns 0 … w−1 (w ≤ 4; the panel's columns past the last are zero and not stored). */
  private static void edgeRows2(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, int w, float[] c, int cOff,
      int ldc, boolean accumulate, float[] tmp) {
    FloatVector s0a = FloatVector.zero(S), s0b = FloatVector.zero(S);
    FloatVector s1a = FloatVector.zero(S), s1b = FloatVector.zero(S);
    FloatVector s2a = FloatVector.zero(S), s2b = FloatVector.zero(S);
    FloatVector s3a = FloatVector.zero(S), s3b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int ak = aOff + k * lda;
      int b = bpOff + k * NR;
      FloatVector a0 = FloatVector.fromArray(S, a, ak);
      FloatVector a1 = FloatVector.fromArray(S, a, ak + L);
      FloatVector bv;
      bv = FloatVector.broadcast(S, bp[b]); s0a = bv.fma(a0, s0a); s0b = bv.fma(a1, s0b);
      bv = FloatVector.broadcast(S, bp[b + 1]); s1a = bv.fma(a0, s1a); s1b = bv.fma(a1, s1b);
      bv = FloatVector.broadcast(S, bp[b + 2]); s2a = bv.fma(a0, s2a); s2b = bv.fma(a1, s2b);
      bv = FloatVector.broadcast(S, bp[b + 3]); s3a = bv.fma(a0, s3a); s3b = bv.fma(a1, s3b);
    }
    // column j's 2L rows at tmp[j·2L …]
    s0a.intoArray(tmp, 0);
    s0b.intoArray(tmp, L);
    s1a.intoArray(tmp, 2 * L);
    s1b.intoArray(tmp, 3 * L);
    s2a.intoArray(tmp, 4 * L);
    s2b.intoArray(tmp, 5 * L);
    s3a.intoArray(tmp, 6 * L);
    s3b.intoArray(tmp, 7 * L);
    for (int r = 0; r < 2 * L; r++) {
      int o = cOff + r * ldc;
      for (int j = 0; j < w; j++) c[o + j] = accumulate ? tmp[j * 2 * L + r] + c[o + j] : tmp[j * 2 * L + r];
    }
  }

  @Override public int transposedRowsChunk() {
    return transposedRowsChunk;
  }

  /**
   * {@inheritDoc} Here L rows at a time as L × L blocks transposed in registers, the last kc mod L k-steps and
   * rows mod L rows value by value. {@link #packARows} transposes 8 rows for each 6-row panel and keeps 6; a
   * chunk of 24 rows keeps every row it transposes.
   */
  @Override public void packTransposedRows(float[] a, int aOff, int lda, int i0, int rows, int k0, int kc, float[] dst) {
    int src = aOff + k0 * lda + i0;
    int blockedRows = TRANSPOSES ? rows / L * L : 0;
    int blockedK = kc / L * L;
    for (int r = 0; r < blockedRows; r += L) {
      for (int k = 0; k < blockedK; k += L) transposeBlock(a, src + k * lda + r, lda, dst, r * kc + k, kc, null, 0, false);
      for (int k = blockedK; k < kc; k++) {
        for (int q = r; q < r + L; q++) dst[q * kc + k] = a[src + k * lda + q];
      }
    }
    Packing.packTransposedRows(a, src, lda, blockedRows, rows, kc, dst, mr);
  }

  @Override public void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int cols, float[] dst) {
    if (transB) {
      packBTransposed(b, bOff, ldb, k0, kc, j0, cols, dst);
      return;
    }
    // B rows are contiguous in j: whole panels copied with vector loads/stores
    int full = cols / NR * NR;
    if ((long) kc * ldb >= STREAMED_SPAN) packRowsAcross(b, bOff + k0 * ldb + j0, ldb, kc, full, dst);
    else packPanelByPanel(b, bOff + k0 * ldb + j0, ldb, kc, full, dst);
    if (full < cols) {
      Packing.packB(b, bOff, ldb, false, k0, kc, j0 + full, cols - full, dst, full * kc, NR);
    }
  }

  /**
   * Whole panels of a row-major B block whose rows span at least {@link #STREAMED_SPAN} floats (more than
   * an L2 holds, so read from L3 or memory), {@link #PACK_ROWS} k-rows at a time across the block: the
   * reads run along that many rows at once, streams the hardware prefetches, where panel after panel
   * jumped a row (a new page for a 4000-wide layer) at every load. From memory (the 64 MB weights of a
   * 4000-wide layer) that is 2x faster; on a block in L2 it is up to 10-40% slower than panel by panel,
   * hence the span (BENCHMARKS.md, "Issue 15, nineteenth session").
   */
  private static void packRowsAcross(float[] b, int src0, int ldb, int kc, int full, float[] dst) {
    for (int k = 0; k < kc; k += PACK_ROWS) {
      int rows = Math.min(PACK_ROWS, kc - k);
      int src = src0 + k * ldb;
      for (int j = 0, d = k * NR; j < full; j += NR, d += NR * kc) {
        for (int r = 0; r < rows; r++) {
          FloatVector.fromArray(S, b, src + r * ldb + j).intoArray(dst, d + r * NR);
          FloatVector.fromArray(S, b, src + r * ldb + j + L).intoArray(dst, d + r * NR + L);
        }
      }
    }
  }

  /** Whole panels of a row-major B block in cache, panel by panel: the stores run through each panel in order. */
  private static void packPanelByPanel(float[] b, int src0, int ldb, int kc, int full, float[] dst) {
    for (int j = 0; j < full; j += NR) {
      int src = src0 + j;
      int d = j * kc;
      for (int k = 0; k < kc; k++) {
        FloatVector.fromArray(S, b, src + k * ldb).intoArray(dst, d + k * NR);
        FloatVector.fromArray(S, b, src + k * ldb + L).intoArray(dst, d + k * NR + L);
      }
    }
  }

  /**
   * B stored N × K (rows contiguous in k), the shape of a mini-batch fed to (B·Aᵀ)ᵀ and of PyTorch's
   * weights: with 16- or 8-lane vectors, L × L blocks are transposed in registers ({@link Transpose16},
   * ≈ 2.4× faster than gathers on AVX-512; {@link Transpose8}, ≈ 1.6× on AVX2); otherwise, and for the
   * last kc mod L k-rows, each k-row of a full panel is two gathers of L values at stride ldb. Element by
   * element this transpose took ≈ 1.1 ns per value on the AVX-512 machines, the gathers ≈ 0.4
   * (BENCHMARKS.md, "Issue 15, fifth session"). A
   * partial last panel (the 10 classes of an output layer) is zeroed k-row by k-row with two vector
   * stores and its w values written over them: 3× faster than filling the padding value by value.
   */
  private static void packBTransposed(float[] b, int bOff, int ldb, int k0, int kc, int j0, int cols, float[] dst) {
    int full = cols / NR * NR;
    if (full > 0) {
      // L × L blocks transposed in registers (16 or 8 lanes); the last kc mod L k-rows as one more block
      // over the last L k-rows, which writes the rows it shares with the block before it again, with the
      // same values: gathers here ran out of line in C2's code of this method (the Java fallback of the
      // Vector API, allocating), ≈ 1% of a 784-256-10 step (BENCHMARKS.md, "Issue 15, twenty-fifth session").
      // Gathered only where kc < L.
      int blocked = TRANSPOSES ? kc / L * L : 0;
      int[] map = blocked == 0 ? gatherMap(ldb) : null;
      for (int j = 0, d = 0; j < full; j += NR, d += NR * kc) {
        int src = bOff + (j0 + j) * ldb + k0;
        for (int k = 0; k < blocked; k += L) {
          transposeBlock(b, src + k, ldb, dst, d + k * NR, NR, null, 0, false);
          transposeBlock(b, src + L * ldb + k, ldb, dst, d + k * NR + L, NR, null, 0, false);
        }
        if (blocked > 0 && blocked < kc) {
          int k = kc - L;
          transposeBlock(b, src + k, ldb, dst, d + k * NR, NR, null, 0, false);
          transposeBlock(b, src + L * ldb + k, ldb, dst, d + k * NR + L, NR, null, 0, false);
        }
        for (int k = blocked; map != null && k < kc; k++) {
          FloatVector.fromArray(S, b, src + k, map, 0).intoArray(dst, d + k * NR);
          FloatVector.fromArray(S, b, src + k, map, L).intoArray(dst, d + k * NR + L);
        }
      }
    }
    if (full < cols) partialPanelTransposed(b, ldb, bOff + (j0 + full) * ldb + k0, kc, cols - full, dst, full * kc);
  }

  /**
   * The last panel of {@link #packBTransposed}, w &lt; NR columns wide and zero-padded: its first L columns (when
   * w ≥ L) as L × L blocks transposed in registers, as the whole panels are, the rest value by value. A classifier's
   * weights (10 outputs) were all copied value by value, 19% of a 100 × 10 × 512 forward product's time; now that
   * product takes 24–25 µs instead of 27–29 on Zen 3 (BENCHMARKS.md, "Issue 15, twenty-second session").
   */
  private static void partialPanelTransposed(float[] b, int ldb, int src, int kc, int w, float[] dst, int d0) {
    FloatVector zero = FloatVector.zero(S);
    int blockedCols = TRANSPOSES && w >= L ? L : 0;
    int blockedK = blockedCols > 0 ? kc / L * L : 0;
    for (int k = 0; k < blockedK; k += L) transposeBlock(b, src + k, ldb, dst, d0 + k * NR, NR, null, 0, false);
    for (int k = 0, d = d0; k < kc; k++, d += NR) {
      int firstCol = k < blockedK ? blockedCols : 0;
      if (firstCol == 0) zero.intoArray(dst, d);
      zero.intoArray(dst, d + L);
      for (int jj = firstCol; jj < w; jj++) dst[d + jj] = b[src + jj * ldb + k];
    }
  }

  /**
   * {@inheritDoc} Here, with 16- or 8-lane vectors and C not accumulated, each L × L block of C is a block
   * of T transposed in registers ({@link Transpose16}, {@link Transpose8}), its bias added and ReLU applied there; every other
   * run of L values of a row of C is one gather of T (stride m). Both make the reference's additions
   * lane by lane; the last n mod L columns are done value by value.
   */
  @Override public void transposeEpilogue(int ldt, int i0, int i1, int j0, int j1, float[] t, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    int full = j0 + (j1 - j0) / L * L;
    int[] map = full > j0 ? gatherMap(ldt) : null;
    // a fresh C: L × L blocks of T transposed in registers (16 or 8 lanes), the rows past them gathered
    int blockedEnd = TRANSPOSES && !accumulate ? i0 + (i1 - i0) / L * L : i0;
    for (int jv = j0; jv < full; jv += L) {
      FloatVector b = bias != null ? FloatVector.fromArray(S, bias, biasOff + jv) : null;
      for (int iv = i0; iv < blockedEnd; iv += L) {
        transposeBlock(t, jv * ldt + iv, ldt, c, cOff + iv * ldc + jv, ldc, bias, biasOff + jv, relu);
      }
      for (int i = blockedEnd; i < i1; i++) {
        int o = cOff + i * ldc + jv;
        FloatVector v = FloatVector.fromArray(S, t, jv * ldt + i, map, 0);
        if (accumulate) v = v.add(FloatVector.fromArray(S, c, o));
        if (b != null) v = v.add(b);
        if (relu) v = v.lanewise(VectorOperators.MAX, 0f);
        v.intoArray(c, o);
      }
    }
    ScalarKernels.transposeEpilogueBlock(ldt, i0, i1, full, j1, t, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }

  /** Per thread (the kernel is shared by GEMM workers): offsets 0, ldb, …, (NR−1)·ldb, then ldb itself. */
  private static final ThreadLocal<int[]> GATHER_MAP = ThreadLocal.withInitial(() -> new int[NR + 1]);

  private static int[] gatherMap(int ldb) {
    int[] map = GATHER_MAP.get();
    if (map[NR] != ldb) {
      for (int j = 0; j < NR; j++) map[j] = j * ldb;
      map[NR] = ldb;
    }
    return map;
  }

  @Override public void microKernel(int kc, float[] ap, float[] bp, int bpOff, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    microKernelTransposedA(kc, ap, 0, mr, bp, bpOff, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }

  @Override public void microKernelTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    if (mr == 8 && lda == 8) kernelPanel8(kc, a, aOff, bp, bpOff, c, cOff, ldc, accumulate);
    else if (mr == 8) kernelPacked8(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
    else kernelPacked6(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
    if (bias != null || relu) epilogue(c, cOff, ldc, mr, bias, biasOff, relu);
  }

  /** {@inheritDoc} Two vectors a row, T + C in that order, then the tile's own epilogue. */
  @Override public void addTile(float[] t, int tOff, float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu) {
    for (int i = 0; i < mr; i++) {
      int o = cOff + i * ldc;
      int s = tOff + i * NR;
      FloatVector.fromArray(S, t, s).add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
      FloatVector.fromArray(S, t, s + L).add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
    }
    if (bias != null || relu) epilogue(c, cOff, ldc, mr, bias, biasOff, relu);
  }

  @Override public void microKernelDirectA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    if (mr == 8) kernelDirect8(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
    else kernelDirect6(kc, a, aOff, lda, bp, bpOff, c, cOff, ldc, accumulate);
    if (bias != null || relu) epilogue(c, cOff, ldc, mr, bias, biasOff, relu);
  }

  @Override public int sparsePanelWidth() {
    return PanamaSparsePairs.P;
  }

  @Override public void sparsePairPanel(int[] ks, int from, int to, float[] x, int x0, int x1, float[] w, int wOff,
      float[] c0, int c0Off, float[] c1, int c1Off, boolean accumulate) {
    PanamaSparsePairs.pairPanel(ks, from, to, x, x0, x1, w, wOff, c0, c0Off, c1, c1Off, accumulate);
  }

  @Override public void biasRelu(float[] c, int off, int n, float[] bias, int biasOff, boolean relu) {
    PanamaSparsePairs.biasRelu(c, off, n, bias, biasOff, relu);
  }

  @Override public boolean allFinite(float[] x, int off, int n) {
    return PanamaSparsePairs.allFinite(x, off, n);
  }

  @Override public boolean copyFinite(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    return PanamaSparsePairs.copyFinite(src, srcOff, dst, dstOff, n);
  }

  @Override public void nonzeroBits(float[] x, int off, int n, long[] bits, int bitsOff) {
    PanamaSparsePairs.nonzeroBits(x, off, n, bits, bitsOff);
  }

  @Override public int listUnion(long[] bits, int row0, int row1, int words, int[] out, int at) {
    return PanamaSparsePairs.listUnion(bits, row0, row1, words, out, at);
  }

  @Override public int narrowWidth() {
    return mr == 8 ? L : NR;
  }

  @Override public void microKernelNarrow(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    if (mr != 8) {
      GemmKernel.super.microKernelNarrow(kc, a, aOff, rowStride, kStride, bp, bpOff, c, cOff, ldc, accumulate, bias, biasOff, relu);
      return;
    }
    kernelNarrow8(kc, a, aOff, rowStride, kStride, bp, bpOff, c, cOff, ldc, accumulate);
    if (bias != null || relu) epilogueNarrow(c, cOff, ldc, bias, biasOff, relu);
  }

  /** {@link #epilogue} on the first L columns of an 8-row tile. */
  private static void epilogueNarrow(float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu) {
    FloatVector bias0 = bias != null ? FloatVector.fromArray(S, bias, biasOff) : FloatVector.zero(S);
    for (int r = 0; r < 8; r++) {
      int o = cOff + r * ldc;
      FloatVector v0 = FloatVector.fromArray(S, c, o);
      if (bias != null) v0 = v0.add(bias0);
      if (relu) v0 = v0.lanewise(VectorOperators.MAX, 0f);
      v0.intoArray(c, o);
    }
  }

  /** Bias and ReLU on the tile just stored (still in L1): C ← max(C + bias, 0). */
  private static void epilogue(float[] c, int cOff, int ldc, int rows, float[] bias, int biasOff, boolean relu) {
    FloatVector bias0 = bias != null ? FloatVector.fromArray(S, bias, biasOff) : FloatVector.zero(S);
    FloatVector bias1 = bias != null ? FloatVector.fromArray(S, bias, biasOff + L) : FloatVector.zero(S);
    for (int r = 0; r < rows; r++) {
      int o = cOff + r * ldc;
      FloatVector v0 = FloatVector.fromArray(S, c, o);
      FloatVector v1 = FloatVector.fromArray(S, c, o + L);
      if (bias != null) {
        v0 = v0.add(bias0);
        v1 = v1.add(bias1);
      }
      if (relu) {
        v0 = v0.lanewise(VectorOperators.MAX, 0f);
        v1 = v1.lanewise(VectorOperators.MAX, 0f);
      }
      v0.intoArray(c, o);
      v1.intoArray(c, o + L);
    }
  }

  /**
   * {@link #kernelPacked8} for a packed panel, lda = 8: A(r, k) = a[aOff + 8k + r], the same multiply-adds in the same
   * order. With the stride a constant C2 hoists the bounds checks of A out of the loop and reads the 8 values at
   * constant displacements from one index (33 instructions a k-step where the variable stride took 39: an IMUL, two
   * checks and their LEA); 5–6% faster in L1 on the Intel AVX-512 machine (BENCHMARKS.md, "Issue 15, thirtieth
   * session").
   */
  private static void kernelPanel8(int kc, float[] a, int aOff, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = aOff + 8 * k;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
      c6a.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c6b.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
      c7a.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
      c7b.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
      c6a.intoArray(c, cOff + 6 * ldc);
      c6b.intoArray(c, cOff + 6 * ldc + L);
      c7a.intoArray(c, cOff + 7 * ldc);
      c7b.intoArray(c, cOff + 7 * ldc + L);
    }
  }

  /** 8 × 2L tile, A k-major: A(r, k) = a[aOff + k·lda + r] (packed: 0, 8; a transposed A in place). */
  private static void kernelPacked8(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = aOff + k * lda;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
      c6a.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c6b.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
      c7a.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
      c7b.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
      c6a.intoArray(c, cOff + 6 * ldc);
      c6b.intoArray(c, cOff + 6 * ldc + L);
      c7a.intoArray(c, cOff + 7 * ldc);
      c7b.intoArray(c, cOff + 7 * ldc + L);
    }
  }

  /** 8 × 2L tile, A read in place: A(r, k) = a[aOff + r·lda + k]. */
  private static void kernelDirect8(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff + 0 * lda;
    final int o1 = aOff + 1 * lda;
    final int o2 = aOff + 2 * lda;
    final int o3 = aOff + 3 * lda;
    final int o4 = aOff + 4 * lda;
    final int o5 = aOff + 5 * lda;
    final int o6 = aOff + 6 * lda;
    final int o7 = aOff + 7 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[o6 + k]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[o7 + k]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
      c6a.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c6b.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
      c7a.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
      c7b.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
      c6a.intoArray(c, cOff + 6 * ldc);
      c6b.intoArray(c, cOff + 6 * ldc + L);
      c7a.intoArray(c, cOff + 7 * ldc);
      c7b.intoArray(c, cOff + 7 * ldc + L);
    }
  }

  /**
   * 8 × L tile, the first half of a B panel: A(r, k) = a[aOff + r·rowStride + k·kStride] (in place:
   * lda, 1; packed: 1, 8). Per lane the same fused multiply-adds as {@link #kernelPacked8}.
   */
  private static void kernelNarrow8(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff, o1 = aOff + rowStride, o2 = aOff + 2 * rowStride, o3 = aOff + 3 * rowStride;
    final int o4 = aOff + 4 * rowStride, o5 = aOff + 5 * rowStride, o6 = aOff + 6 * rowStride, o7 = aOff + 7 * rowStride;
    FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
    FloatVector c4 = FloatVector.zero(S), c5 = FloatVector.zero(S), c6 = FloatVector.zero(S), c7 = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bpOff + k * NR);
      int p = k * kStride;
      c0 = FloatVector.broadcast(S, a[o0 + p]).fma(b0, c0);
      c1 = FloatVector.broadcast(S, a[o1 + p]).fma(b0, c1);
      c2 = FloatVector.broadcast(S, a[o2 + p]).fma(b0, c2);
      c3 = FloatVector.broadcast(S, a[o3 + p]).fma(b0, c3);
      c4 = FloatVector.broadcast(S, a[o4 + p]).fma(b0, c4);
      c5 = FloatVector.broadcast(S, a[o5 + p]).fma(b0, c5);
      c6 = FloatVector.broadcast(S, a[o6 + p]).fma(b0, c6);
      c7 = FloatVector.broadcast(S, a[o7 + p]).fma(b0, c7);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0.add(FloatVector.fromArray(S, c, cOff)).intoArray(c, cOff);
      c1.add(FloatVector.fromArray(S, c, cOff + ldc)).intoArray(c, cOff + ldc);
      c2.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c3.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c4.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c5.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c6.add(FloatVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
      c7.add(FloatVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
    } else {
      c0.intoArray(c, cOff);
      c1.intoArray(c, cOff + ldc);
      c2.intoArray(c, cOff + 2 * ldc);
      c3.intoArray(c, cOff + 3 * ldc);
      c4.intoArray(c, cOff + 4 * ldc);
      c5.intoArray(c, cOff + 5 * ldc);
      c6.intoArray(c, cOff + 6 * ldc);
      c7.intoArray(c, cOff + 7 * ldc);
    }
  }

  /** 6 × 2L tile, A k-major: A(r, k) = a[aOff + k·lda + r] (packed: 0, 6; a transposed A in place). */
  private static void kernelPacked6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      int p = aOff + k * lda;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p + 0]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }

  /** 6 × 2L tile, A read in place: A(r, k) = a[aOff + r·lda + k]. */
  private static void kernelDirect6(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate) {
    final int o0 = aOff + 0 * lda;
    final int o1 = aOff + 1 * lda;
    final int o2 = aOff + 2 * lda;
    final int o3 = aOff + 3 * lda;
    final int o4 = aOff + 4 * lda;
    final int o5 = aOff + 5 * lda;
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int b = bpOff + k * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[o0 + k]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[o1 + k]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[o2 + k]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[o3 + k]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[o4 + k]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[o5 + k]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
    }
    // no helper method taking vectors here: a call C2 does not inline would box them
    if (accumulate) {
      c0a.add(FloatVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
      c0b.add(FloatVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
      c1a.add(FloatVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
      c1b.add(FloatVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
      c2a.add(FloatVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
      c2b.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
      c3a.add(FloatVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
      c3b.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
      c4a.add(FloatVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
      c4b.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
      c5a.add(FloatVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
      c5b.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    } else {
      c0a.intoArray(c, cOff + 0 * ldc);
      c0b.intoArray(c, cOff + 0 * ldc + L);
      c1a.intoArray(c, cOff + 1 * ldc);
      c1b.intoArray(c, cOff + 1 * ldc + L);
      c2a.intoArray(c, cOff + 2 * ldc);
      c2b.intoArray(c, cOff + 2 * ldc + L);
      c3a.intoArray(c, cOff + 3 * ldc);
      c3b.intoArray(c, cOff + 3 * ldc + L);
      c4a.intoArray(c, cOff + 4 * ldc);
      c4b.intoArray(c, cOff + 4 * ldc + L);
      c5a.intoArray(c, cOff + 5 * ldc);
      c5b.intoArray(c, cOff + 5 * ldc + L);
    }
  }

  /** dst[dOff + i·dstStride + j] = b[src + j·ldb + i] (+ bias[biasOff + j], then ReLU) for i, j &lt; L. */
  private static void transposeBlock(float[] b, int src, int ldb, float[] dst, int dOff, int dstStride, float[] bias,
      int biasOff, boolean relu) {
    if (L == 16) Transpose16.block(b, src, ldb, dst, dOff, dstStride, bias, biasOff, relu);
    else Transpose8.block(b, src, ldb, dst, dOff, dstStride, bias, biasOff, relu);
  }
}
