package org.pathnorm.experiments;

import org.pathnorm.nn.Initializer;
import org.pathnorm.optim.Method;

import org.pathnorm.data.DataTransforms;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * Everything one training run of a sweep depends on; a cell's identity. {@code transforms} are the data
 * transforms and the validation split ({@link org.pathnorm.data.DataPipeline}); training stops early once the
 * training cross-entropy is below {@code stopLoss} (NaN: never); {@code measures} selects what is measured
 * on the training set after training: "none", "cheap" (docs/algorithms.md §2 norms, margins, capacities), "sharpness"
 * (also Keskar sharpness and the PAC-Bayes frontier) or "conditions" (C1–C3 at init and after training); {@code censorHidden} &gt; 0
 * replaces every label by the predictions of a trained net with that many hidden units (censored labels,
 * docs/algorithms.md §4 E2), before the subset and label noise of {@code transforms}. {@code normalization} is
 * "none" or "ddp" (DDP-Normalization with {@code ddp}'s α and statistic); {@code schedule} is
 * "constant" or "thesis" (docs/algorithms.md §3.1).
 */
public record RunSpec(String data, DataTransforms transforms, Architecture arch, String optimizer, DdpOptions ddp, String normalization,
    double lr, double momentum, String schedule, String init, double dropout, double weightDecay, int batch, int epochs,
    long seed, double stopLoss, String measures, int censorHidden) implements CellSpec {

  public RunSpec {
    if (epochs < 1) throw new IllegalArgumentException("a run needs >= 1 epoch, got " + epochs);
  }

  @Override public void write(JsonWriter w) {
    w.value("data", data).value("transforms", transforms.toString()).value("arch", arch.toString()).value("optimizer", optimizer);
    if (optimizer.equals("ddp-sgd") || normalization.equals("ddp")) {
      w.value("alpha", ddp.alpha()).value("ddp_statistic", ddp.statistic().label()).value("ddp_downstream", ddp.downstream().label());
    }
    w.value("normalization", normalization).value("lr", lr).value("momentum", momentum).value("schedule", schedule)
        .value("init", init).value("dropout", dropout).value("weight_decay", weightDecay).value("batch", batch)
        .value("epochs", epochs).value("seed", seed).value("stop_loss", stopLoss).value("measures", measures)
        .value("censor_hidden", censorHidden);
  }

  /** What is measured on the training set after training. */
  public enum Measured {
    NONE, CHEAP, SHARPNESS, CONDITIONS;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A builder with the defaults of a plain run: SGD without momentum at η = 0.1 on a constant
   * schedule, Gaussian init, no normalisation, dropout or weight decay, batch 100, 10 epochs, seed 1,
   * no stop loss, nothing measured, no censoring.
   */
  public static Builder builder(String data, DataTransforms transforms, Architecture arch) {
    return new Builder(data, transforms, arch);
  }

  /** A builder holding this run's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(data, transforms, arch);
    b.optimizer = optimizer;
    b.ddp = ddp;
    b.normalization = normalization;
    b.lr = lr;
    b.momentum = momentum;
    b.schedule = schedule;
    b.init = init;
    b.dropout = dropout;
    b.weightDecay = weightDecay;
    b.batch = batch;
    b.epochs = epochs;
    b.seed = seed;
    b.stopLoss = stopLoss;
    b.measures = measures;
    b.censorHidden = censorHidden;
    return b;
  }

  /** Builds a {@link RunSpec}. */
  public static final class Builder {
    private String data;
    private DataTransforms transforms;
    private final Architecture arch;
    private String optimizer = Method.SGD.label();
    private DdpOptions ddp = DdpOptions.defaults();
    private String normalization = "none";
    private double lr = 0.1;
    private double momentum;
    private String schedule = "constant";
    private String init = "gaussian";
    private double dropout;
    private double weightDecay;
    private int batch = 100;
    private int epochs = 10;
    private long seed = 1;
    private double stopLoss = Double.NaN;
    private String measures = "none";
    private int censorHidden;

    private Builder(String data, DataTransforms transforms, Architecture arch) {
      this.data = data;
      this.transforms = transforms;
      this.arch = arch;
    }

    public Builder data(String spec, DataTransforms t) {
      data = spec;
      transforms = t;
      return this;
    }

    public Builder optimizer(Method method) {
      optimizer = method.label();
      return this;
    }

    /** The optimiser by its command-line name (as the experiments' variants hold it). */
    public Builder optimizer(String name) {
      optimizer = Method.parse(name).label();
      return this;
    }

    public Builder ddp(DdpOptions options) {
      ddp = options;
      return this;
    }

    /** DDP-Normalization of the hidden layers with {@link #ddp}'s α and statistic ("ddp"), or none. */
    public Builder normalization(String kind) {
      if (!kind.equals("none") && !kind.equals("ddp")) throw new IllegalArgumentException("normalization: expected none or ddp, got " + kind);
      normalization = kind;
      return this;
    }

    /** A constant step size and momentum. */
    public Builder constant(double stepSize, double momentumValue) {
      schedule = "constant";
      lr = stepSize;
      momentum = momentumValue;
      return this;
    }

    /** The thesis schedule from η₀ and μ₀ (docs/algorithms.md §3.1). */
    public Builder thesis(double stepSize0, double momentum0) {
      schedule = "thesis";
      lr = stepSize0;
      momentum = momentum0;
      return this;
    }

    public Builder init(Initializer value) {
      init = value.name().toLowerCase(java.util.Locale.ROOT);
      return this;
    }

    /** The init by name; the suffix {@code -ulp} moves every weight by one ulp after it (the noise-floor control). */
    public Builder init(String name) {
      Initializer.parse(name.endsWith(CellRunner.ULP) ? name.substring(0, name.length() - CellRunner.ULP.length()) : name);
      init = name;
      return this;
    }

    public Builder dropout(double probability) {
      dropout = probability;
      return this;
    }

    public Builder weightDecay(double lambda) {
      weightDecay = lambda;
      return this;
    }

    public Builder batch(int samples) {
      batch = samples;
      return this;
    }

    public Builder epochs(int count) {
      epochs = count;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Stop once the training cross-entropy is below {@code loss}. */
    public Builder stopLoss(double loss) {
      stopLoss = loss;
      return this;
    }

    public Builder measures(Measured what) {
      measures = what.label();
      return this;
    }

    /** Replace every label by the predictions of a trained net with {@code hidden} units first (E2). */
    public Builder censorHidden(int hidden) {
      censorHidden = hidden;
      return this;
    }

    public RunSpec build() {
      return new RunSpec(data, transforms, arch, optimizer, ddp, normalization, lr, momentum, schedule, init, dropout, weightDecay, batch,
          epochs, seed, stopLoss, measures, censorHidden);
    }
  }
}
