package org.pathnorm;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Synthetic;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.linalg.WorkerPools;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.ModelWorkspace;
import org.pathnorm.nn.Network;
import org.pathnorm.optim.PathKappa;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/**
 * Paired timings inside one JVM for issue 15, alternating the two variants so that a loaded machine's
 * drift hits both alike (medians of REPS):
 * <ul>
 *   <li>{@code eval}: one forward evaluation pass (loss and errors) of 784-256-10 over 60,000 samples
 *       on one thread, in chunks of 256 rows (the old chunk) and 1024 (the new one);</li>
 *   <li>{@code kappa}: Path-SGD's κ of 784-4000-4000-10 on the calling thread and on a pool of 2.</li>
 * </ul>
 * Run: {@code javac -d /tmp/sc -cp target/classes --add-modules jdk.incubator.vector src/jmh/java/org/pathnorm/SpeedChecks.java &&
 * java --add-modules jdk.incubator.vector -cp target/classes:/tmp/sc org.pathnorm.SpeedChecks eval|kappa REPS}
 */
public final class SpeedChecks {
  public static void main(String[] args) {
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    if (args[0].equals("eval")) eval(reps);
    else kappa(reps);
  }

  static void eval(int reps) {
    Kernels k = KernelSelection.kernels();
    Network net = new Network(Architecture.parse("784-256-10"));
    Initializer.GAUSSIAN.initialize(net, 1);
    Dataset data = Synthetic.clusters(60_000, 784, 10, 1);
    double[] a = new double[reps], b = new double[reps];
    double[] va = null, vb = null;
    for (int w = 0; w < 3; w++) {
      va = evaluate(net, data, 256, k);
      vb = evaluate(net, data, 1024, k);
    }
    for (int r = 0; r < reps; r++) {
      boolean first = r % 2 == 0;
      if (first) a[r] = time(() -> evaluate(net, data, 256, k));
      b[r] = time(() -> evaluate(net, data, 1024, k));
      if (!first) a[r] = time(() -> evaluate(net, data, 256, k));
    }
    report("eval 784-256-10 x 60000, 1 thread: chunk 256", a, "chunk 1024", b);
    System.out.printf("values: chunk 256 loss %.12f err %.6f; chunk 1024 loss %.12f err %.6f%n", va[0], va[1], vb[0], vb[1]);
  }

  static double[] evaluate(Network net, Dataset data, int chunk, Kernels k) {
    ModelWorkspace ws = net.newWorkspace(chunk, k, new Gemm(k, null));
    int d = data.dimension();
    double sum = 0;
    long errors = 0;
    for (int first = 0; first < data.size(); first += chunk) {
      int rows = Math.min(chunk, data.size() - first);
      float[] out = ws.forward(net, data.features(), first * d, rows);
      sum += Loss.CROSS_ENTROPY.evaluate(out, rows, 10, data.labels(), first, 1f, null);
      errors += Loss.errors(out, rows, 10, data.labels(), first);
    }
    return new double[] {sum / data.size(), errors / (double) data.size()};
  }

  static void kappa(int reps) {
    Kernels k = KernelSelection.kernels();
    Architecture arch = Architecture.parse("784-4000-4000-10");
    Network net = new Network(arch);
    Initializer.GAUSSIAN.initialize(net, 1);
    float[] p = net.parameters();
    PathKappa one = new PathKappa(arch, k);
    PathKappa two = new PathKappa(arch, k);
    ForkJoinPool pool = WorkerPools.create(2);
    two.useThreads(pool);
    for (int w = 0; w < 5; w++) {
      one.compute(p);
      two.compute(p);
    }
    double[] a = new double[reps], b = new double[reps];
    for (int r = 0; r < reps; r++) {
      boolean first = r % 2 == 0;
      if (first) a[r] = time(() -> one.compute(p));
      b[r] = time(() -> two.compute(p));
      if (!first) a[r] = time(() -> one.compute(p));
    }
    pool.shutdown();
    report("kappa 784-4000-4000-10: 1 thread", a, "pool of 2", b);
  }

  static double time(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) * 1e-9;
  }

  static void report(String na, double[] a, String nb, double[] b) {
    double[] ratio = new double[a.length];
    for (int i = 0; i < a.length; i++) ratio[i] = a[i] / b[i];
    System.out.printf("%s: median %.4f s; %s: median %.4f s; ratio (first/second) median %.3f, per pair %s%n", na, median(a), nb, median(b),
        median(ratio), Arrays.toString(Arrays.stream(ratio).map(x -> Math.round(x * 100) / 100.0).toArray()));
  }

  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
