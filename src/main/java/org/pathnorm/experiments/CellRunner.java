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
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.data.Dataset;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.measures.MeasureOptions;
import org.pathnorm.measures.MeasureReport;
import org.pathnorm.measures.Measures;
import org.pathnorm.measures.PacBayes;
import org.pathnorm.measures.PerturbationConditions;
import org.pathnorm.measures.Sharpness;
import org.pathnorm.measures.RunMeasures;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Sequential;
import org.pathnorm.nn.HiddenNormalization;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.DdpOptions;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.CensoredLabels;
import org.pathnorm.train.DivergenceException;
import org.pathnorm.train.EpochStats;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.RunSetup;
import org.pathnorm.train.TrainingConfig;

/**
 * Runs one cell: loads its data (cached across cells), builds and trains the network, and writes
 * {@code init.safetensors}, {@code model.safetensors}, {@code measures.json} (if asked) and
 * {@code result.json} into the cell's directory. A diverged run is a result too (its curves end where it diverged).
 */
final class CellRunner {
  /** Epochs of the small network that censors the labels (E2). */
  static final int CENSOR_EPOCHS = 30;
  private final Kernels kernels;
  private final int threads;
  private final Map<String, DatasetSpec.Splits> data = new HashMap<>();
  private final RecurrentCellRunner recurrent;

  CellRunner(Kernels kernels, int threads) {
    this.kernels = kernels;
    this.threads = threads;
    this.recurrent = new RecurrentCellRunner(kernels, threads);
  }

  /**
   * Moves every parameter one ulp up or down (seeded): the same function up to rounding, no rescaling.
   * Training from it measures how far float rounding alone drives two runs apart (training is chaotic),
   * the floor against which the invariance claims are judged.
   */
  static void perturbByOneUlp(float[] p, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < p.length; i++) p[i] = r.nextBoolean() ? Math.nextUp(p[i]) : Math.nextDown(p[i]);
  }

  /**
   * The measures a cell asked for, on its training set: written to measures.json, flattened into {@code values}; the
   * margins those of {@code margins} where given (every training sample's, the values a forward pass gives).
   */
  private void measure(String measures, long seed, Model net, Model init, Dataset train, double[] margins, Path dir,
      Map<String, Double> values) throws IOException {
    MeasureOptions o = MeasureOptions.defaults().withSeed(seed);
    boolean smoke = train.size() <= 2000;
    // conv cells at smoke/small scale: half the ascent steps and 20 draws per α (a conv forward pass costs ~100× an MLP's)
    boolean conv = !(net instanceof Network);
    switch (measures) {
      case "cheap", "all": break;
      case "sharpness":
        o = o.withSharpness(new Sharpness.Options(5e-4, smoke ? (conv ? 100 : 200) : 2000, 64, 0.01, 0.9, 0))
            // σ at the target loss increase (a bisection of 32 sweeps) is not in E10's figures: conv cells skip it (target 0)
            .withPacBayes(new PacBayes.Options(PacBayes.Options.paper().alphas(), smoke ? (conv ? 20 : 50) : 1000, 64, conv ? 0 : 0.1));
        break;
      case "conditions":
        o = o.withConditions(PerturbationConditions.Options.defaults());
        break;
      default: throw new IllegalArgumentException("measures: expected none, cheap, all, sharpness or conditions, got " + measures);
    }
    // Trainer.trainingMargins gives margins of a plain Network only (its init a copy of it)
    MeasureReport m = margins != null ? Measures.compute((Network) net, (Network) init, train, margins, o, null)
        : Measures.compute(net, init, train, o, null);
    String json = org.pathnorm.measures.MeasureJson.toJson(m);
    AtomicFiles.writeString(dir.resolve(RunMeasures.FILE), json + "\n");
    if (measures.equals("all")) values.putAll(MeasureValues.flatten(json));  // every scalar (measure-ranking)
    values.put("capacity.l2", m.capacity().l2());
    values.put("capacity.l1_path", m.capacity().l1Path());
    values.put("capacity.l2_path", m.capacity().l2Path());
    values.put("capacity.spectral", m.capacity().spectral());
    values.put("margin", m.margin());
    m.sharpness().ifPresent(s -> values.put("sharpness", s.sharpness()));
    m.pacBayes().ifPresent(pb -> {
      List<PacBayes.Point> f = pb.frontier();
      for (int i = 0; i < f.size(); i++) {
        values.put("pac_bayes." + i + ".kl", f.get(i).kl());
        values.put("pac_bayes." + i + ".expected_sharpness", f.get(i).expectedSharpness());
      }
    });
    if (m.conditions().isPresent()) {
      conditions("trained.", m.conditions().get(), values);
      conditions("init.", PerturbationConditions.compute((Network) init, train, o.conditions(), seed), values);
    }
  }

  private static void conditions(String prefix, PerturbationConditions.Result r, Map<String, Double> values) {
    values.put(prefix + "c1.median", r.c1All().median());
    values.put(prefix + "c1.p95", r.c1All().p95());
    values.put(prefix + "c1.max", r.c1All().max());
    for (PerturbationConditions.Flips f : r.c2()) {
      double mean = 0;
      for (double v : f.meanFraction()) mean += v / f.meanFraction().length;
      values.put(prefix + "c2.flips@" + f.epsilon(), mean);
    }
    for (int l = 0; l < r.c3().size(); l++) values.put(prefix + "c3." + l + ".median", r.c3().get(l).median());
  }

  /** The suffix of an init whose every weight is then moved by one ulp ({@link #perturbByOneUlp}). */
  static final String ULP = "-ulp";

  /** A cell's run, typed: the one run-setup path that {@code pathnorm train} uses too. */
  static RunSetup setup(RunSpec spec, Kernels kernels, int threads) {
    String init = spec.init().endsWith(ULP) ? spec.init().substring(0, spec.init().length() - ULP.length()) : spec.init();
    HiddenNormalization norm = switch (spec.normalization()) {
      case "none" -> HiddenNormalization.NONE;
      case "ddp" -> new HiddenNormalization.Ddp(spec.ddp().alpha(), spec.ddp().statistic() == DdpOptions.Statistic.COVARIANCE);
      default -> throw new IllegalArgumentException("normalization: expected none or ddp, got " + spec.normalization());
    };
    Schedule schedule = switch (spec.schedule()) {
      case "thesis" -> Schedule.thesis(spec.lr(), spec.momentum());
      case "constant" -> Schedule.constant(spec.lr(), spec.momentum());
      default -> throw new IllegalArgumentException("schedule: expected constant or thesis, got " + spec.schedule());
    };
    TrainingConfig.Builder config = TrainingConfig.builder().batch(spec.batch()).epochs(spec.epochs()).threads(threads)
        .seed(spec.seed()).dropout(spec.dropout()).kernels(kernels);
    if (!Double.isNaN(spec.stopLoss())) config.stopLoss(spec.stopLoss());
    OptimizerSpec optimizer = OptimizerSpec.of(Method.parse(spec.optimizer())).withWeightDecay(spec.weightDecay()).withDdp(spec.ddp());
    return new RunSetup(spec.arch(), Initializer.parse(init), norm, optimizer, schedule, config.build());
  }

  CellResult run(Cell cell, Path dir) throws IOException {
    if (cell.spec() instanceof RecurrentRunSpec r) return recurrent.run(cell.id(), r, dir);
    if (cell.spec() instanceof ConvRunSpec c) return runConv(cell.id(), c, dir);
    RunSpec spec = (RunSpec) cell.spec();
    DatasetSpec.Splits splits = data.computeIfAbsent(spec.data() + "\n" + spec.transforms() + "\n" + spec.censorHidden(),
        k -> DataPipeline.prepare(spec.data(), spec.transforms(), spec.censorHidden() > 0
            ? new CensoredLabels(spec.censorHidden(), CENSOR_EPOCHS, spec.transforms().seed(), threads, kernels) : null).splits());
    RunSetup setup = setup(spec, kernels, threads);
    Network net = setup.initialNetwork();
    if (spec.init().endsWith(ULP)) perturbByOneUlp(net.parameters(), spec.seed());
    Files.createDirectories(dir);
    Network init = net.copy();
    NetworkFiles.save(dir.resolve("init.safetensors"), net, Map.of());
    long start = System.nanoTime();
    String stopped = "completed";
    List<EpochStats> history;
    double[] margins;
    try (Trainer t = setup.trainer(net)) {
      t.keepTrainingMargins(true);
      try {
        t.fit(splits.train(), splits.validation(), splits.test());
      } catch (DivergenceException e) {
        stopped = "diverged: " + e.getMessage();
      }
      history = t.history();
      // the last evaluation's margins of the training set, where they are of the final weights: the measures' margins
      margins = t.trainingMargins(splits.train()).orElse(null);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    if (stopped.equals("completed")) {
      NetworkFiles.save(dir.resolve("model.safetensors"), net, Map.of());
      if (!spec.measures().equals("none")) measure(spec.measures(), spec.seed(), net, init, splits.train(), margins, dir, values);
    }
    return finish(cell.id(), spec, history, stopped, start, values, dir);
  }

  /**
   * A convolutional cell: the model of its architecture ({@link ConvNetSpec}, dropout at the sites it
   * names) trained by SGD with momentum, as {@code pathnorm train} with a conv {@code --arch} does, then
   * measured with the conv conventions (batch norm folded, docs/algorithms.md §2.8).
   */
  private CellResult runConv(String id, ConvRunSpec spec, Path dir) throws IOException {
    DatasetSpec.Splits splits = data.computeIfAbsent(spec.data() + "\n" + spec.transforms() + "\n0",
        k -> DataPipeline.prepare(spec.data(), spec.transforms(), null).splits());
    ConvNetSpec arch = ConvNetSpec.parse(spec.arch());
    Sequential model = arch.build(spec.seed(), Initializer.parse(spec.init()));
    if (splits.train().dimension() != model.inputSize()) {
      throw new IllegalArgumentException("cell " + id + ": --arch " + spec.arch() + " takes " + model.inputSize() + " values per sample, the data "
          + spec.data() + " has " + splits.train().dimension());
    }
    Files.createDirectories(dir);
    Sequential init = model.copy();
    ModelFiles.save(dir.resolve("init.safetensors"), model, Map.of());
    TrainingConfig.Builder config = TrainingConfig.builder().batch(spec.batch()).epochs(spec.epochs()).threads(threads)
        .seed(spec.seed()).dropout(spec.dropout()).kernels(kernels);
    if (!Double.isNaN(spec.stopLoss())) config.stopLoss(spec.stopLoss());
    long start = System.nanoTime();
    String stopped = "completed";
    List<EpochStats> history;
    try (Trainer t = new Trainer(model, OptimizerSpec.of(Method.SGD), Schedule.constant(spec.lr(), spec.momentum()), config.build())) {
      try {
        Dataset test = splits.test();
        if (spec.testSamples() > 0 && spec.testSamples() < test.size()) test = test.slice(test.name(), 0, spec.testSamples());
        t.fit(splits.train(), splits.validation(), test);
      } catch (DivergenceException e) {
        stopped = "diverged: " + e.getMessage();
      }
      history = t.history();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    if (stopped.equals("completed")) {
      ModelFiles.save(dir.resolve("model.safetensors"), model, Map.of());
      if (!spec.measures().equals("none")) measure(spec.measures(), spec.seed(), model, init, splits.train(), null, dir, values);
    }
    return finish(id, spec, history, stopped, start, values, dir);
  }

  /** Writes result.json from the training curves and the measured values, and reads it back. */
  private static CellResult finish(String id, CellSpec spec, List<EpochStats> history, String stopped, long start,
      Map<String, Double> values, Path dir) throws IOException {
    int n = history.size();
    double[] trainLoss = new double[n];
    double[] trainError = new double[n];
    double[] valError = new double[n];
    double[] testError = new double[n];
    for (int e = 0; e < n; e++) {
      EpochStats s = history.get(e);
      trainLoss[e] = s.trainLoss();
      trainError[e] = s.trainError();
      valError[e] = s.validationError();
      testError[e] = s.testError();
    }
    new CellResult(id, Map.of(), trainLoss, trainError, valError, testError, stopped, (System.nanoTime() - start) * 1e-9,
        values)
        .write(dir, spec);
    return CellResult.read(dir.resolve(CellResult.FILE));
  }
}
