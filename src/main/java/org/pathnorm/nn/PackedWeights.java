package org.pathnorm.nn;

import org.pathnorm.linalg.ColumnPanels;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.PackedMatrix;

/**
 * The weight matrices of a feedforward {@link Network}, each packed once as the right operand Wᵢᵀ of
 * its layer's GEMM ({@link Gemm#pack}), for many forward passes with the same weights. An evaluation
 * over a data set runs one forward pass per chunk of samples; unpacked, each pass packs every Wᵢᵀ
 * again (the GEMM's B operand), which for a 784-256-10 network over chunks of 256 samples was 11% of
 * the evaluation (README, "Evaluation"). With the weights packed here the passes only multiply.
 *
 * <p>The packed copy is as large as the weights (rounded up to the micro-kernel's panels) and is
 * kept for the next {@link #pack}, which reuses its buffers. Pack on one thread; then any number of
 * workspaces may read it at once, until the network's parameters change.
 */
public final class PackedWeights {
  private PackedMatrix[] layers = new PackedMatrix[0];
  private Architecture packedFor;
  /** W₀ᵀ in panels of columns for inputs in {@link org.pathnorm.linalg.SparseRows}, or null; see {@link #packFirstLayerColumns}. */
  private ColumnPanels firstColumns;
  private boolean firstColumnsCurrent;

  /**
   * Packs every Wᵢᵀ of {@code net}'s current parameters with {@code gemm}'s micro-kernel (the workspaces
   * that read the result must run GEMMs on the same kernels).
   *
   * @return this
   */
  public PackedWeights pack(Network net, Gemm gemm) {
    Architecture arch = net.architecture();
    int d = arch.depth();
    if (layers.length != d) {
      layers = new PackedMatrix[d];
      for (int i = 0; i < d; i++) layers[i] = new PackedMatrix();
    }
    for (int i = 0; i < d; i++) {
      // op(B) = Wᵀ [in × out] of W stored out × in (PyTorch's layout)
      gemm.pack(layers[i], arch.in(i), arch.out(i), net.parameters(), arch.weightOffset(i), arch.in(i), true);
    }
    packedFor = arch;
    firstColumnsCurrent = false;
    return this;
  }

  /**
   * Also packs W₀ᵀ, the first layer's weights, in panels of columns ({@link Gemm#packColumns}), for forward passes
   * whose inputs are mostly zeros ({@link Workspace#forward(Network, PackedWeights, org.pathnorm.linalg.SparseRows,
   * int)}), after a {@link #pack} of the same network and on the same kernels.
   *
   * @return whether those passes give the bits of the dense ones: every weight of W₀ finite, and the first layer wider
   *     than a product with few columns (whose sums are formed otherwise)
   */
  public boolean packFirstLayerColumns(Network net, Gemm gemm) {
    Architecture arch = net.architecture();
    layer(arch, 0);
    firstColumnsCurrent = false;
    if (arch.out(0) <= gemm.fewColumnsWidth()) return false;
    if (firstColumns == null) firstColumns = new ColumnPanels();
    gemm.packColumns(firstColumns, arch.in(0), arch.out(0), net.parameters(), arch.weightOffset(0), arch.in(0), true);
    firstColumnsCurrent = firstColumns.finite();
    return firstColumnsCurrent;
  }

  /** Wᵢᵀ of weight layer {@code layer} (0 … d−1), as packed by the last {@link #pack} of a network of {@code arch}. */
  PackedMatrix layer(Architecture arch, int layer) {
    if (!arch.equals(packedFor)) {
      throw new IllegalStateException("the packed weights are for " + packedFor + ", not for the network " + arch);
    }
    return layers[layer];
  }

  /** W₀ᵀ as packed by {@link #packFirstLayerColumns} since the last {@link #pack}, when that returned true. */
  ColumnPanels firstLayerColumns(Architecture arch) {
    layer(arch, 0);
    if (!firstColumnsCurrent) {
      throw new IllegalStateException("the first layer's weights are not packed for sparse inputs since the last pack");
    }
    return firstColumns;
  }
}
