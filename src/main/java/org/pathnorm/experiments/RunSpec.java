package org.pathnorm.experiments;

import org.pathnorm.data.DataTransforms;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * Everything one training run of a sweep depends on; a cell's identity. {@code transforms} are the data
 * transforms and the validation split ({@link org.pathnorm.data.DataPipeline}). {@code normalization} is
 * "none" or "ddp" (DDP-Normalization with {@code ddp}'s α and statistic); {@code schedule} is
 * "constant" or "thesis" (SPEC §3.1).
 */
public record RunSpec(String data, DataTransforms transforms, Architecture arch, String optimizer, DdpOptions ddp, String normalization,
    double lr, double momentum, String schedule, String init, double dropout, double weightDecay, int batch, int epochs,
    long seed) {

  public RunSpec {
    if (epochs < 1) throw new IllegalArgumentException("a run needs >= 1 epoch, got " + epochs);
  }

  RunSpec withLr(double newLr) {
    return new RunSpec(data, transforms, arch, optimizer, ddp, normalization, newLr, momentum, schedule, init, dropout, weightDecay,
        batch, epochs, seed);
  }

  RunSpec withSeed(long newSeed) {
    return new RunSpec(data, transforms, arch, optimizer, ddp, normalization, lr, momentum, schedule, init, dropout, weightDecay,
        batch, epochs, newSeed);
  }

  void write(JsonWriter w) {
    w.value("data", data).value("transforms", transforms.toString()).value("arch", arch.toString()).value("optimizer", optimizer);
    if (optimizer.equals("ddp-sgd") || normalization.equals("ddp")) {
      w.value("alpha", ddp.alpha()).value("ddp_statistic", ddp.statistic().label()).value("ddp_downstream", ddp.downstream().label());
    }
    w.value("normalization", normalization).value("lr", lr).value("momentum", momentum).value("schedule", schedule)
        .value("init", init).value("dropout", dropout).value("weight_decay", weightDecay).value("batch", batch)
        .value("epochs", epochs).value("seed", seed);
  }
}
