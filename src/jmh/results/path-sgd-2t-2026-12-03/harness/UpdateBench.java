import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.simd.*;
import java.util.concurrent.ForkJoinPool;

public class UpdateBench {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]);
    Architecture arch = new Architecture(784, 4000, 4000, 10);
    Network net = new Network(arch);
    Initializer.PYTORCH.initialize(net, 1);
    Kernels k = KernelSelection.kernels();
    ForkJoinPool pool = threads > 1 ? org.pathnorm.linalg.WorkerPools.create(threads) : null;
    float[] g = new float[arch.parameters()];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < g.length; i++) g[i] = (float) (r.nextGaussian() * 1e-6);
    Optimizer sgd = OptimizerSpec.of(Method.SGD).create(net, Schedule.constant(1e-3, 0.9), k);
    Optimizer path = OptimizerSpec.of(Method.PATH_SGD).create(net, Schedule.constant(1e-9, 0.9), k);
    Optimizer pathRare = OptimizerSpec.of(Method.PATH_SGD).withKappaEvery(1000000).create(net, Schedule.constant(1e-9, 0.9), k);
    if (pool != null) { sgd.useThreads(pool); path.useThreads(pool); pathRare.useThreads(pool); }
    int n = g.length, CH = 1 << 16;
    java.util.List<Double> ts = new java.util.ArrayList<>(), tp = new java.util.ArrayList<>(), tr = new java.util.ArrayList<>();
    for (int rep = 0; rep < 60; rep++) {
      for (Optimizer o : new Optimizer[] {sgd, path, pathRare}) {
        long t0 = System.nanoTime();
        for (int it = 0; it < 5; it++) {
          o.beginStep(net);
          float[] p = net.parameters();
          if (pool == null || o.updatesWhole()) o.update(p, g, 0, n);
          else {
            pool.submit(() -> java.util.stream.IntStream.range(0, (n + CH - 1) / CH).parallel().forEach(c -> o.update(p, g, c * CH, Math.min(n, c * CH + CH)))).get();
          }
        }
        double ms = (System.nanoTime() - t0) / 5e6;
        if (rep >= 20) (o == sgd ? ts : o == path ? tp : tr).add(ms);
      }
    }
    java.util.Collections.sort(ts); java.util.Collections.sort(tp); java.util.Collections.sort(tr);
    System.out.printf("threads %d: sgd update %.2f ms, path-sgd update %.2f ms, path-sgd kappa-every 1e6 %.2f ms (medians of 40)%n", threads, ts.get(20), tp.get(20), tr.get(20));
    if (pool != null) pool.shutdown();
  }
}
