package org.pathnorm.simd;

/**
 * How a GEMM hands panels of A to its {@link GemmKernel}: which of the micro-kernel's two forms of A
 * (row-major, {@link GemmKernel#microKernelDirectA}; k-major, {@link GemmKernel#microKernel} and {@link
 * GemmKernel#microKernelTransposedA}) it reads, and so which panels are packed. Every form gives the
 * same bits; only the speed differs, and it differs by register count and JDK (BENCHMARKS.md, "Issue 15,
 * fifteenth session").
 *
 * <p>Internal: public only for use across PathNorm's packages, not part of the API.
 *
 * @hidden
 */
public enum APanels {
  /** A row-major A and a transposed A read where they lie, each in its own form; partial panels packed k-major. */
  AS_STORED,
  /** Everything that is not a whole row-major panel in place is packed in rows ({@link GemmKernel#packARows}). */
  ROWS,
  /** Everything that is not a whole transposed panel in place is packed k-major ({@link GemmKernel#packA}). */
  K_MAJOR,
  /**
   * As {@link #K_MAJOR} where a panel of a row-major A meets at least {@link #WIDE_COLUMNS} columns of B, whose
   * tiles share the cost of packing it, in a product of at least {@link #WIDE_ROWS} rows; other panels are read
   * in place as by {@link #AS_STORED}. The 8-row
   * tile's form on Intel cores, where the address arithmetic of 8 row streams runs on the ports of the 512-bit
   * FMAs: large products 1.03–1.17× faster on an Intel Xeon (BENCHMARKS.md, "Issue 15, twenty-third session").
   * Its panels are packed with 512-bit vectors only ({@code Transpose8x16}), so that C2 never sees a second
   * vector class at the kernels' call sites (the cause of the 12× slow runs of that session: "twenty-fourth
   * session").
   */
  K_MAJOR_WIDE;

  /** Columns of B from which {@link #K_MAJOR_WIDE} packs a row-major panel: 8 tiles of 32. */
  public static final int WIDE_COLUMNS = 256;
  /**
   * Rows of a product from which {@link #K_MAJOR_WIDE} packs its row-major A: below them (a mini-batch's
   * products, an evaluation's chunks of 256 rows) the panels are read in place as before. With every product
   * packed, 10-epoch runs of 784-256-10 on 2 threads took 0.15–0.2 s longer outside the epochs' training (the
   * evaluations: 0.95× end to end), where 512 rows gave the as-stored times back (BENCHMARKS.md, "Issue 15,
   * twenty-fourth session").
   */
  public static final int WIDE_ROWS = 512;

  /**
   * Whether a whole panel of a row-major A is packed k-major in a product of {@code rows} rows whose panel meets
   * {@code columns} columns of B.
   */
  public boolean packsRowMajor(int rows, int columns) {
    return this == K_MAJOR || this == K_MAJOR_WIDE && columns >= WIDE_COLUMNS && rows >= WIDE_ROWS;
  }
}
