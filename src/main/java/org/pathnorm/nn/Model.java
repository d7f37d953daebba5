package org.pathnorm.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * A model: an ordered composition of {@link Layer}s whose parameters are consecutive slices of one
 * flat {@code float[]} ({@link #parameters()}). The trainer, the optimisers, checkpoints and the
 * measures see only models (docs/architecture.md, "The model abstraction").
 *
 * <p>Implementations: {@link Network}, the feedforward ReLU network of docs/algorithms.md §1.1
 * (dense layers with the fused bias+ReLU GEMM and optional DDP-Normalization), and {@link Sequential},
 * any stack of layers.
 */
public interface Model {

  /** The layers, input first. */
  List<Layer> layers();

  /** Where layer {@code i}'s slice starts in {@link #parameters()}. */
  int layerOffset(int i);

  /** The live parameter vector (every layer's slice, in order). */
  float[] parameters();

  /** Floats per sample in. */
  default int inputSize() {
    return layers().get(0).inputSize();
  }

  /** Floats per sample out. */
  default int outputSize() {
    List<Layer> l = layers();
    return l.get(l.size() - 1).outputSize();
  }

  /**
   * Labels per sample, k: the output [k × outputSize/k] of a sample is k rows, each scored by the loss
   * against its own label (the loss is the mean over batch·k rows); 1 for classification, T for a
   * read-out at every step ({@link Layer#outputSteps()} of the last layer).
   */
  default int labelsPerSample() {
    Layer last = layers().get(layers().size() - 1);
    return last.outputSteps();
  }

  /** Number of parameters. */
  default int parameterCount() {
    return parameters().length;
  }

  /** Σ over the layers of {@link Layer#multiplyAddsPerSample()}: the forward work of one sample. */
  default long multiplyAddsPerSample() {
    long total = 0;
    for (Layer l : layers()) total += l.multiplyAddsPerSample();
    return total;
  }

  /** PyTorch's module path of layer {@code i} (the prefix of its tensor names, e.g. {@code 0}, {@code rnn}). */
  String modulePath(int i);

  /** Every parameter tensor with its full PyTorch name and absolute offset, in layer order. */
  default List<ParameterTensor> tensors() {
    List<ParameterTensor> all = new ArrayList<>();
    for (int i = 0; i < layers().size(); i++) {
      for (ParameterTensor t : layers().get(i).tensors()) all.add(t.under(modulePath(i), layerOffset(i)));
    }
    return all;
  }

  /**
   * State that is not a parameter but belongs to the model (running averages of a normalisation):
   * live arrays by name, saved with the parameters; empty for most models.
   */
  default Map<String, float[]> buffers() {
    return Map.of();
  }

  /**
   * Whether training dropout (docs/algorithms.md §1.5) masks the output of layer {@code i}: by default
   * every hidden ReLU layer's; a conv net may name other sites (after each VGG stack's pooling).
   */
  default boolean dropoutAfter(int i) {
    List<Layer> l = layers();
    return l.get(i).relu() && i < l.size() - 1;
  }

  /** Buffers for forward and backward passes over mini-batches of up to {@code maxBatch} samples. */
  ModelWorkspace newWorkspace(int maxBatch, Kernels kernels, Gemm gemm);

  /** A deep copy (parameters and buffers). */
  Model copy();

  /**
   * Whether a training pass normalises with statistics of the whole mini-batch (so the trainer may not
   * cut it into shards).
   */
  default boolean usesBatchStatistics() {
    return false;
  }

  /**
   * Node rescaling ρ_{c,v} (docs/algorithms.md §1.2) of unit {@code unit} of the output of ReLU layer
   * {@code layer}: what enters the unit is multiplied by c, what leaves it (in layer + 1, or in the
   * first layer with parameters after pooling and flatten layers, which {@link Layer#passesRescaling()})
   * divided by c.
   * The function is unchanged up to rounding, and so are the path norms.
   *
   * @throws IllegalArgumentException unless the layer is a ReLU layer followed by another, the unit
   *                                  exists and c is finite and &gt; 0
   */
  default void rescaleUnit(int layer, int unit, double c) {
    List<Layer> l = layers();
    if (layer < 0 || layer >= l.size() - 1 || !l.get(layer).relu()) {
      throw new IllegalArgumentException("layer " + layer + " is not a hidden ReLU layer (0.." + (l.size() - 2) + " with a ReLU)");
    }
    if (unit < 0 || unit >= l.get(layer).units()) {
      throw new IllegalArgumentException("unit must be in 0.." + (l.get(layer).units() - 1) + ", got " + unit);
    }
    if (!(c > 0) || Double.isInfinite(c)) throw new IllegalArgumentException("rescaling factor must be > 0, got " + c);
    // the units the rescaled unit reaches through parameter-free layers that commute with it
    int next = layer + 1, from = unit, to = unit + 1;
    while (l.get(next).passesRescaling()) {
      if (next == l.size() - 1) throw new IllegalArgumentException("layer " + layer + " is followed by no layer with parameters");
      int fan = l.get(next).rescalingFanOut();
      from *= fan;
      to *= fan;
      next++;
    }
    l.get(layer).scaleUnit(parameters(), layerOffset(layer), unit, c);
    for (int v = from; v < to; v++) l.get(next).divideInput(parameters(), layerOffset(next), v, c);
  }

  /**
   * The outputs [n × outputSize] for the n = x.length / inputSize samples of x [n × inputSize]
   * (evaluation mode), on the calling thread with the kernels chosen at start-up.
   *
   * @throws IllegalArgumentException if x does not hold a whole number of samples
   */
  default float[] predict(float[] x) {
    int d = inputSize();
    if (x.length % d != 0) {
      throw new IllegalArgumentException("predict: " + x.length + " values are not a whole number of samples of " + d + " inputs");
    }
    int n = x.length / d;
    int c = outputSize();
    float[] out = new float[n * c];
    int chunk = Math.max(1, Math.min(n, 256));
    ModelWorkspace ws = newWorkspace(chunk, KernelSelection.kernels(), new Gemm());
    for (int first = 0; first < n; first += chunk) {
      int rows = Math.min(chunk, n - first);
      System.arraycopy(ws.forward(this, x, first * d, rows), 0, out, first * c, rows * c);
    }
    return out;
  }

  /**
   * Mean loss and 0-1 error on the samples x [n × inputSize] with labels y [n × k], k =
   * {@link #labelsPerSample()} (evaluation mode): means over the n·k rows.
   *
   * @throws IllegalArgumentException if the sizes disagree or a label is outside 0 … outputSize/k−1
   */
  default Evaluation evaluate(float[] x, int[] labels, Loss loss) {
    float[] out = predict(x);
    int k = labelsPerSample();
    if ((long) labels.length * inputSize() != (long) x.length * k) {
      throw new IllegalArgumentException("evaluate: " + labels.length + " labels for " + x.length / inputSize() + " samples of "
          + k + " labels");
    }
    int rows = labels.length;
    int classes = outputSize() / k;
    double total = loss.value(out, rows, classes, labels, 0);
    return new Evaluation(total / rows, (double) Loss.errors(out, rows, classes, labels, 0) / rows);
  }

  /**
   * Mean squared error and error fraction on the samples x [n × inputSize] with real-valued targets
   * [n × outputSize] (evaluation mode, {@link Loss#SQUARED_ERROR}): MSE = (1/(n·m)) Σ (o − t)² over the
   * n·m target values, and the fraction of them with |o − t| ≥ {@link Loss#REGRESSION_TOLERANCE}.
   *
   * @throws IllegalArgumentException if the sizes disagree
   */
  default Evaluation evaluate(float[] x, float[] targets) {
    float[] out = predict(x);
    int m = outputSize();
    if ((long) targets.length * inputSize() != (long) x.length * m) {
      throw new IllegalArgumentException("evaluate: " + targets.length + " targets for " + x.length / inputSize() + " samples of "
          + m + " outputs");
    }
    int rows = targets.length / m;
    double total = Loss.SQUARED_ERROR.evaluate(out, rows, m, targets, 0, 1f, null);
    return new Evaluation(Loss.meanSquaredError(total, targets.length),
        (double) Loss.regressionErrors(out, rows, m, targets, 0) / targets.length);
  }

  /** A one-line description, e.g. {@code 784-256-10} or {@code rnn(2→100, T=50)-linear(100→1)}. */
  String describe();
}
