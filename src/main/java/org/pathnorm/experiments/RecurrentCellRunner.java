package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.RnnKappa;
import org.pathnorm.optim.RnnPathBothTerms;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.DivergenceException;
import org.pathnorm.train.EpochStats;
import org.pathnorm.train.GradientClipping;
import org.pathnorm.train.RecurrentSetup;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;
import org.pathnorm.train.TrainingListener;

/**
 * Runs one recurrent cell ({@link RecurrentRunSpec}): loads its data (cached across cells), builds the
 * model through {@link RecurrentSetup} (the path {@code pathnorm train --model rnn} takes), trains it and
 * writes {@code init.safetensors}, {@code model.safetensors} and {@code result.json}, with the loss
 * curves (E7's MSE, E8's bits per character come from them) and, if asked, the E6 ratios
 * ‖κ⁽²⁾‖/‖κ⁽¹⁾‖ per tensor at init and after every epoch as values {@code kappa_ratio.TENSOR@EPOCH}.
 */
final class RecurrentCellRunner {
  /** The optimiser name of RNN-Path with κ⁽¹⁾ + κ⁽²⁾. */
  static final String BOTH_TERMS = "path-sgd-k2";
  private final Kernels kernels;
  private final int threads;
  private final Map<String, DatasetSpec.Splits> data = new HashMap<>();

  RecurrentCellRunner(Kernels kernels, int threads) {
    this.kernels = kernels;
    this.threads = threads;
  }

  /** A cell's run, typed: the one recurrent run-setup path. */
  static RecurrentSetup setup(RecurrentRunSpec spec, DatasetSpec.Splits splits, Kernels kernels, int threads) {
    int[] hidden = new int[spec.layers()];
    java.util.Arrays.fill(hidden, spec.hidden());
    RecurrentSetup.Architecture a = RecurrentSetup.Architecture.forData(splits.train(), stepInputs(spec.data()), hidden,
        Recurrent.Activation.parse(spec.activation()), 0, RecurrentInit.parse(spec.init()));
    TrainingConfig config = TrainingConfig.builder().batch(spec.batch()).epochs(spec.epochs()).threads(threads).seed(spec.seed())
        .kernels(kernels).loss(splits.train().hasTargets() ? Loss.SQUARED_ERROR : Loss.CROSS_ENTROPY).clipping(spec.clipNorm() > 0 ? new GradientClipping.GlobalNorm(spec.clipNorm()) : new GradientClipping.None())
        .hiddenState(spec.hiddenState()).build();
    Method method = spec.optimizer().equals(BOTH_TERMS) ? Method.PATH_SGD : Method.parse(spec.optimizer());
    return new RecurrentSetup(a, OptimizerSpec.of(method), Schedule.constant(spec.lr(), spec.momentum()), config);
  }

  /** D, inputs per step: 2 for the addition problem (value and marker), else 1 (pixels; text is labelled at every step). */
  static int stepInputs(String data) {
    return DatasetSpec.inputsPerStep(data);
  }

  CellResult run(String id, RecurrentRunSpec spec, Path dir) throws IOException {
    DatasetSpec.Splits splits = data.computeIfAbsent(spec.data() + "\n" + spec.transforms(),
        k -> DataPipeline.prepare(spec.data(), spec.transforms(), null).splits());
    RecurrentSetup setup = setup(spec, splits, kernels, threads);
    Sequential model = setup.initialModel();
    Files.createDirectories(dir);
    ModelFiles.save(dir.resolve("init.safetensors"), model, Map.of());
    Map<String, Double> values = new LinkedHashMap<>();
    RnnKappa kappa = spec.kappaRatios() ? new RnnKappa(model) : null;
    if (kappa != null) ratios(kappa, model, 0, values);
    long start = System.nanoTime();
    String stopped = "completed";
    List<EpochStats> history;
    Trainer trainer = spec.optimizer().equals(BOTH_TERMS)
        ? new Trainer(model, new RnnPathBothTerms(model, (float) spec.lr()), setup.schedule(), setup.training())
        : setup.trainer(model);
    try (Trainer t = trainer) {
      if (kappa != null) {
        t.addListener(new TrainingListener() {
          @Override public void onEpoch(Trainer tr, EpochStats stats) {
            ratios(kappa, model, stats.epoch(), values);
          }
        });
      }
      try {
        t.fit(splits.train(), splits.validation(), splits.test());
      } catch (DivergenceException e) {
        stopped = "diverged: " + e.getMessage();
      }
      history = t.history();
    }
    if (stopped.equals("completed")) ModelFiles.save(dir.resolve("model.safetensors"), model, Map.of());
    int n = history.size();
    double[][] c = new double[6][n];
    for (int e = 0; e < n; e++) {
      EpochStats s = history.get(e);
      c[0][e] = s.trainLoss();
      c[1][e] = s.trainError();
      c[2][e] = s.validationError();
      c[3][e] = s.testError();
      c[4][e] = s.validationLoss();
      c[5][e] = s.testLoss();
    }
    new CellResult(id, Map.of(), c[0], c[1], c[2], c[3], stopped, (System.nanoTime() - start) * 1e-9, values, c[4], c[5])
        .write(dir, spec);
    return CellResult.read(dir.resolve(CellResult.FILE));
  }

  /** Key of the E6 ratio of one tensor after {@code epoch} epochs (0: at init). */
  static String ratioKey(String tensor, int epoch) {
    return "kappa_ratio." + tensor + "@" + epoch;
  }

  private static void ratios(RnnKappa kappa, Sequential model, int epoch, Map<String, Double> values) {
    for (Map.Entry<String, Double> e : kappa.ratios(model).entrySet()) values.put(ratioKey(e.getKey(), epoch), e.getValue());
  }
}
