import org.pathnorm.nn.*; import org.pathnorm.optim.*; import org.pathnorm.train.*; import org.pathnorm.data.*; import org.pathnorm.simd.*;
public class Denorm {
  public static void main(String[] a) throws Exception {
    Network n = new Network(Architecture.parse("784-256-10"));
    Initializer.GAUSSIAN.initialize(n, 1);
    Dataset data = Synthetic.clusters(256, 784, 10, 7);
    TrainingConfig cfg = TrainingConfig.builder().batch(64).epochs(1).threads(Integer.parseInt(a[0])).kernels(KernelSelection.kernels()).build();
    int[] order = new int[256]; for (int i = 0; i < 256; i++) order[i] = i;
    try (Trainer t = new Trainer(n, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), cfg)) {
      int next = 0;
      for (int w = 0; w < 10; w++) {
        long s = System.nanoTime();
        for (int i = 0; i < 500; i++, next = (next + 64) % 256) t.trainStep(data, order, next, 64);
        double ms = (System.nanoTime() - s) / 1e6 / 500;
        float[] v = t.optimizer().state().get("velocity");
        int sub = 0, zero = 0; for (float x : v) { if (x == 0) zero++; else if (Math.abs(x) < Float.MIN_NORMAL) sub++; }
        System.out.printf("UPTIME " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() + " steps %5d: %.3f ms/step, velocity subnormal %d zero %d of %d%n", (w + 1) * 500, ms, sub, zero, v.length);
      }
    }
  }
}
