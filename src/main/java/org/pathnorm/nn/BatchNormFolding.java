package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch norm folded into the preceding convolution or dense layer (docs/algorithms.md §2.8, the
 * reference code's {@code reparam}): for a {@link BatchNorm} in evaluation mode after a layer with
 * weights W [out × in·kh·kw] and bias b (0 if it has none), with per channel
 *
 * <pre>  s_o = γ_o / sqrt(running_var_o + ε),   W'[o, :] = s_o · W[o, :],   b'_o = β_o + s_o · (b_o − running_mean_o)</pre>
 *
 * the folded layer computes the same function as the pair, and takes over the batch norm's ReLU. Unlike
 * the reference code, the batch norm is removed rather than set to the identity parameters, so its
 * residual factor 1/sqrt(1 + ε) does not remain: the folded model's logits equal the eval-mode logits
 * up to float rounding. Module paths of the kept layers are unchanged, so tensor names stay those of the
 * original {@code nn.Sequential}.
 */
public final class BatchNormFolding {
  private BatchNormFolding() {}

  /**
   * The model with every batch norm folded into the layer before it; a model without batch norms is
   * returned as a copy.
   *
   * @throws IllegalArgumentException if a batch norm does not directly follow a convolution or dense
   *                                  layer without an activation of its own
   */
  public static Sequential fold(Model model) {
    List<Layer> in = model.layers();
    float[] p = model.parameters();
    List<Layer> layers = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    List<float[]> slices = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Layer l = in.get(i);
      int off = model.layerOffset(i);
      boolean bnNext = i + 1 < in.size() && in.get(i + 1) instanceof BatchNorm;
      if (l instanceof BatchNorm) {
        throw new IllegalArgumentException("batch norm at layer " + i + " (" + model.modulePath(i) + ") does not follow a convolution or "
            + "dense layer, so it cannot be folded");
      }
      if (!bnNext) {
        layers.add(l);
        paths.add(model.modulePath(i));
        slices.add(java.util.Arrays.copyOfRange(p, off, off + l.parameterCount()));
        continue;
      }
      BatchNorm bn = (BatchNorm) in.get(i + 1);
      if (l.relu() || !(l instanceof Conv2d || l instanceof Dense)) {
        throw new IllegalArgumentException("batch norm at layer " + (i + 1) + " (" + model.modulePath(i + 1) + ") follows " + l
            + ", not a convolution or dense layer without activation, so it cannot be folded");
      }
      Layer folded = l instanceof Conv2d conv ? conv.withBias(bn.relu()) : new Dense(l.inputSize(), l.outputSize(), bn.relu());
      int out = bn.units();
      int cols = l.tensors().get(0).size() / out;
      boolean hadBias = l.tensors().size() > 1;
      Map<String, float[]> stats = bn.buffers();
      float[] mean = stats.get("running_mean"), var = stats.get("running_var");
      int bnOff = model.layerOffset(i + 1);
      float[] slice = new float[folded.parameterCount()];
      for (int o = 0; o < out; o++) {
        double s = p[bnOff + o] / Math.sqrt((double) var[o] + BatchNorm.EPS);
        for (int e = 0; e < cols; e++) slice[o * cols + e] = (float) (s * p[off + o * cols + e]);
        double b = hadBias ? p[off + out * cols + o] : 0;
        slice[out * cols + o] = (float) (p[bnOff + out + o] + s * (b - mean[o]));
      }
      layers.add(folded);
      paths.add(model.modulePath(i));
      slices.add(slice);
      i++;
    }
    int total = 0;
    for (float[] s : slices) total += s.length;
    float[] params = new float[total];
    int at = 0;
    for (float[] s : slices) {
      System.arraycopy(s, 0, params, at, s.length);
      at += s.length;
    }
    List<Layer> copied = new ArrayList<>();
    for (Layer l : layers) copied.add(l.copyState());
    return new Sequential(copied, paths, params);
  }
}
