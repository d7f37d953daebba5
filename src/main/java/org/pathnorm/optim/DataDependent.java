package org.pathnorm.optim;

import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Network;

/**
 * An optimiser whose step depends on the mini-batch itself, not only on its gradient (DDP-SGD,
 * SPEC §3.5: the preconditioner uses the batch statistics of every node). The trainer shows it each
 * step's batch before {@link Optimizer#beginStep}.
 */
public interface DataDependent {

  /** The inputs x [rows × inputs] (row-major, from offset 0) of the coming step's mini-batch. */
  void observe(Network net, float[] x, int rows);

  /** Runs the optimiser's batch computations on this GEMM (e.g. one on the trainer's pool). */
  void useGemm(Gemm gemm);
}
