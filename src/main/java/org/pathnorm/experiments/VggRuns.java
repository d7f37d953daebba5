package org.pathnorm.experiments;

import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.ImageShape;

/**
 * The convolutional networks and data of E9–E11 (docs/algorithms.md §4 E9–E11; Exploring-Gen appendix) at
 * each scale: at paper scale the paper's VGG ({@code 3x32x32:vgg-10}: conv stacks 2×64, 2×128, 2×256,
 * 2×512 with batch norm and ReLU, 2×2 max-pool after each of the first three, 4×4 average pool, FC 512)
 * on CIFAR-10; at small scale the same VGG narrowed by the width multiplier {@link #SMALL_WIDTH}
 * ({@code 1x32x32:vgg*0.0625-10}: widths 4, 8, 16, 32, FC 32) on Fashion-MNIST resized to 32×32 (the reference code resizes every
 * input to 32×32), with no validation split and the first 200 test images evaluated after every epoch; at smoke scale a two-conv
 * net on the images the tests give (the embedded 8×8 digits by default). SGD with step 0.01, momentum
 * 0.9, batch 64, PyTorch's init, no dropout, until the training cross-entropy is below the reference
 * code's 0.01 or the epoch budget ends.
 */
final class VggRuns {
  /** The width multiplier of the small-scale VGG. */
  static final double SMALL_WIDTH = 0.0625;
  /** Where the paper scale reads CIFAR-10's binary batches when {@code --data} is not given. */
  static final String PAPER_DATA = "cifar10:data/cifar-10-batches-bin";
  /** Validation images held out at small scale (none: E9–E11 do not use them, and evaluating them costs time). */
  static final int SMALL_VALIDATION = 0;
  /** Test images evaluated at small scale (the first ones of the official test set). */
  static final int SMALL_TEST = 200;

  private VggRuns() {}

  /** The dataset spec: {@code --data} if given, else CIFAR-10 at paper scale and the scale's default otherwise. */
  static String data(Settings s) {
    return s.dataOverride() == null && s.scale() == Scale.PAPER ? PAPER_DATA : s.data();
  }

  /** The transforms before the subset and label randomisation: validation split, and 32×32 images at small scale. */
  static DataTransforms.Builder transforms(Settings s) {
    DataTransforms.Builder b = DataTransforms.builder().validation(s.scale() == Scale.SMALL ? SMALL_VALIDATION : s.validation());
    return s.scale() == Scale.SMALL ? b.resize(32, 32) : b;
  }

  /** The paper's VGG on CIFAR-10 (3×32×32 images, 10 classes). */
  static final String PAPER_ARCH = "3x32x32:vgg-10";

  /**
   * The architecture string for the data's image shape; at paper scale without {@code --data} the
   * paper's VGG on CIFAR-10, without reading the data (so the cells can be listed and sharded where the
   * data is not).
   */
  static String arch(Settings s) {
    if (s.scale() == Scale.PAPER && s.dataOverride() == null) return PAPER_ARCH;
    Dataset train = DataPipeline.prepare(data(s), transforms(s).build(), null).splits().train();
    ImageShape shape = train.shape();
    if (shape == null) throw new IllegalArgumentException("--data " + data(s) + ": E9–E11 train conv nets and need images");
    String in = shape.channels() + "x" + shape.height() + "x" + shape.width() + ":";
    return switch (s.scale()) {
      case SMOKE -> in + "c16k3p1bn-mp2-c32k3p1bn-mp2-fc128-" + train.classes();
      case SMALL -> in + "vgg*" + SMALL_WIDTH + "-" + train.classes();
      case PAPER -> in + "vgg-" + train.classes();
    };
  }

  /** The note every E9–E11 report section carries: which network and data ran, and why not CIFAR-10. */
  static void note(Settings s, ReportSection section) {
    section.note(switch (s.scale()) {
      case PAPER -> "Conv net: the VGG of the Exploring-Generalization appendix (" + PAPER_ARCH + ") on " + data(s) + ".";
      case SMALL -> "Conv net: the paper's VGG narrowed ×" + SMALL_WIDTH + " (vgg*" + SMALL_WIDTH + ") on " + data(s) + " resized to 32×32,"
          + " at most " + SMALL_STEPS + " SGD steps per run. CIFAR-10 is not on the development machines, so the paper scale"
          + " (the full VGG on CIFAR-10) was not run there.";
      case SMOKE -> "Conv net c16k3p1bn-mp2-c32k3p1bn-mp2-fc128 on " + data(s) + " (smoke scale; the paper's VGG runs at paper scale on"
          + " CIFAR-10).";
    });
  }

  /** Test images evaluated after every epoch (0: all). */
  static int testSamples(Scale scale) {
    return scale == Scale.SMALL ? SMALL_TEST : 0;
  }

  /** SGD steps a small-scale run may take at most (its epoch budget follows from its training-set size). */
  static final int SMALL_STEPS = 1000;

  /**
   * The epoch budget: 150 at smoke scale, the reference code's 1000 at paper scale, and at small scale
   * as many epochs as {@link #SMALL_STEPS} steps of batch 64 take on {@code samples} training samples
   * (a small subset has few steps per epoch).
   */
  static int epochs(Scale scale, int samples) {
    int stepsPerEpoch = Math.max(1, (samples + 63) / 64);
    return scale.pick(150, Math.max(1, SMALL_STEPS / stepsPerEpoch), 1000);
  }

  /** One E9/E11 run on the data {@code t} (a subset of {@code t.subset()} samples), measuring {@code measures}. */
  static ConvRunSpec run(Settings s, String arch, DataTransforms t, int seed, RunSpec.Measured measures) {
    return new ConvRunSpec(data(s), t, arch, "pytorch", 0.01, 0.9, 0, 64, epochs(s.scale(), t.subset()), seed, 0.01,
        testSamples(s.scale()), measures.label());
  }
}
