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
  K_MAJOR
}
