package org.pathnorm.train;

import java.util.List;
import java.util.Locale;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.Workspace;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;

/**
 * Censored labels (thesis Figure 2, docs/algorithms.md §4 E2): a network with one hidden layer of H0 units (H0 = 4
 * for MNIST, 16 for CIFAR-10) is trained on the entire dataset — training, validation and test
 * splits together — and then every label of every split is replaced by its prediction, so that a
 * small network fits the data exactly. Training: SGD with the thesis schedule (step 0.1 ×0.99 per
 * epoch, momentum 0.5 +0.02 per epoch up to 0.9), batch 100, Gaussian initialisation, the given
 * epochs and seed; deterministic like every {@link Trainer} run.
 */
public final class CensoredLabels implements DataPipeline.Relabeler {
  private final int hidden;
  private final int epochs;
  private final long seed;
  private final int threads;
  private final Kernels kernels;

  public CensoredLabels(int hidden, int epochs, long seed, int threads, Kernels kernels) {
    if (hidden < 1) throw new IllegalArgumentException("--censor-hidden must be >= 1, got " + hidden);
    if (epochs < 1) throw new IllegalArgumentException("--censor-epochs must be >= 1, got " + epochs);
    this.hidden = hidden;
    this.epochs = epochs;
    this.seed = seed;
    this.threads = threads;
    this.kernels = kernels;
  }

  @Override public DatasetSpec.Splits relabel(DatasetSpec.Splits s, List<String> steps) {
    Dataset all = union(s);
    Architecture arch = new Architecture(all.dimension(), hidden, all.classes());
    Network net = new Network(arch);
    Initializer.GAUSSIAN.initialize(net, seed);
    Schedule schedule = Schedule.thesis(0.1, 0.5);
    TrainingConfig config = TrainingConfig.builder().batch(100).epochs(epochs).threads(threads).seed(seed).kernels(kernels).build();
    try (Trainer trainer = new Trainer(net, OptimizerSpec.of(Method.SGD), schedule, config)) {
      trainer.fit(all, null, null);
    }
    int[] predicted = predict(net, all, kernels);
    int changed = 0;
    for (int i = 0; i < predicted.length; i++) if (predicted[i] != all.labels()[i]) changed++;
    DatasetSpec.Splits out = new DatasetSpec.Splits(relabel(net, s.train()),
        s.validation() == null ? null : relabel(net, s.validation()), relabel(net, s.test()));
    steps.add(String.format(Locale.ROOT, "censored labels: all labels replaced by the predictions of %s trained %d epochs "
        + "(SGD, thesis schedule, seed %d) on all %d samples; %d labels (%.2f%%) changed",
        arch, epochs, seed, all.size(), changed, 100.0 * changed / all.size()));
    return out;
  }

  /** The predicted class (argmax of the outputs; the first on ties) of every sample. */
  public static int[] predict(Network net, Dataset d, Kernels kernels) {
    Workspace ws = new Workspace(net.architecture(), 256, kernels, new Gemm(kernels, null));
    int c = net.architecture().outputs();
    int[] y = new int[d.size()];
    for (int first = 0; first < d.size(); first += 256) {
      int rows = Math.min(256, d.size() - first);
      float[] out = ws.forward(net, d.features(), first * d.dimension(), rows);
      for (int r = 0; r < rows; r++) y[first + r] = kernels.argmax(out, r * c, c);
    }
    return y;
  }

  private Dataset relabel(Network net, Dataset d) {
    return d.withLabels(d.name(), predict(net, d, kernels));
  }

  private static Dataset union(DatasetSpec.Splits s) {
    Dataset[] parts = s.validation() == null ? new Dataset[] {s.train(), s.test()}
        : new Dataset[] {s.train(), s.validation(), s.test()};
    int n = 0;
    for (Dataset p : parts) n += p.size();
    int d = s.train().dimension();
    float[] x = new float[Math.multiplyExact(n, d)];
    int[] y = new int[n];
    int at = 0;
    for (Dataset p : parts) {
      System.arraycopy(p.features(), 0, x, at * d, p.size() * d);
      System.arraycopy(p.labels(), 0, y, at, p.size());
      at += p.size();
    }
    int classes = Math.max(s.train().classes(), s.test().classes());
    return new Dataset(s.train().name() + "/all", x, y, d, classes, s.train().shape());
  }
}
