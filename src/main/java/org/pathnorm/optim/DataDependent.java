package org.pathnorm.optim;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.BatchMoments;
import org.pathnorm.nn.Model;

/**
 * An optimiser whose step depends on the mini-batch itself, not only on its gradient (DDP-SGD,
 * docs/algorithms.md §3.5: the preconditioner uses the batch statistics of every node). The trainer shows it each
 * step's batch before {@link Optimizer#beginStep}.
 */
public interface DataDependent {

  /** The inputs x [rows × inputs] (row-major, from offset 0) of the coming step's mini-batch. */
  void observe(Model net, float[] x, int rows);

  /** Runs the optimiser's batch computations on this GEMM (e.g. one on the trainer's pool). */
  void useGemm(Gemm gemm);

  /**
   * Whether per-node batch moments suffice ({@link #observeMoments} instead of {@link #observe}): the
   * trainer then collects them during its own forward pass and the optimiser needs none.
   */
  default boolean usesMoments() {
    return false;
  }

  /** The coming step's batch as the moments of its shards, in shard order ({@code count} of them). */
  default void observeMoments(Model net, BatchMoments[] shards, int count) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " needs the batch itself (observe)");
  }
}
