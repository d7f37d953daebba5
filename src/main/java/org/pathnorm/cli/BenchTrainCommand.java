package org.pathnorm.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.ConvNetSpec;
import org.pathnorm.nn.Model;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pathnorm bench train}: training steps per second on synthetic data, warm-up excluded. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Time training steps (forward, backward, optimiser update) on synthetic data.")
final class BenchTrainCommand implements Callable<Integer> {
  @Option(names = "--arch", required = true, description = "Layer widths, e.g. 784-4000-4000-10, or a conv net, e.g. 3x32x32:c32k3p1-c32k3p1-mp2-10.") String arch;
  @Option(names = "--batch", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).") int batch;
  @Option(names = "--threads", defaultValue = "1", description = "Threads (default: ${DEFAULT-VALUE}).") int threads;
  @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, adagrad, adam, rmsprop, path-sgd, path-adagrad, path-adam, path-rmsprop or ddp-sgd (default: ${DEFAULT-VALUE}).") String optimizer;
  @Mixin DdpMixin ddp;
  @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).") float momentum;
  @Option(names = "--steps", defaultValue = "30", description = "Timed steps per repetition (default: ${DEFAULT-VALUE}).") int steps;
  @Option(names = "--warmup", defaultValue = "10", description = "Untimed steps first, at least (default: ${DEFAULT-VALUE}).") int warmup;
  @Option(names = "--warmup-seconds", defaultValue = "2",
      description = "Untimed seconds first, at least, so that the JIT has compiled the step (default: ${DEFAULT-VALUE}).") double warmupSeconds;
  @Option(names = "--repeat", defaultValue = "3", description = "Repetitions; the median is reported (default: ${DEFAULT-VALUE}).") int repeat;
  @Option(names = "--shard", defaultValue = "0", description = "Samples per parallel shard (0: automatic).") int shard;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;

  @Override public Integer call() {
    if (steps < 1 || repeat < 1 || warmup < 0) throw new IllegalArgumentException("--steps and --repeat must be >= 1, --warmup >= 0");
    Kernels kernels = KernelSelection.kernels();
    Model net;
    if (ConvNetSpec.isConvSpec(arch)) {
      net = ConvNetSpec.parse(arch).build(1);
    } else {
      Network n = new Network(Architecture.parse(arch));
      Initializer.GAUSSIAN.initialize(n, 1);
      net = n;
    }
    String a = net instanceof Network n ? n.architecture().toString() : arch;
    Dataset data = Synthetic.clusters(batch * 4, net.inputSize(), Math.max(2, net.outputSize()), 7);
    TrainingConfig cfg = TrainingConfig.builder().batch(batch).epochs(1).threads(threads).shardSize(shard).kernels(kernels).build();
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    double[] ms = new double[repeat];
    // CPU time of the calling thread: all of a step's CPU time with --threads 1, and a measure that a
    // loaded machine disturbs far less than wall-clock time
    double[] cpuMs = new double[repeat];
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    int shardSize;
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse(optimizer)).withDdp(ddp.options()),
        Schedule.constant(0.01, momentum), cfg)) {
      shardSize = t.shardSize();
      int next = 0;
      long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
      for (int i = 0; i < warmup || System.nanoTime() < warmupEnd; i++, next = (next + batch) % data.size()) {
        t.trainStep(data, order, next, batch);
      }
      for (int r = 0; r < repeat; r++) {
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++, next = (next + batch) % data.size()) t.trainStep(data, order, next, batch);
        ms[r] = (System.nanoTime() - start) * 1e-6 / steps;
        cpuMs[r] = (cpu.getCurrentThreadCpuTime() - cpuStart) * 1e-6 / steps;
      }
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
    double rate = batch / (median * 1e-3);
    double[] cpuSorted = cpuMs.clone();
    Arrays.sort(cpuSorted);
    double cpuMedian = cpuSorted.length % 2 == 1 ? cpuSorted[cpuSorted.length / 2]
        : 0.5 * (cpuSorted[cpuSorted.length / 2 - 1] + cpuSorted[cpuSorted.length / 2]);
    if (json) {
      JsonWriter w = new JsonWriter().beginObject(null).value("benchmark", "train").value("arch", a)
          .value("parameters", net.parameterCount()).value("batch", batch).value("threads", threads).value("optimizer", optimizer)
          .value("momentum", momentum);
      if (optimizer.trim().equalsIgnoreCase("ddp-sgd")) DdpMixin.write(w, ddp.options());
      w.value("shard_size", shardSize).value("kernels", kernels.description())
          .value("jdk", VersionInfo.jdk()).value("samples_per_s", rate).value("ms_per_step", median)
          .value("cpu_ms_per_step", cpuMedian).beginArray("ms_per_step_runs");
      for (double m : ms) w.value(null, m);
      System.out.println(w.endArray().endObject());
    } else {
      System.out.printf(Locale.ROOT, "train %s batch %d, %d thread%s, %s, shard %d: %.1f samples/s, %.2f ms/step (median of %d)%n",
          a, batch, threads, threads == 1 ? "" : "s", kernels.description(), shardSize, rate, median, repeat);
    }
    return 0;
  }
}
