package org.pathnorm.simd;

/**
 * The inner part of a blocked GEMM (Goto/BLIS style): packing of operand panels and the
 * register-tiled micro-kernel that multiplies one {@code MR × kc} panel of A by one {@code kc × NR}
 * panel of B.
 *
 * <p>Packed layouts (both zero-padded to full panels):
 * <ul>
 *   <li>A: panel of MR rows, k-major: {@code ap[k·MR + r] = A(i0 + r, k0 + k)};</li>
 *   <li>B: consecutive panels of NR columns, each k-major:
 *       {@code bp[p·NR·kc + k·NR + j] = B(k0 + k, j0 + p·NR + j)}.</li>
 * </ul>
 * A(i, k) is {@code a[aOff + i·lda + k]}, or {@code a[aOff + k·lda + i]} when {@code transA}; B(k, j)
 * is {@code b[bOff + k·ldb + j]}, or {@code b[bOff + j·ldb + k]} when {@code transB}.
 *
 * <p>Every element of C is computed with the same sequence of operations whatever tile it falls
 * in, so a GEMM split differently over threads gives bit-identical results.
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public interface GemmKernel {

  /** Rows of the register tile. */
  int mr();

  /** Columns of the register tile. */
  int nr();

  /**
   * How many floats a buffer for {@link #packA} and {@link #packARows} of depth kc must hold: MR·kc, or
   * more where the packing stores whole vectors past the panel (what lies past MR·kc is then unspecified).
   */
  default int aPackLength(int kc) {
    return mr() * kc;
  }

  /** Packs the MR-row panel A(i0 : i0+rows, k0 : k0+kc) into {@code dst[0 : MR·kc]}, rows ≤ MR (dst holds {@link #aPackLength}). */
  void packA(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc, float[] dst);

  /**
   * Copies the whole MR-row panel A(i0 : i0+MR, k0 : k0+kc) of a row-major A k-major into {@code dst[dOff + k·MR + r]},
   * writing nothing else of dst: a segment of a panel of {@code linalg.RowPanels}, whose neighbours other threads may
   * be writing. The values are moved, not computed.
   */
  default void packPanelAt(float[] a, int aOff, int lda, int i0, int k0, int kc, float[] dst, int dOff) {
    int mr = mr();
    for (int r = 0; r < mr; r++) {
      int src = aOff + (i0 + r) * lda + k0;
      for (int k = 0; k < kc; k++) dst[dOff + k * mr + r] = a[src + k];
    }
  }

  /** Packs B(k0 : k0+kc, j0 : j0+cols) into ⌈cols/NR⌉ panels of {@code NR·kc} floats in {@code dst}. */
  void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int j0, int cols, float[] dst);

  /** Which panels of A a GEMM packs, and in which form, for this kernel ({@link APanels}). */
  default APanels aPanels() {
    return APanels.AS_STORED;
  }

  /**
   * Packs the panel A(i0 : i0+rows, k0 : k0+kc) row-major into {@code dst[0 : MR·kc]}: {@code dst[r·kc + k] =
   * A(i0 + r, k0 + k)}, rows ≥ {@code rows} zero; the form {@link #microKernelDirectA} reads with lda = kc
   * (dst holds {@link #aPackLength}).
   */
  default void packARows(float[] a, int aOff, int lda, boolean transA, int i0, int rows, int k0, int kc, float[] dst) {
    Packing.packARows(a, aOff, lda, transA, i0, rows, k0, kc, dst, mr());
  }

  /**
   * How many rows of a transposed A {@link #packTransposedRows} packs in one call: a multiple of MR, MR itself
   * unless packing more rows at once moves fewer values.
   */
  default int transposedRowsChunk() {
    return mr();
  }

  /**
   * Packs rows i0 … i0+rows−1 (rows ≤ {@link #transposedRowsChunk}) of a transposed A (stored K × M) over
   * k0 … k0+kc−1 row-major into {@code dst}: {@code dst[r·kc + k] = A(i0 + r, k0 + k)}, zero up to the next
   * multiple of MR rows. These are the panels {@link #packARows} would pack, one after the other, panel p at
   * {@code dst[p·MR·kc]}, each read by {@link #microKernelDirectA} with lda = kc.
   */
  default void packTransposedRows(float[] a, int aOff, int lda, int i0, int rows, int k0, int kc, float[] dst) {
    Packing.packTransposedRows(a, aOff + k0 * lda + i0, lda, 0, rows, kc, dst, mr());
  }

  /**
   * C[0:MR, 0:NR] ← (accumulate ? C : 0) + Ap·Bp, then + bias (one value per column, if
   * {@code bias != null}), then max(·, 0) if {@code relu}. C is row-major at {@code c[cOff]} with
   * leading dimension {@code ldc}; the whole MR × NR tile is written, and the bias read at
   * {@code bias[biasOff : biasOff + NR]}.
   *
   * @param kc depth of the panels, ≥ 1
   */
  void microKernel(int kc, float[] ap, float[] bp, int bpOff, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu);

  /**
   * C[0:MR, 0:NR] at {@code cOff} (row stride {@code ldc}) becomes T + C (T the tile at {@code tOff}, row stride NR),
   * then {@code + bias} and ReLU as {@link #microKernel}'s: a K block computed into T with accumulate off and added
   * apart has the bits of the same block accumulated into C (T + C is the tile's acc + C). The evaluation adds its K
   * blocks after the first this way, so that the micro-kernel never accumulates where training does not (C2 compiled
   * the kernel without that branch, and an evaluation's first accumulating block threw it back to the interpreter).
   */
  default void addTile(float[] t, int tOff, float[] c, int cOff, int ldc, float[] bias, int biasOff, boolean relu) {
    int mr = mr();
    int nr = nr();
    for (int i = 0; i < mr; i++) {
      for (int j = 0; j < nr; j++) {
        float v = t[tOff + i * nr + j] + c[cOff + i * ldc + j];
        if (bias != null) v += bias[biasOff + j];
        c[cOff + i * ldc + j] = relu ? Math.max(v, 0f) : v;
      }
    }
  }

  /**
   * As {@link #microKernel} with A in the packed form but not packed: A(r, k) = {@code a[aOff + k·lda + r]},
   * which is a transposed A (stored K × M) read in place, its MR values at each k being contiguous.
   * Saves packing the A of a weight gradient Aᵀ·B; the result is bit-identical to the packed form.
   */
  void microKernelTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff,
      int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu);

  /**
   * As {@link #microKernel}, with A read in place instead of packed: A(r, k) =
   * {@code a[aOff + r·lda + k]} for r &lt; MR. Used where A is row-major (contiguous in k), which saves
   * packing it; the result is bit-identical to the packed form.
   */
  void microKernelDirectA(int kc, float[] a, int aOff, int lda, float[] bp, int bpOff, float[] c, int cOff,
      int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu);

  /**
   * Columns a narrow tile covers: {@link #microKernelNarrow} computes only C[0:MR, 0:narrowWidth()],
   * for a last panel with at most that many columns (the 10 outputs of a classifier); {@link #nr()}
   * where the kernel has no narrow tile.
   */
  default int narrowWidth() {
    return nr();
  }

  /**
   * The most rows of a partial row panel that {@link #microKernelRows} computes; 0 where the kernel has no such path
   * (a partial panel then costs a whole tile on a zero-padded copy).
   */
  default int partialRowsMax() {
    return 0;
  }

  /**
   * As the micro-kernels on a whole B panel (NR columns), for the first {@code rows} ≤ {@link #partialRowsMax()} rows
   * only, A(r, k) = {@code a[aOff + r·rowStride + k·kStride]} (row-major: lda, 1; transposed in place: 1, lda; packed:
   * 1, MR): the same operations in the same order for those rows, so the same bits, without a whole tile's work.
   * Writes rows 0 … rows − 1 of C only.
   */
  default void microKernelRows(int kc, int rows, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    throw new UnsupportedOperationException("no partial-rows kernel");
  }

  /**
   * Columns P of a panel of B for {@link #sparsePairPanel}: the B of a product on mostly-zero rows is kept as panels of
   * P columns, each k-major over the whole K ({@code linalg.ColumnPanels}).
   */
  int sparsePanelWidth();

  /**
   * Two rows of C and one panel of P = {@link #sparsePanelWidth()} columns of a product whose rows of A are mostly
   * zeros, over the k listed in {@code ks[from … to)} (increasing, within one of the GEMM's K blocks): acc_r(j) =
   * Σ A(r, k)·B(k, j) over those k in turn, from +0, with this kernel's own multiply-add; then C ← acc (+ C when
   * {@code accumulate}), as the micro-kernels store a tile (the product's bias and ReLU are its caller's, after the last
   * K block: branches on them in here were pruned by C2 from the first blocks' profile and cost a recompile). A(0, k) =
   * {@code x[x0 + k]}, A(1, k) = {@code x[x1 + k]}, B(k, j) = {@code w[wOff + k·P + j]}; row 0 of C at
   * {@code c0[c0Off …]}, row 1 at {@code c1[c1Off …]} (P columns each, distinct). Where the list holds every k of the
   * block at which either row is nonzero and B is finite, the bits are the micro-kernel's for that K block: each
   * product left out is a ±0, and adding ±0 leaves a sum that starts at +0 unchanged, since such a sum is never −0
   * (docs/architecture.md, "Sparse rows").
   */
  void sparsePairPanel(int[] ks, int from, int to, float[] x, int x0, int x1, float[] w, int wOff,
      float[] c0, int c0Off, float[] c1, int c1Off, boolean accumulate);

  /**
   * bits[bitsOff + i / 64] bit i mod 64 ← x[off + i] ≠ 0 (NaN counts as nonzero) for i &lt; n; the ⌈n / 64⌉ words are
   * overwritten, their bits past n zero.
   */
  default void nonzeroBits(float[] x, int off, int n, long[] bits, int bitsOff) {
    int words = (n + 63) >>> 6;
    for (int w = 0; w < words; w++) bits[bitsOff + w] = 0L;
    for (int i = 0; i < n; i++) {
      if (x[off + i] != 0f) bits[bitsOff + (i >>> 6)] |= 1L << (i & 63);
    }
  }

  /** Slots past a list's end that {@link #listUnion} may overwrite: {@code out} needs them free. */
  int LIST_SLACK = 16;

  /**
   * Lists the set bits of the union u_w = bits[row0 + w] | bits[row1 + w] (u_w = bits[row0 + w] where {@code row1}
   * &lt; 0), w &lt; {@code words}, as the increasing positions 64w + j into {@code out[at …]}, and returns the end of
   * the list. May overwrite up to {@link #LIST_SLACK} slots after the end.
   */
  default int listUnion(long[] bits, int row0, int row1, int words, int[] out, int at) {
    for (int w = 0; w < words; w++) {
      long union = bits[row0 + w] | (row1 >= 0 ? bits[row1 + w] : 0L);
      for (int base = w << 6; union != 0; union &= union - 1) out[at++] = base + Long.numberOfTrailingZeros(union);
    }
    return at;
  }

  /**
   * c[off, off + n) ← c + bias[biasOff …], then max(·, 0) with {@code relu} (Math.max: NaN stays NaN, −0 becomes +0): a
   * tile's epilogue on one row, after a product on sparse rows.
   */
  default void biasRelu(float[] c, int off, int n, float[] bias, int biasOff, boolean relu) {
    if (relu) {
      for (int j = 0; j < n; j++) c[off + j] = Math.max(c[off + j] + bias[biasOff + j], 0f);
    } else {
      for (int j = 0; j < n; j++) c[off + j] = c[off + j] + bias[biasOff + j];
    }
  }

  /** Whether every one of the n values x[off …] is finite. */
  default boolean allFinite(float[] x, int off, int n) {
    boolean finite = true;
    for (int i = 0; i < n; i++) finite &= Float.isFinite(x[off + i]);
    return finite;
  }

  /** dst[dstOff …] ← src[srcOff …] for n values; whether every one is finite. */
  default boolean copyFinite(float[] src, int srcOff, float[] dst, int dstOff, int n) {
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      float v = src[srcOff + i];
      finite &= Float.isFinite(v);
      dst[dstOff + i] = v;
    }
    return finite;
  }

  /**
   * The widest C that {@link #productFewColumns} computes (a classifier's outputs); 0 where the kernel has no such
   * path (C = A·Bᵀ with few columns then goes through the tiles).
   */
  default int fewColumnsWidth() {
    return 0;
  }

  /** Floats of scratch {@link #productFewColumns} needs for {@code n} ≤ {@link #fewColumnsWidth()} columns. */
  default int fewColumnsScratch(int n) {
    return 0;
  }

  /**
   * C(i, j) ← Σ_κ A(i, κ)·B(j, κ) (+ C(i, j) if {@code accumulate}), + bias[biasOff + j] (if bias is not null), then
   * max(·, 0) if {@code relu}, for rows i0 ≤ i &lt; i1 and columns j0 ≤ j &lt; j1, j1 − j0 ≤ {@link
   * #fewColumnsWidth()}: C = A·Bᵀ with A row-major ({@code a[aOff + i·lda + κ]}), B row-major n × k ({@code b[bOff +
   * j·ldb + κ]}, PyTorch's weight layout) and C row-major, as dot products along K. Each element is the fold of 16
   * partial sums (docs/architecture.md, "Products with few columns"): other bits than the tiles', the same for any
   * split of the rows and columns.
   */
  default void productFewColumns(int k, int i0, int i1, int j0, int j1, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu, float[] scratch) {
    throw new UnsupportedOperationException("no few-columns kernel");
  }

  /**
   * The widest partial last panel of B that {@link #edgeColumnsTransposedA} computes; 0 where the kernel has no
   * such path (the GEMM then computes those columns tile by tile).
   */
  default int edgeColumnsWidth() {
    return 0;
  }

  /**
   * The rows {@link #edgeColumnsTransposedA} takes at a time with vectors, a multiple of MR: a GEMM hands it the
   * largest multiple of this many rows of its range and leaves the rest to the tiles, since rows past the last
   * such block are computed value by value there.
   */
  default int edgeColumnsRows() {
    return mr();
  }

  /**
   * C(r, j) ← (accumulate ? s + C(r, j) : s) for r &lt; rows and j &lt; cols ≤ {@link #edgeColumnsWidth}, s =
   * Σ_k A(r, k)·B(k, j) over k = 0 … kc−1, with A transposed in place (A(r, k) = {@code a[aOff + k·lda + r]}) and B
   * a packed panel (B(k, j) = {@code bp[bpOff + k·NR + j]}), C row-major at {@code c[cOff]}: the last few columns
   * of a weight gradient Aᵀ·B for all its rows at once, with vectors along the rows, where a tile would compute a
   * whole panel for them. Each element gets the micro-kernels' own operations in their order, so the same bits.
   */
  default void edgeColumnsTransposedA(int kc, float[] a, int aOff, int lda, int rows, float[] bp, int bpOff, int cols,
      float[] c, int cOff, int ldc, boolean accumulate) {
    throw new UnsupportedOperationException("no edge-columns kernel");
  }

  /**
   * As the other micro-kernels with A(r, k) = {@code a[aOff + r·rowStride + k·kStride]} (packed: 1, MR;
   * row-major in place: lda, 1; transposed in place: 1, lda), but writing only the first {@link
   * #narrowWidth()} columns of the tile, with the same bits there.
   */
  default void microKernelNarrow(int kc, float[] a, int aOff, int rowStride, int kStride, float[] bp, int bpOff,
      float[] c, int cOff, int ldc, boolean accumulate, float[] bias, int biasOff, boolean relu) {
    if (rowStride == 1) microKernelTransposedA(kc, a, aOff, kStride, bp, bpOff, c, cOff, ldc, accumulate, bias, biasOff, relu);
    else microKernelDirectA(kc, a, aOff, rowStride, bp, bpOff, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }

  /**
   * The epilogue of a product computed transposed (T = B·Aᵀ for C = A·Bᵀ with few rows), on the block
   * of rows [i0, i1) and columns [j0, j1) of C: C[i, j] ← (accumulate ? T[j, i] + C[i, j] : T[j, i]) +
   * bias[j] (if {@code bias != null}), then max(·, 0) if {@code relu}; T[j, i] is at {@code t[j·ldt + i]}
   * (T stored n × ldt), C row-major at {@code c[cOff]} with leading dimension {@code ldc}. Each GEMM
   * worker applies it to the block it computed, while T is in its cache. Implementations give these
   * bits exactly (the same additions in the same order); this default is the plain reference
   * ({@code ScalarKernels.transposeEpilogueBlock}).
   */
  default void transposeEpilogue(int ldt, int i0, int i1, int j0, int j1, float[] t, float[] c, int cOff, int ldc,
      boolean accumulate, float[] bias, int biasOff, boolean relu) {
    ScalarKernels.transposeEpilogueBlock(ldt, i0, i1, j0, j1, t, c, cOff, ldc, accumulate, bias, biasOff, relu);
  }
}
