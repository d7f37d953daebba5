package org.pathnorm.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.Optimizer;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;

/**
 * One optimiser update of the whole parameter vector, alone: {@code beginStep} then one
 * {@code update} over all parameters, with a fixed gradient, as the trainer calls it on one thread
 * (Path-SGD then also computes the next step's κ inside the update). One thread only: on a pool the
 * trainer splits SGD's update itself. Isolates what Path-SGD's step
 * costs over SGD's from the rest of a training step (BENCHMARKS.md, issue 15, tenth session).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class OptimizerUpdateBenchmark {
  @Param({"784-4000-4000-10"})
  public String arch;

  @Param({"sgd", "path-sgd"})
  public String optimizer;

  private Network net;
  private Optimizer opt;
  private float[] grad;

  @Setup(Level.Trial)
  public void setUp() {
    net = new Network(Architecture.parse(arch));
    float[] p = net.parameters();
    grad = new float[p.length];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (r.nextGaussian() * 0.02);
      grad[i] = (float) (r.nextGaussian() * 1e-4);
    }
    opt = OptimizerSpec.of(Method.parse(optimizer)).create(net, Schedule.constant(1e-3, 0.9), KernelSelection.kernels());
  }

  @Benchmark
  public float update() {
    opt.beginStep(net);
    opt.update(net.parameters(), grad, 0, grad.length);
    return net.parameters()[0];
  }
}
