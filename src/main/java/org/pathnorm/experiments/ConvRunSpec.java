package org.pathnorm.experiments;

import org.pathnorm.data.DataTransforms;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Layer;

/**
 * Everything one convolutional training run of a sweep depends on (docs/algorithms.md §1.5, §4 E9–E11):
 * the data spec and its transforms, the architecture in the {@code CxHxW:tokens} syntax of
 * {@link ConvNetSpec} (e.g. {@code 3x32x32:vgg-10}), the init ({@code pytorch}, {@code gaussian} or
 * {@code unbalanced}), SGD with a constant step size and heavy-ball momentum, dropout (after each VGG
 * stack's pooling, {@link ConvNetSpec#dropoutSites()}), batch, epochs, seed, the stop loss (NaN: never),
 * how many test samples are evaluated after every epoch (the first ones; 0: all) and what is measured after training ({@code none}, {@code cheap} or {@code sharpness}, as
 * {@link RunSpec#measures()}).
 */
public record ConvRunSpec(String data, DataTransforms transforms, String arch, String init, double lr, double momentum, double dropout,
    int batch, int epochs, long seed, double stopLoss, int testSamples, String measures) implements CellSpec {

  public ConvRunSpec {
    if (epochs < 1) throw new IllegalArgumentException("a run needs >= 1 epoch, got " + epochs);
    if (testSamples < 0) throw new IllegalArgumentException("test samples must be >= 0, got " + testSamples);
    if (!ConvNetSpec.isConvSpec(arch)) throw new IllegalArgumentException("a conv run needs a CxHxW:tokens architecture, got " + arch);
    ConvNetSpec.parse(arch);
    Initializer.parse(init);
    if (!measures.equals("none") && !measures.equals("cheap") && !measures.equals("sharpness")) {
      throw new IllegalArgumentException("measures: expected none, cheap or sharpness for a conv run, got " + measures);
    }
  }

  /** The same run, measuring {@code what} after training. */
  public ConvRunSpec withMeasures(RunSpec.Measured what) {
    return new ConvRunSpec(data, transforms, arch, init, lr, momentum, dropout, batch, epochs, seed, stopLoss, testSamples, what.label());
  }

  /**
   * Multiply-adds of one forward pass of one sample: Σ over the layers with parameters of their first
   * tensor's size × output positions (a convolution's kernel at every position, a batch norm's scale at
   * every value, a dense layer's weights once).
   */
  long macsPerSample() {
    long macs = 0;
    for (Layer l : ConvNetSpec.parse(arch).layers()) {
      if (l.parameterCount() == 0 || l.tensors().isEmpty()) continue;
      long positions = l.outputSize() / l.units();
      macs += (long) l.tensors().get(0).size() * positions;
    }
    return macs;
  }

  /** Parameters of the model. */
  long parameters() {
    long n = 0;
    for (Layer l : ConvNetSpec.parse(arch).layers()) n += l.parameterCount();
    return n;
  }

  @Override public void write(JsonWriter w) {
    w.value("model", "conv").value("data", data).value("transforms", transforms.toString()).value("arch", arch).value("init", init)
        .value("optimizer", "sgd").value("lr", lr).value("momentum", momentum).value("schedule", "constant").value("dropout", dropout)
        .value("batch", batch).value("epochs", epochs).value("seed", seed).value("stop_loss", stopLoss).value("test_samples", testSamples)
        .value("measures", measures);
  }
}
