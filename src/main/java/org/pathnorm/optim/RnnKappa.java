package org.pathnorm.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnorm.nn.Layer;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.ParameterTensor;
import org.pathnorm.nn.PathNormPass;
import org.pathnorm.nn.Recurrent;

/**
 * Both terms of the shared-weight preconditioner of RNN-Path (docs/algorithms.md §3.4) for any model
 * with {@link Recurrent} layers, s = θ∘θ and φ(s) = Σ_ζ Π_{e∈ζ} s_e over the unrolled network (bias
 * paths counted, all-ones inputs and outputs):
 *
 * <pre>  κ⁽¹⁾_e = ∂φ/∂s_e          κ⁽²⁾_e = s_e·∂²φ/∂s_e²          κ⁽¹⁾ + κ⁽²⁾ = Σ_ζ (∂Π_ζ/∂θ_e)²</pre>
 *
 * κ⁽¹⁾ is what RNN-Path uses ({@link PathNormPass#kappa}); κ⁽²⁾ (the paths through two or more copies
 * of a weight, only W_hh here) is the E6 diagnostic, O(T·H³) per recurrent layer. Allocates its
 * buffers once per model structure.
 */
public final class RnnKappa {
  private final List<Layer> layers;
  private final PathNormPass pass;
  private final double[][] sums;
  private final double[][] adjoint;
  private final Layer.PathCache[] caches;
  private final float[] scratch;
  private final double[] layerKappa2;

  public RnnKappa(Model model) {
    layers = model.layers();
    pass = new PathNormPass(model);
    int n = layers.size();
    sums = new double[n + 1][];
    adjoint = new double[n + 1][];
    caches = new Layer.PathCache[n];
    int widest = 0;
    for (int i = 0; i < n; i++) {
      sums[i] = new double[layers.get(i).inputSize()];
      adjoint[i] = new double[layers.get(i).inputSize()];
      caches[i] = layers.get(i).newPathCache();
      widest = Math.max(widest, layers.get(i).parameterCount());
    }
    sums[n] = new double[model.outputSize()];
    adjoint[n] = new double[model.outputSize()];
    scratch = new float[model.parameterCount()];
    layerKappa2 = new double[widest];
  }

  /** κ⁽¹⁾ of every parameter (laid out like the parameters), as RNN-Path computes it. */
  public void first(Model model, float[] kappa1) {
    pass.kappa(model, kappa1);
  }

  /** κ⁽²⁾ of every parameter (laid out like the parameters; 0 for weights used once per path). */
  public void second(Model model, double[] kappa2) {
    int n = layers.size();
    float[] p = model.parameters();
    Arrays.fill(sums[0], 1.0);
    for (int i = 0; i < n; i++) layers.get(i).pathForward(p, model.layerOffset(i), 2, sums[i], sums[i + 1], true, caches[i]);
    Arrays.fill(adjoint[n], 1.0);
    for (int i = n - 1; i >= 0; i--) {
      layers.get(i).pathBackward(p, model.layerOffset(i), 2, sums[i], adjoint[i + 1], i == 0 ? null : adjoint[i], scratch,
          model.layerOffset(i), caches[i]);
    }
    Arrays.fill(kappa2, 0.0);
    for (int i = 0; i < n; i++) {
      if (layers.get(i) instanceof Recurrent r) {
        r.secondOrderKappa(p, model.layerOffset(i), sums[i], adjoint[i + 1], layerKappa2);
        System.arraycopy(layerKappa2, 0, kappa2, model.layerOffset(i), r.parameterCount());
      }
    }
  }

  /**
   * The E6 diagnostic: ‖κ⁽²⁾‖₂ / ‖κ⁽¹⁾‖₂ over each named tensor (e.g. {@code rnn.weight_hh_l0}), in
   * the model's tensor order.
   */
  public Map<String, Double> ratios(Model model) {
    float[] k1 = new float[model.parameterCount()];
    double[] k2 = new double[model.parameterCount()];
    first(model, k1);
    second(model, k2);
    Map<String, Double> out = new LinkedHashMap<>();
    for (ParameterTensor t : model.tensors()) {
      double a = 0, b = 0;
      for (int i = t.offset(); i < t.offset() + t.size(); i++) {
        a += (double) k1[i] * k1[i];
        b += k2[i] * k2[i];
      }
      out.put(t.name(), a == 0 ? 0.0 : Math.sqrt(b / a));
    }
    return out;
  }
}
