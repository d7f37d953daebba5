package org.pathnorm.cli;

import java.util.Locale;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.CensoredLabels;
import picocli.CommandLine.Option;

/**
 * The data options every command shares (a picocli mixin): the dataset spec, the validation split and
 * the transforms of {@link DataPipeline}, with {@link #prepare} to build the splits and
 * {@link #writeJson} to record them in a run's config.json.
 */
final class DataOptions {
  @Option(names = "--data", defaultValue = "digits", description = "Dataset: digits, synthetic[:n=..,d=..,c=..,seed=..], "
      + "mnist:DIR, fashion-mnist[:DIR], kmnist:DIR, idx:DIR, cifar10:DIR, cifar100:DIR[,labels=coarse], svhn:DIR, "
      + "csv:FILE[,label=COL][,test=FILE]; for recurrent models also seq:SPEC, seq-permuted[@SEED]:SPEC (pixel by pixel) and "
      + "text:FILE[,steps=50][,test=0.05][,chars=N] (character-level language modelling) and "
      + "addition[:steps=100,train=10000,test=1000,seed=1] (the addition problem, regression) (default: ${DEFAULT-VALUE}).") String data;
  @Option(names = "--validation", defaultValue = "0", description = "Validation samples held out of the training data "
      + "(the last ones of the training files; default: ${DEFAULT-VALUE}).") int validation;
  @Option(names = "--crop", paramLabel = "HxW", description = "Centre crop of the images.") String crop;
  @Option(names = "--grayscale", description = "Colour images to one luma channel (0.299 R + 0.587 G + 0.114 B).") boolean grayscale;
  @Option(names = {"--resize", "--downsample"}, paramLabel = "HxW",
      description = "Area-average the images to HxW (thesis Figure 1: 10x10, \"100 pixels\").") String resize;
  @Option(names = "--subset", defaultValue = "0", description = "Keep this many training samples, drawn with --data-seed (0: all).") int subset;
  @Option(names = "--balanced", description = "--subset takes the same number of every class.") boolean balanced;
  @Option(names = "--random-labels", defaultValue = "0", paramLabel = "P",
      description = "Replace the labels of a fraction P of the training samples by uniform random ones (1: all).") double randomLabels;
  @Option(names = "--label-noise", defaultValue = "0", paramLabel = "P",
      description = "Change a fraction P of the training labels to another random class (thesis Figure 2: 0.05).") double labelNoise;
  @Option(names = "--censor-hidden", defaultValue = "0", paramLabel = "H0",
      description = "Censored labels: replace all labels by the predictions of a D-H0-C network trained on all the data "
          + "(thesis Figure 2: 4 for MNIST, 16 for CIFAR-10; 0: off).") int censorHidden;
  @Option(names = "--censor-epochs", defaultValue = "20", description = "Epochs of the censoring network (default: ${DEFAULT-VALUE}).") int censorEpochs;
  @Option(names = "--normalize", description = "Standardise each channel with the training split's mean and std.") boolean normalize;
  @Option(names = "--data-seed", defaultValue = "0", description = "Seed of the subset, label corruptions and censoring network (default: ${DEFAULT-VALUE}).") long dataSeed;

  /** Reads and transforms the data; the censoring network (if any) trains with {@code threads} threads. */
  public DataPipeline.Prepared prepare(int threads, Kernels kernels) {
    return prepare(null, threads, kernels);
  }

  /**
   * As {@link #prepare(int, Kernels)}, with the spec given as a positional argument ({@code pathnorm
   * data inspect SPEC}) instead of {@code --data}; null: {@code --data}.
   */
  public DataPipeline.Prepared prepare(String positionalSpec, int threads, Kernels kernels) {
    if (positionalSpec != null) data = positionalSpec;
    int[] c = size("--crop", crop);
    int[] r = size("--resize", resize);
    DataTransforms t = DataTransforms.builder().validation(validation).crop(c[0], c[1]).grayscale(grayscale).resize(r[0], r[1])
        .subset(subset, balanced).randomLabels(randomLabels).labelNoise(labelNoise).normalize(normalize).seed(dataSeed).build();
    DataPipeline.Relabeler censor = censorHidden > 0 ? new CensoredLabels(censorHidden, censorEpochs, dataSeed, threads, kernels) : null;
    return DataPipeline.prepare(data, t, censor);
  }

  /** The {@code "data"} object of config.json: the spec, the options, the sizes and every step applied. */
  public void writeJson(JsonWriter w, DataPipeline.Prepared p) {
    DatasetSpec.Splits s = p.splits();
    Dataset tr = s.train();
    w.beginObject("data")
        .value("spec", data)
        .value("train", tr.size())
        .value("validation", s.validation() == null ? 0 : s.validation().size())
        .value("test", s.test().size())
        .value("dimension", tr.dimension())
        .value("image", tr.shape() == null ? null : tr.shape().toString())
        .value("classes", tr.classes())
        .beginObject("options")
        .value("validation", validation)
        .value("crop", crop)
        .value("grayscale", grayscale)
        .value("resize", resize)
        .value("subset", subset)
        .value("balanced", balanced)
        .value("random_labels", randomLabels)
        .value("label_noise", labelNoise)
        .value("censor_hidden", censorHidden)
        .value("censor_epochs", censorEpochs)
        .value("normalize", normalize)
        .value("data_seed", dataSeed)
        .endObject()
        .beginArray("steps");
    for (String step : p.steps()) w.value(null, step);
    w.endArray().endObject();
  }

  /** Parses {@code HxW} (or a single N for NxN); null: {0, 0}. */
  static int[] size(String option, String text) {
    if (text == null) return new int[2];
    String[] p = text.trim().toLowerCase(Locale.ROOT).split("x");
    try {
      int h = Integer.parseInt(p[0].trim());
      int w = p.length == 1 ? h : Integer.parseInt(p[1].trim());
      if (p.length <= 2 && h >= 1 && w >= 1) return new int[] {h, w};
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + ": expected HxW with positive integers (e.g. 10x10), got '" + text + "'");
  }
}
