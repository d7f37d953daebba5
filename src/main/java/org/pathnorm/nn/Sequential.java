package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.Kernels;

/**
 * Any stack of layers, each reading the previous one's output: the general {@link Model}. Each layer
 * has a PyTorch module path (the prefix of its tensor names), so a model saved here loads into the
 * matching PyTorch module with {@code strict=True}.
 */
public final class Sequential implements Model {
  private final List<Layer> layers;
  private final List<String> paths;
  private final int[] offsets;
  private final float[] parameters;
  /** Layers whose output dropout masks, or empty: {@link Model#dropoutAfter}'s default. */
  private final java.util.Set<Integer> dropoutSites;

  /**
   * @param layers the layers, input first; each one's input size must equal the previous one's output size
   * @param paths  each layer's module path (e.g. {@code rnn}, {@code fc}); layers may share a path
   *               (the layers of a stacked {@code nn.RNN}) as long as the full tensor names are distinct
   * @param parameters the flat parameter vector (not copied), of the summed parameter counts
   */
  public Sequential(List<Layer> layers, List<String> paths, float[] parameters) {
    this(layers, paths, parameters, java.util.Set.of());
  }

  /**
   * As {@link #Sequential(List, List, float[])}, with training dropout after the layers {@code dropoutSites}
   * instead of after every hidden ReLU layer (empty: that default).
   *
   * @throws IllegalArgumentException if a site is not a layer before the last
   */
  public Sequential(List<Layer> layers, List<String> paths, float[] parameters, java.util.Set<Integer> dropoutSites) {
    for (int site : dropoutSites) {
      if (site < 0 || site >= layers.size() - 1) {
        throw new IllegalArgumentException("dropout after layer " + site + ": expected a layer 0.." + (layers.size() - 2));
      }
    }
    this.dropoutSites = java.util.Set.copyOf(dropoutSites);
    if (layers.isEmpty() || layers.size() != paths.size()) {
      throw new IllegalArgumentException("a model needs >= 1 layer and one module path per layer, got " + layers.size() + " layers and "
          + paths.size() + " paths");
    }
    this.layers = List.copyOf(layers);
    this.paths = List.copyOf(paths);
    offsets = new int[layers.size()];
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      if (i > 0 && layers.get(i).inputSize() != layers.get(i - 1).outputSize()) {
        throw new IllegalArgumentException("layer " + i + " (" + layers.get(i) + ") takes " + layers.get(i).inputSize()
            + " inputs but layer " + (i - 1) + " (" + layers.get(i - 1) + ") gives " + layers.get(i - 1).outputSize());
      }
      offsets[i] = (int) total;
      total += layers.get(i).parameterCount();
      if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("the model has more than 2^31 parameters");
    }
    if (parameters.length != total) {
      throw new IllegalArgumentException("the layers have " + total + " parameters, got an array of " + parameters.length);
    }
    this.parameters = parameters;
    List<ParameterTensor> names = tensors();
    if (names.stream().map(ParameterTensor::name).distinct().count() != names.size()) {
      throw new IllegalArgumentException("tensor names must be distinct, got " + names.stream().map(ParameterTensor::name).toList());
    }
  }

  /** A model with all parameters zero. */
  public Sequential(List<Layer> layers, List<String> paths) {
    this(layers, paths, new float[Math.toIntExact(layers.stream().mapToLong(Layer::parameterCount).sum())]);
  }

  @Override public List<Layer> layers() {
    return layers;
  }

  @Override public int layerOffset(int i) {
    return offsets[i];
  }

  @Override public float[] parameters() {
    return parameters;
  }

  @Override public String modulePath(int i) {
    return paths.get(i);
  }

  @Override public ModelWorkspace newWorkspace(int maxBatch, Kernels kernels, Gemm gemm) {
    return new SequentialWorkspace(this, maxBatch, kernels, gemm);
  }

  @Override public Sequential copy() {
    List<Layer> copied = new ArrayList<>();
    for (Layer l : layers) copied.add(l.copyState());
    return new Sequential(copied, paths, parameters.clone(), dropoutSites);
  }

  /** Every layer's buffers under its module path ({@code 1.running_mean}, …), in layer order. */
  @Override public java.util.Map<String, float[]> buffers() {
    java.util.Map<String, float[]> all = new java.util.LinkedHashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      for (java.util.Map.Entry<String, float[]> b : layers.get(i).buffers().entrySet()) all.put(paths.get(i) + "." + b.getKey(), b.getValue());
    }
    return all;
  }

  @Override public boolean dropoutAfter(int i) {
    return dropoutSites.isEmpty() ? Model.super.dropoutAfter(i) : dropoutSites.contains(i);
  }

  @Override public boolean usesBatchStatistics() {
    return layers.stream().anyMatch(Layer::usesBatchStatistics);
  }

  @Override public String describe() {
    List<String> parts = new ArrayList<>();
    for (Layer l : layers) parts.add(l.toString());
    return String.join("-", parts);
  }

  @Override public String toString() {
    return "Sequential(" + describe() + ", " + parameters.length + " parameters)";
  }
}
