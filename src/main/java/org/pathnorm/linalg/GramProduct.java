package org.pathnorm.linalg;

/**
 * A symmetric positive semi-definite operator G = AᵀA given by its action z = G·x on double vectors of
 * length {@link #dimension()}: what {@link SpectralNorm} iterates on. {@link GramOperator} is the one for
 * a stored float matrix; the perturbation conditions (measures) supply products of masked layers.
 */
public interface GramProduct {
  /** Length of x and z. */
  int dimension();

  /** z ← G·x; must not retain x or z. */
  void apply(double[] x, double[] z);
}
