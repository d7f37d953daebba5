package org.pathnorm.experiments;

import java.util.List;

/**
 * What one task of a sweep's job array asks the scheduler for, estimated from its cells: the number of tasks
 * (⌈cells / cellsPerTask⌉, cells dealt round-robin as {@link Shard} does), CPUs, memory and a time limit.
 * <ul>
 *   <li>Work of a cell, in floating-point operations: a feedforward run costs 6·P per sample and epoch (forward
 *       and backward through P parameters) plus 2·P per evaluated sample; a recurrent one 6·L·(d·h + d·h²)
 *       per sample and epoch (d steps of an L-layer, h-unit net, one input per step: an upper estimate); measures
 *       add their passes (sharpness ascent and PAC-Bayes samples). The time limit is
 *       3 × the largest task's work at 2·10⁹ flop/s per CPU, plus 10 minutes,
 *       rounded up to 5 minutes: a generous bound for small nets, which run far below the machines' peak.</li>
 *   <li>CPUs: 1 while P × batch &lt; 2²⁴ (one shard on the calling thread), 2 below 2¹⁸ parameters (two data-parallel
 *       shards), else 4 (parallel GEMMs); the largest cell decides.</li>
 *   <li>Memory: the JVM's heap holds the data (train and test, float32, twice: read and transformed), 8 copies of the
 *       parameters (weights, init, gradients per shard, optimiser state, best) and the activations of a batch; the
 *       task asks for 1.25 × heap + 256 MiB (metaspace, code, stacks), rounded up to 256 MiB, at least 1 GiB.</li>
 * </ul>
 *
 * @param heapMiB the JVM's {@code -Xmx}, in MiB
 */
public record TaskResources(int tasks, int cellsPerTask, int cpus, long memoryMiB, long heapMiB, long minutes) {
  static final double FLOPS_PER_CPU = 2e9;
  static final double SAFETY = 3;

  /** The size of the reproduction's dataset: training and test samples, features per sample. */
  public record DataShape(int trainSamples, int testSamples, int dimension) {}

  /**
   * Estimates the resources of {@code reproduction}'s cells in tasks of at most {@code cellsPerTask} cells;
   * {@code cpus} &gt; 0 overrides the CPU estimate.
   */
  public static TaskResources estimate(Reproduction reproduction, DataShape data, int cellsPerTask, int cpus) {
    return estimate(reproduction.cells(), data, cellsPerTask, cpus);
  }

  static TaskResources estimate(List<Cell> cells, DataShape data, int cellsPerTask, int cpusOverride) {
    if (cellsPerTask < 1) throw new IllegalArgumentException("--cells-per-task: expected an integer >= 1, got " + cellsPerTask);
    if (cpusOverride < 0) throw new IllegalArgumentException("--cpus-per-task: expected an integer >= 1, got " + cpusOverride);
    if (cells.isEmpty()) throw new IllegalArgumentException("the reproduction has no cells");
    int tasks = (cells.size() + cellsPerTask - 1) / cellsPerTask;
    int cpus = 1;
    long heapBytes = 0;
    double[] work = new double[tasks];
    for (int i = 0; i < cells.size(); i++) {
      CellSpec spec = cells.get(i).spec();
      int samples = samples(spec, data);
      long params;
      double flops;
      int batch;
      int activations;
      if (spec instanceof RunSpec r) {
        params = r.arch().parameters();
        batch = r.batch();
        activations = 0;
        for (int w : r.arch().widths()) activations += w;
        flops = (double) r.epochs() * (6.0 * params * samples + 2.0 * params * (data.testSamples() + r.transforms().validation()))
            + measuresFlops(r.measures(), params, samples);
      } else if (spec instanceof ConvRunSpec r) {
        params = r.parameters();
        batch = r.batch();
        long macs = r.macsPerSample();
        activations = (int) Math.min(Integer.MAX_VALUE, 4L * data.dimension() * 64);
        flops = (double) r.epochs() * (6.0 * macs * samples + 2.0 * macs * (data.testSamples() + r.transforms().validation()))
            + measuresFlops(r.measures(), macs, samples);
      } else {
        RecurrentRunSpec r = (RecurrentRunSpec) spec;
        long h = r.hidden();
        params = r.layers() * (h * h + 2 * h) + h * 10L;
        batch = r.batch();
        activations = (int) Math.min(Integer.MAX_VALUE, (long) data.dimension() * h * r.layers());
        flops = 6.0 * r.epochs() * samples * r.layers() * ((double) data.dimension() * h + (double) data.dimension() * h * h);
      }
      work[i % tasks] += flops;
      if ((double) params * batch >= (1 << 24)) cpus = Math.max(cpus, params < (1 << 18) ? 2 : 4);
      long bytes = 2L * ((long) data.trainSamples() + data.testSamples()) * data.dimension() * Float.BYTES + 8L * params * Float.BYTES
          + 4L * batch * activations * Float.BYTES;
      heapBytes = Math.max(heapBytes, bytes);
    }
    if (cpusOverride > 0) cpus = cpusOverride;
    double largest = 0;
    for (double w : work) largest = Math.max(largest, w);
    long minutes = 10 + (long) Math.ceil(SAFETY * largest / (FLOPS_PER_CPU * cpus) / 60);
    minutes = (minutes + 4) / 5 * 5;
    long heapMiB = Math.max(512, (heapBytes + (1 << 20) - 1) >> 20);
    long memoryMiB = Math.max(1024, ((long) Math.ceil(1.25 * heapMiB) + 256 + 255) / 256 * 256);
    heapMiB = (memoryMiB - 256) * 4 / 5;
    return new TaskResources(tasks, cellsPerTask, cpus, memoryMiB, heapMiB, minutes);
  }

  /** Training samples of a cell: its subset, else the training set less the validation split. */
  private static int samples(CellSpec spec, DataShape data) {
    var t = spec instanceof RunSpec r ? r.transforms() : spec instanceof ConvRunSpec c ? c.transforms() : ((RecurrentRunSpec) spec).transforms();
    return t.subset() > 0 ? t.subset() : Math.max(1, data.trainSamples() - t.validation());
  }

  private static double measuresFlops(String measures, long params, int samples) {
    return switch (measures) {
      case "none" -> 0;
      case "cheap", "conditions" -> 10.0 * params * samples;
      default -> (2000.0 * 64 * 6 + 1000.0 * 2 * samples) * params;  // sharpness ascent, PAC-Bayes samples
    };
  }

  /** The time limit as Slurm's {@code --time} writes it, {@code D-HH:MM:00}. */
  public String slurmTime() {
    return String.format(java.util.Locale.ROOT, "%d-%02d:%02d:00", minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
  }
}
