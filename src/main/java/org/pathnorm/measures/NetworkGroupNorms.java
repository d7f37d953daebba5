package org.pathnorm.measures;

import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;

/**
 * The whole-network group norm of docs/algorithms.md §2.1: μ_{p,q}(w) = ( Σ_{v ∉ V_in} ‖w_{→v}‖_p^q )^{1/q}, where
 * w_{→v} is every incoming weight of unit v <em>including its bias</em> (the bias is an edge from the
 * bias node, docs/algorithms.md §1.2). μ_{2,2} is the ℓ2 norm of all parameters (weight decay); q = ∞ the per-unit
 * max-norm.
 */
public final class NetworkGroupNorms {
  private NetworkGroupNorms() {}

  public static double of(Network net, double p, double q) {
    MatrixNorms.checkExponent("p", p);
    MatrixNorms.checkExponent("q", q);
    Architecture a = net.architecture();
    float[] w = net.parameters();
    int units = 0;
    for (int l = 0; l < a.depth(); l++) units += a.out(l);
    double[] unitNorms = new double[units];
    int u = 0;
    for (int l = 0; l < a.depth(); l++) {
      int in = a.in(l);
      for (int j = 0; j < a.out(l); j++) {
        double[] incoming = new double[in + 1];
        for (int k = 0; k < in; k++) incoming[k] = w[a.weightOffset(l) + j * in + k];
        incoming[in] = w[a.biasOffset(l) + j];
        unitNorms[u++] = MatrixNorms.vectorNorm(incoming, p);
      }
    }
    return MatrixNorms.vectorNorm(unitNorms, q);
  }
}
