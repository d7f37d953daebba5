package org.pathnorm.measures;

import java.util.ArrayList;
import java.util.List;
import org.pathnorm.nn.BatchNormFolding;
import org.pathnorm.nn.Conv2d;
import org.pathnorm.nn.Dense;
import org.pathnorm.nn.Layer;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.Sequential;

/**
 * A model of convolution, dense, pooling and flatten layers (batch norms allowed) as the measures see
 * it, with the reference code's conventions (docs/algorithms.md §2.8): batch norm folded into the
 * preceding layer ({@link BatchNormFolding}), and each convolution or dense layer i one weight matrix
 * W_i [out × in·kh·kw] (the kernel with all but the output dimension flattened) with its bias. The
 * depth d counts these layers, the parameters are their weights and biases, and the widths h_1 … h_d
 * are their output channels (h_0 = C·H·W, the input size).
 *
 * @param model       the folded model (evaluation mode; no batch norm)
 * @param rows        out_i
 * @param cols        in_i·kh_i·kw_i
 * @param weights     offset of W_i in the folded model's parameters
 * @param biases      offset of b_i
 */
record WeightLayers(Sequential model, int[] rows, int[] cols, int[] weights, int[] biases) {

  /** The weight layers of {@code model} after folding its batch norms. */
  static WeightLayers of(Model model) {
    Sequential folded = BatchNormFolding.fold(model);
    List<int[]> found = new ArrayList<>();
    for (int i = 0; i < folded.layers().size(); i++) {
      Layer l = folded.layers().get(i);
      if (l.parameterCount() == 0) continue;
      if (!(l instanceof Conv2d || l instanceof Dense)) {
        throw new IllegalArgumentException("measures: layer " + i + " (" + l + ") is not a convolution, dense, pooling or flatten layer");
      }
      List<ParameterTensor> t = l.tensors();
      int out = t.get(0).shape()[0];
      int bias = t.size() > 1 ? folded.layerOffset(i) + t.get(1).offset() : -1;
      found.add(new int[] {out, t.get(0).size() / out, folded.layerOffset(i) + t.get(0).offset(), bias});
    }
    if (found.isEmpty()) throw new IllegalArgumentException("measures: the model " + model.describe() + " has no weight layer");
    int d = found.size();
    int[] rows = new int[d], cols = new int[d], w = new int[d], b = new int[d];
    for (int i = 0; i < d; i++) {
      rows[i] = found.get(i)[0];
      cols[i] = found.get(i)[1];
      w[i] = found.get(i)[2];
      b[i] = found.get(i)[3];
    }
    return new WeightLayers(folded, rows, cols, w, b);
  }

  int depth() {
    return rows.length;
  }

  /** h_0 = the input size, h_i = out_i. */
  int[] widths() {
    int[] h = new int[depth() + 1];
    h[0] = model.inputSize();
    System.arraycopy(rows, 0, h, 1, depth());
    return h;
  }

  /** Weights and biases of the weight layers. */
  long parameters() {
    long n = 0;
    for (int i = 0; i < depth(); i++) n += (long) rows[i] * cols[i] + (biases[i] >= 0 ? rows[i] : 0);
    return n;
  }

  /**
   * μ_{p,q}(w) = ( Σ_units ‖w_{→unit}‖_p^q )^{1/q} over every output channel of every weight layer,
   * its incoming weights being its kernel row and its bias (docs/algorithms.md §2.1): a kernel shared over
   * positions counts once.
   */
  double groupNorm(double p, double q) {
    MatrixNorms.checkExponent("p", p);
    MatrixNorms.checkExponent("q", q);
    float[] w = model.parameters();
    int units = 0;
    for (int r : rows) units += r;
    double[] unitNorms = new double[units];
    int u = 0;
    for (int l = 0; l < depth(); l++) {
      for (int j = 0; j < rows[l]; j++) {
        double[] incoming = new double[cols[l] + 1];
        for (int k = 0; k < cols[l]; k++) incoming[k] = w[weights[l] + j * cols[l] + k];
        incoming[cols[l]] = biases[l] >= 0 ? w[biases[l] + j] : 0;
        unitNorms[u++] = MatrixNorms.vectorNorm(incoming, p);
      }
    }
    return MatrixNorms.vectorNorm(unitNorms, q);
  }
}
