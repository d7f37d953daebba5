package org.pathnorm.cli;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.data.ImageShape;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Initializer;
import org.pathnorm.io.ModelFiles;
import org.pathnorm.measures.RunMeasures;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.train.Checkpoint;
import org.pathnorm.train.DivergenceGuard;
import org.pathnorm.train.ResumeCheck;
import org.pathnorm.train.RunDirectory;
import org.pathnorm.train.ProgressListener;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;
import org.pathnorm.train.TrainingResult;

/**
 * {@code pathnorm train} with a convolutional {@code --arch} ({@link ConvNetSpec}): the same data,
 * optimiser, schedule, checkpoint and metrics options as a feedforward run, on a {@link Sequential}
 * with PyTorch's default initialisation unless {@code --init} says otherwise; at the end the run's
 * measures.json with the conv conventions of docs/algorithms.md §2.8 (batch norm folded, kernels as
 * [out × in·kh·kw] matrices).
 */
final class ConvTrainRun implements Callable<Integer> {
  private final TrainCommand c;

  ConvTrainRun(TrainCommand c) {
    this.c = c;
  }

  @Override public Integer call() throws Exception {
    ConvNetSpec spec = ConvNetSpec.parse(c.arch);
    Initializer init = Initializer.parse(c.init(true));
    RunMeasures.Level measureLevel = RunMeasures.Level.parse(c.measures, "--measures");
    if (!c.normalization.trim().equalsIgnoreCase("none")) {
      throw new IllegalArgumentException("--normalization " + c.normalization + ": not defined on conv architectures (use bn tokens in --arch)");
    }
    // everything is validated before the run directory is created or touched (as for feedforward runs)
    RunDirectory.checkPath(c.out, "--out");
    TrainArguments.check(c.lr, c.momentum, c.weightDecay, c.batch, c.epochs, c.threads, c.stepFactor, c.stepEvery, c.kappaEvery);
    TrainingConfig config = c.trainingConfig();
    OptimizerSpec optimizer = c.optimizerSpec();
    if (optimizer.method() == Method.DDP_SGD) throw new IllegalArgumentException("--optimizer ddp-sgd: not defined on conv architectures");
    Schedule schedule = c.schedule();
    if (c.resume && !Files.isRegularFile(c.out.resolve(Checkpoint.CONFIG))) {
      throw new IllegalArgumentException("--resume: " + c.out + " holds no run (" + Checkpoint.CONFIG + ")");
    }
    if (!c.resume && Checkpoint.exists(c.out)) {
      throw new IllegalArgumentException("--out " + c.out + " already holds a run; pass --resume to continue it or choose another directory");
    }
    DataPipeline.Prepared prepared = c.dataOptions.prepare(c.threads, config.kernels());
    DatasetSpec.Splits splits = prepared.splits();
    TrainArguments.checkBatch(c.batch, splits.train().size(), c.dataOptions.data);
    Sequential model = spec.build(config.seed(), init);
    checkShape(spec, model, splits.train());
    try (Trainer trainer = new Trainer(model, optimizer, schedule, config)) {
      trainer.addListener(TrainCommand.prefetchDataStats(splits.train()));
      TrainingResult result = c.trainInRunDirectory(trainer, configJson(prepared, spec, model, trainer, init) + "\n", splits);
      Sequential initial = spec.build(config.seed(), init);
      ModelFiles.loadInto(c.out.resolve(Checkpoint.INIT), initial);
      RunMeasures.write(c.out, model, initial, splits.train(), c.threads, measureLevel);
      if (!c.quiet && result.last() != null) {
        System.out.printf(Locale.ROOT, "run written to %s (test error %.2f%%)%n", c.out, 100 * result.last().testError());
      }
    }
    return 0;
  }

  /** The data's samples must be the architecture's input, as an image of the same shape if the data has one. */
  private void checkShape(ConvNetSpec spec, Sequential model, Dataset train) {
    String arch = c.arch.substring(0, c.arch.indexOf(':'));
    ImageShape shape = train.shape();
    if (train.dimension() != model.inputSize() || shape != null && !(shape.channels() + "x" + shape.height() + "x" + shape.width()).equals(arch)) {
      throw new IllegalArgumentException("--arch " + c.arch + ": takes samples of " + arch + " (" + model.inputSize() + " values), the data has "
          + (shape == null ? "" : shape.channels() + "x" + shape.height() + "x" + shape.width() + " ") + "(" + train.dimension() + " values)");
    }
  }

  private String configJson(DataPipeline.Prepared data, ConvNetSpec spec, Sequential model, Trainer t, Initializer init) {
    JsonWriter w = new JsonWriter().beginObject(null)
        .value("pathnorm_version", VersionInfo.version())
        .value("jdk", VersionInfo.jdk())
        .value("kernels", t.kernels().description());
    c.dataOptions.writeJson(w, data);
    w.value("arch", spec.toString())
        .value("model", model.describe())
        .value("pytorch", String.join(", ", spec.pytorchModules()))
        .value("parameters", model.parameterCount())
        .value("init", init.name().toLowerCase(Locale.ROOT))
        .value("loss", c.loss == null ? "ce" : c.loss)
        .value("optimizer", c.optimizer)
        .value("kappa_every", c.kappaEvery)
        .value("lr", c.lr)
        .value("momentum", t.schedule().momentum(0))
        .value("weight_decay", c.weightDecay)
        .value("schedule", t.schedule().describe())
        .value("batch", c.batch)
        .value("epochs", c.epochs)
        .value("stop_loss", c.stopLoss == null ? Double.NaN : c.stopLoss)
        .value("patience", c.patience)
        .value("dropout", c.dropout)
        .value("threads", c.threads)
        .value("shard_size", t.shardSize())
        .value("seed", c.seed)
        .value("train_loss", t.config().trainingLoss().option());
    return w.endObject().toString();
  }

}
