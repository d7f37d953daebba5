package org.pathnorm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.CharText;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.io.NetworkFiles;
import org.pathnorm.measures.DataStatsPrefetch;
import org.pathnorm.measures.RunMeasures;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.HiddenNormalization;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.DdpOptions;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.train.Checkpoint;
import org.pathnorm.train.DivergenceGuard;
import org.pathnorm.train.EpochStats;
import org.pathnorm.train.GradientClipping;
import org.pathnorm.train.ResumeCheck;
import org.pathnorm.train.RunDirectory;
import org.pathnorm.train.ProgressListener;
import org.pathnorm.train.HiddenState;
import org.pathnorm.train.RecurrentSetup;
import org.pathnorm.train.RunSetup;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;
import org.pathnorm.train.TrainingLoss;
import org.pathnorm.train.TrainingListener;
import org.pathnorm.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pathnorm train}: trains a ReLU network and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a feedforward ReLU network (--arch) or a recurrent one (--model rnn); writes config.json, metrics.csv, "
        + "init/model.safetensors and checkpoints into --out.")
final class TrainCommand implements Callable<Integer> {
  @Mixin DataOptions dataOptions;
  @Option(names = "--model", defaultValue = "mlp", description = "mlp (feedforward, --arch) or rnn (--hidden, --layers, "
      + "--nonlinearity, --rnn-init; read-out at the last step, or at every step for text:) (default: ${DEFAULT-VALUE}).") String model;
  @Option(names = "--arch", description = "--model mlp: layer widths, e.g. 64-256-10 (inputs-hidden…-outputs), or a conv net "
      + "CxHxW:tokens-…-classes, e.g. 3x32x32:c32k3p1-mp2-fc64-10 or 3x32x32:vgg*0.25-10 (see README).") String arch;
  @Option(names = "--hidden", defaultValue = "100", description = "--model rnn: hidden units per layer (default: ${DEFAULT-VALUE}).") int hidden;
  @Option(names = "--layers", defaultValue = "1", description = "--model rnn: stacked recurrent layers (default: ${DEFAULT-VALUE}).") int layers;
  @Option(names = "--nonlinearity", defaultValue = "relu", description = "--model rnn: relu or tanh (default: ${DEFAULT-VALUE}).") String nonlinearity;
  @Option(names = "--rnn-init", defaultValue = "irnn", description = "--model rnn: irnn, gaussian or pytorch (default: ${DEFAULT-VALUE}).") String rnnInit;
  @Option(names = "--hidden-state", defaultValue = "reset", description = "--model rnn: reset (h0 = 0 in every window, windows shuffled) "
      + "or carried (truncated BPTT: --batch streams of consecutive windows, each window starting from the hidden state the previous one "
      + "left, zeroed at every epoch start; evaluation streams likewise) (default: ${DEFAULT-VALUE}).") String hiddenState;
  @Option(names = "--clip-norm", description = "Clip the gradient to this global L2 norm (PyTorch's clip_grad_norm_; default: none).")
  Double clipNorm;
  @Option(names = "--clip-value", description = "Clip every gradient entry to [-C, C] (default: none).") Double clipValue;
  @Option(names = "--step-inputs", description = "--model rnn: inputs per step D, T = features / D "
      + "(default: 2 for addition:, 1 otherwise (seq: images); text: sets it).") Integer stepInputs;
  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adagrad, adam, rmsprop, path-sgd, path-adagrad, path-adam, path-rmsprop or ddp-sgd (default: ${DEFAULT-VALUE}).") String optimizer;
  @Mixin DdpMixin ddp;
  @Option(names = "--kappa-every", defaultValue = "1",
      description = "path-sgd: recompute kappa every K steps (default: ${DEFAULT-VALUE}, every step as in the paper).") int kappaEvery;
  @Option(names = "--normalization", defaultValue = "none",
      description = "none, or ddp: DDP-Normalization of the hidden layers with --alpha and --ddp-statistic (default: ${DEFAULT-VALUE}).")
  String normalization;
  @Option(names = "--lr", defaultValue = "0.1", description = "Step size (the schedule's initial value; default: ${DEFAULT-VALUE}).") double lr;
  @Option(names = "--momentum", description = "Heavy-ball momentum (default 0; the initial value under --schedule thesis, default 0.5 there).") Double momentum;
  @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay λ (sgd; default: ${DEFAULT-VALUE}).") double weightDecay;
  @Option(names = "--schedule", defaultValue = "constant",
      description = "constant, thesis (lr x0.99 and momentum +0.02 per epoch, capped at 0.9) or step (default: ${DEFAULT-VALUE}).") String schedule;
  @Option(names = "--step-factor", defaultValue = "0.1", description = "--schedule step: factor (default: ${DEFAULT-VALUE}).") double stepFactor;
  @Option(names = "--step-every", defaultValue = "30", description = "--schedule step: epochs between factors (default: ${DEFAULT-VALUE}).") int stepEvery;
  @Option(names = "--batch", defaultValue = "100", description = "Mini-batch size (default: ${DEFAULT-VALUE}).") int batch;
  @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs (default: ${DEFAULT-VALUE}).") int epochs;
  @Option(names = "--stop-loss", description = "Stop once the training loss is below this (thesis: 1e-4; reference code: 1e-2).") Double stopLoss;
  @Option(names = "--patience", defaultValue = "0", description = "Early stopping: epochs without a better validation error (0: off).") int patience;
  @Option(names = "--init", description = "gaussian, pytorch or unbalanced (default: gaussian; pytorch for a conv --arch).") String init;

  /** The --init given, or the default: gaussian for feedforward networks, PyTorch's for conv nets. */
  String init(boolean conv) {
    return init != null ? init : conv ? "pytorch" : "gaussian";
  }
  @Option(names = "--dropout", defaultValue = "0", description = "Drop probability of hidden units (default: ${DEFAULT-VALUE}).") double dropout;
  @Option(names = "--loss", description = "ce (softmax cross-entropy), mse (squared error against one-hot labels) or squared-error "
      + "(against real-valued targets, reported as MSE) (default: ce; squared-error for data with real-valued targets, addition:).")
  String loss;
  @Option(names = "--threads", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE}).") int threads;
  @Option(names = "--shard", defaultValue = "0", description = "Samples per parallel shard of a mini-batch (0: automatic).") int shard;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of the initialisation, data order and dropout (default: ${DEFAULT-VALUE}).") long seed;
  @Option(names = "--out", required = true, description = "Run directory.") Path out;
  @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.") boolean resume;
  @Option(names = "--quiet", description = "No progress output.") boolean quiet;
  @Option(names = "--train-loss", defaultValue = "full", description = "full (a forward pass over the training set after every epoch: "
      + "loss and error) or running (the mean of the epoch's mini-batch losses, free; no training error) (default: ${DEFAULT-VALUE}).")
  String trainLoss;
  @Option(names = "--measures", defaultValue = "cheap", description = "measures.json at the end: cheap (no SVD, so no Schatten norms; "
      + "margins over 10,000 random training samples) or full (Schatten norms, margins over the whole training set) (default: ${DEFAULT-VALUE}).")
  String measures;
  @Option(names = "--divergence-factor", defaultValue = "100", description = "Stop when the training loss stays above this multiple "
      + "of the first mini-batch loss for --divergence-epochs epochs (default: ${DEFAULT-VALUE}).") double divergenceFactor;
  @Option(names = "--divergence-epochs", defaultValue = "3", description = "Consecutive epochs above --divergence-factor that stop the run "
      + "(default: ${DEFAULT-VALUE}).") int divergenceEpochs;

  /** -Dpathnorm.phases=true: where the time goes (null: off). */
  private PhaseTimes phases;

  @Override public Integer call() throws Exception {
    phases = PhaseTimes.startIfEnabled();
    // everything is validated before the run directory is created or touched
    RunDirectory.checkPath(out, "--out");
    TrainArguments.check(lr, momentum, weightDecay, batch, epochs, threads, stepFactor, stepEvery, kappaEvery);
    if (resume && !Files.isRegularFile(out.resolve(Checkpoint.CONFIG))) {
      throw new IllegalArgumentException("--resume: " + out + " holds no run (" + Checkpoint.CONFIG + ")");
    }
    if (!resume && Checkpoint.exists(out)) {
      throw new IllegalArgumentException("--out " + out + " already holds a run; pass --resume to continue it or choose another directory");
    }
    if (recurrent()) return callRecurrent();
    if (HiddenState.parse(hiddenState) != HiddenState.RESET) {
      throw new IllegalArgumentException("--hidden-state " + hiddenState + ": only a recurrent model (--model rnn) has a hidden state to carry");
    }
    RunMeasures.Level measureLevel = RunMeasures.Level.parse(measures, "--measures");
    if (arch != null && ConvNetSpec.isConvSpec(arch)) return new ConvTrainRun(this).call();
    RunSetup setup = setup();
    DataPipeline.Prepared prepared = dataOptions.prepare(threads, setup.training().kernels());
    DatasetSpec.Splits splits = prepared.splits();
    if (phases != null) phases.end("read-data");
    if (splits.train().hasTargets()) {
      throw new IllegalArgumentException("--data " + dataOptions.data + ": real-valued targets train with --model rnn, not --model mlp");
    }
    TrainArguments.checkBatch(batch, splits.train().size(), dataOptions.data);
    TrainArguments.checkMemory(setup.architecture(), batch);
    Network net = setup.initialNetwork();
    try (Trainer trainer = setup.trainer(net)) {
      trainer.addListener(prefetchDataStats(splits.train())).keepTrainingMargins(true);
      TrainingResult result = trainInRunDirectory(trainer, configJson(prepared, setup, trainer) + "\n", splits);
      if (phases != null) phases.end("after-last-epoch");
      // the margins of the last evaluation of the training set where they are of the final weights (no forward pass)
      RunMeasures.write(out, net, NetworkFiles.load(out.resolve(Checkpoint.INIT)), splits.train(),
          trainer.trainingMargins(splits.train()).orElse(null), threads, measureLevel);
      if (phases != null) phases.end("measures");
      if (!quiet && result.last() != null) {
        System.out.printf(Locale.ROOT, "run written to %s (test error %.2f%%)%n", out, 100 * result.last().testError());
      }
    }
    if (phases != null) phases.end("close");
    return 0;
  }

  /**
   * Starts the end-of-run measures' pass over the training set after the first epoch (then the JIT,
   * which the warm-up keeps busy on the other CPU, is mostly done), on a daemon thread.
   */
  static TrainingListener prefetchDataStats(Dataset train) {
    return new TrainingListener() {
      @Override public void onEpoch(Trainer trainer, EpochStats stats) {
        DataStatsPrefetch.start(train);
      }
    };
  }

  /**
   * Trains in the run directory with crash safety (README "Crash safety"): the lock, recovery of the
   * last commit, the settings checked against config.json on --resume, one commit per epoch.
   */
  TrainingResult trainInRunDirectory(Trainer trainer, String configJson, DatasetSpec.Splits splits) throws Exception {
    DivergenceGuard guard = new DivergenceGuard(divergenceFactor, divergenceEpochs);
    try (RunDirectory run = RunDirectory.open(out, "--out");
         // closed before the lock is released: a commit left in flight by an exception finishes first
         Checkpoint checkpoint = new Checkpoint(out).withGuard(guard)) {
      Checkpoint.Committed committed = Checkpoint.recover(out);
      if (resume) {
        ResumeCheck.check(out, configJson);
        int done = checkpoint.resume(trainer);
        if (committed == null) checkpoint.startFresh(configJson);
        if (!quiet) System.out.println("resuming " + out + " after epoch " + done);
      } else {
        if (committed != null) {
          throw new IllegalArgumentException("--out " + out + " already holds a run; pass --resume to continue it or choose another directory");
        }
        checkpoint.startFresh(configJson);
      }
      if (phases != null) trainer.addListener(phases.first());
      trainer.addListener(guard).addListener(checkpoint);
      if (!quiet) trainer.addListener(ProgressListener.console());
      if (phases != null) trainer.addListener(phases.last());
      return trainer.fit(splits.train(), splits.validation(), splits.test());
    }
  }

  private boolean recurrent() {
    switch (model.trim().toLowerCase(Locale.ROOT)) {
      case "mlp": return false;
      case "rnn": return true;
      default: throw new IllegalArgumentException("--model: expected mlp or rnn, got '" + model + "'");
    }
  }

  /** {@code --model rnn}: the same run directory through {@link RecurrentSetup} and {@link ModelFiles}. */
  private Integer callRecurrent() throws Exception {
    if (arch != null) throw new IllegalArgumentException("--arch is for --model mlp; a recurrent model takes --hidden and --layers");
    TrainingConfig config = trainingConfig();
    DataPipeline.Prepared prepared = dataOptions.prepare(threads, config.kernels());
    DatasetSpec.Splits splits = prepared.splits();
    config = config.toBuilder().loss(recurrentLoss(splits.train())).build();
    RecurrentSetup setup = recurrentSetup(splits.train(), config);
    Sequential net = setup.initialModel();
    try (Trainer trainer = setup.trainer(net)) {
      JsonWriter w = new JsonWriter().beginObject(null).value("pathnorm_version", VersionInfo.version()).value("jdk", VersionInfo.jdk())
          .value("kernels", trainer.kernels().description());
      dataOptions.writeJson(w, prepared);
      w.value("model", "rnn").value("arch", setup.model().toString()).value("parameters", net.parameterCount())
          .value("hidden", hidden).value("layers", layers).value("nonlinearity", nonlinearity).value("rnn_init", rnnInit)
          .value("hidden_state", config.hiddenState().label())
          .value("steps", setup.model().steps()).value("step_inputs", setup.model().inputs())
          .value("readout", setup.model().readout().name().toLowerCase(Locale.ROOT))
          .value("loss", config.loss().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      commonJson(w, setup.optimizer(), setup.schedule(), trainer);
      TrainingResult result = trainInRunDirectory(trainer, w.endObject() + "\n", splits);
      if (!quiet && result.last() != null) {
        boolean text = splits.train().labelsPerSample() > 1;
        System.out.printf(Locale.ROOT, "run written to %s (test %s)%n", out, splits.train().hasTargets()
            ? String.format(Locale.ROOT, "MSE %.5f", result.last().testLoss())
            : text ? String.format(Locale.ROOT, "%.4f bits per character", CharText.bitsPerCharacter(result.last().testLoss()))
            : String.format(Locale.ROOT, "error %.2f%%", 100 * result.last().testError()));
      }
    }
    return 0;
  }

  /** The recurrent run these options describe for {@code train} (its shape: T, D, V, read-out). */
  RecurrentSetup recurrentSetup(Dataset train, TrainingConfig config) {
    if (layers < 1 || hidden < 1) throw new IllegalArgumentException("--hidden and --layers must be >= 1, got " + hidden + " and " + layers);
    int[] h = new int[layers];
    java.util.Arrays.fill(h, hidden);
    int d = stepInputs != null ? stepInputs : DatasetSpec.inputsPerStep(dataOptions.data);
    RecurrentSetup.Architecture a = RecurrentSetup.Architecture.forData(train, d, h, Recurrent.Activation.parse(nonlinearity), 0,
        RecurrentInit.parse(rnnInit));
    return new RecurrentSetup(a, optimizerSpec(), schedule(), config);
  }

  /** --loss, or by default squared-error for real-valued targets and cross-entropy for labels. */
  private Loss recurrentLoss(Dataset train) {
    return loss != null ? Loss.parse(loss) : train.hasTargets() ? Loss.SQUARED_ERROR : Loss.CROSS_ENTROPY;
  }

  TrainingConfig trainingConfig() {
    TrainingConfig.Builder config = TrainingConfig.builder().batch(batch).epochs(epochs).patience(patience).threads(threads).seed(seed)
        .shardSize(shard).dropout(dropout).loss(Loss.parse(loss == null ? "ce" : loss)).kernels(KernelSelection.kernels())
        .trainingLoss(TrainingLoss.parse(trainLoss, "--train-loss")).hiddenState(HiddenState.parse(hiddenState));
    if (stopLoss != null) config.stopLoss(stopLoss);
    if (clipNorm != null && clipValue != null) throw new IllegalArgumentException("--clip-norm and --clip-value: choose one");
    if (clipNorm != null) config.clipping(new GradientClipping.GlobalNorm(clipNorm));
    if (clipValue != null) config.clipping(new GradientClipping.ElementWise(clipValue));
    return config.build();
  }

  OptimizerSpec optimizerSpec() {
    return OptimizerSpec.of(Method.parse(optimizer)).withWeightDecay(weightDecay).withKappaEvery(kappaEvery).withDdp(ddp.options());
  }

  /** The run these options describe: every option parsed and checked, nothing written. */
  RunSetup setup() {
    if (arch == null) throw new IllegalArgumentException("--arch is required for --model mlp, e.g. --arch 64-256-10");
    TrainingConfig config = trainingConfig();
    return new RunSetup(Architecture.parse(arch), Initializer.parse(init(false)), hiddenNormalization(), optimizerSpec(), schedule(), config);
  }

  private HiddenNormalization hiddenNormalization() {
    switch (normalization.trim().toLowerCase(Locale.ROOT)) {
      case "none": return HiddenNormalization.NONE;
      case "ddp": return new HiddenNormalization.Ddp(ddp.options().alpha(), ddp.options().statistic() == DdpOptions.Statistic.COVARIANCE);
      default: throw new IllegalArgumentException("--normalization: expected none or ddp, got '" + normalization + "'");
    }
  }

  /** --momentum given or not: the thesis schedule starts at 0.5 unless told otherwise, the others at 0. */
  Schedule schedule() {
    switch (schedule.toLowerCase(Locale.ROOT)) {
      case "constant": return Schedule.constant(lr, momentum == null ? 0 : momentum);
      case "thesis": return Schedule.thesis(lr, momentum == null ? 0.5 : momentum);
      case "step": return Schedule.step(lr, momentum == null ? 0 : momentum, stepFactor, stepEvery);
      default: throw new IllegalArgumentException("--schedule: expected constant, thesis or step, got '" + schedule + "'");
    }
  }

  private String configJson(DataPipeline.Prepared data, RunSetup setup, Trainer t) {
    JsonWriter w = new JsonWriter().beginObject(null)
        .value("pathnorm_version", VersionInfo.version())
        .value("jdk", VersionInfo.jdk())
        .value("kernels", t.kernels().description());
    dataOptions.writeJson(w, data);
    w.value("arch", setup.architecture().toString())
        .value("parameters", setup.architecture().parameters())
        .value("init", init(false))
        .value("loss", loss == null ? "ce" : loss)
        .value("optimizer", optimizer)
        .value("kappa_every", kappaEvery);
    if (setup.optimizer().method() == Method.DDP_SGD) DdpMixin.write(w, setup.optimizer().ddp());
    w.value("normalization", setup.normalization().describe());
    commonJson(w, setup.optimizer(), setup.schedule(), t);
    return w.endObject().toString();
  }

  private void commonJson(JsonWriter w, OptimizerSpec spec, Schedule sched, Trainer t) {
    w.value("lr", lr)
        .value("momentum", sched.momentum(0))
        .value("weight_decay", weightDecay)
        .value("schedule", sched.describe())
        .value("batch", batch)
        .value("epochs", epochs)
        .value("stop_loss", stopLoss == null ? Double.NaN : stopLoss)
        .value("patience", patience)
        .value("dropout", dropout)
        .value("threads", threads)
        .value("shard_size", t.shardSize())
        .value("seed", seed)
        .value("train_loss", t.config().trainingLoss().option());
  }
}
