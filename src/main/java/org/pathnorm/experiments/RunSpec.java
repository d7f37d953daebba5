package org.pathnorm.experiments;

import org.pathnorm.data.DataTransforms;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * Everything one training run of a sweep depends on; a cell's identity. {@code transforms} are the data
 * transforms and the validation split ({@link org.pathnorm.data.DataPipeline}); training stops early once the
 * training cross-entropy is below {@code stopLoss} (NaN: never); {@code measures} selects what is measured
 * on the training set after training: "none", "cheap" (docs/algorithms.md §2 norms, margins, capacities), "all" (the same, every scalar of measures.json kept in the
 * result's values), "sharpness"
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
}
