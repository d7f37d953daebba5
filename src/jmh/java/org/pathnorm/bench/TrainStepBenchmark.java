package org.pathnorm.bench;

import java.util.concurrent.TimeUnit;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, loss, backward, SGD-momentum update) through {@link Trainer#trainStep}.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per step (0 expected).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBenchmark {
  @Param({"784-4000-4000-10"})
  public String arch;

  @Param({"64"})
  public int batch;

  @Param({"1"})
  public int threads;

  private Trainer trainer;
  private Dataset data;
  private int[] order;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Architecture a = Architecture.parse(arch);
    Network net = new Network(a);
    Initializer.GAUSSIAN.initialize(net, 1);
    var k = KernelSelection.kernels();
    trainer = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(batch).epochs(1).threads(threads).kernels(k).build());
    data = Synthetic.clusters(batch * 4, a.inputs(), a.outputs(), 7);
    order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    trainer.close();
  }

  @Benchmark
  public double step() {
    double loss = trainer.trainStep(data, order, next, batch);
    next = (next + batch) % data.size();
    return loss;
  }
}
