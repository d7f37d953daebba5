import java.util.SplittableRandom;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.Loss;
import org.pathnorm.nn.Recurrent;
import org.pathnorm.nn.RecurrentInit;
import org.pathnorm.nn.RecurrentModels;
import org.pathnorm.nn.Sequential;
import org.pathnorm.optim.Method;
import org.pathnorm.optim.OptimizerSpec;
import org.pathnorm.optim.Schedule;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.train.GradientClipping;
import org.pathnorm.train.Trainer;
import org.pathnorm.train.TrainingConfig;

/**
 * Training throughput of a ReLU RNN (nn.RNN semantics) + linear read-out, 1 thread: sequences per second
 * of full steps (forward, BPTT, clipping at global norm 1, update), by the wall clock and by the calling
 * thread's CPU time (which the steps run on), on one of three tasks:
 * <ul>
 *   <li>{@code addition}: the addition problem (D = 2), squared error at the last step;</li>
 *   <li>{@code seq}: sequential-MNIST shapes (D = 1, 10 classes, cross-entropy at the last step) on
 *       random pixels (the step's cost does not depend on the pixel values);</li>
 *   <li>{@code lm}: character-LM shapes (one-hot over V = 50 symbols in, 50 classes out, cross-entropy
 *       at every step) on random symbols.</li>
 * </ul>
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes RnnStepTiming.java TASK T H BATCH METHOD SECONDS
 * ({@code -Dthreads=N} trains on N threads, default 1, and then the CPU-time figure counts the calling
 * thread only; {@code -Dshard=S} sets the shard size, default 0: the trainer's automatic policy)
 * METHOD: sgd (momentum 0.9, clipping) or path-sgd (RNN-Path, momentum 0.9, same clipping).
 */
public class RnnStepTiming {
  static final int SYMBOLS = 50;

  public static void main(String[] a) {
    String task = a[0];
    int steps = Integer.parseInt(a[1]), hidden = Integer.parseInt(a[2]), batch = Integer.parseInt(a[3]);
    Method method = Method.parse(a[4]);
    double seconds = Double.parseDouble(a[5]);
    int n = 8 * batch;
    SplittableRandom r = new SplittableRandom(1);
    Dataset data;
    Sequential m;
    Loss loss;
    switch (task) {
      case "addition" -> {
        data = DatasetSpec.load("addition:steps=" + steps + ",train=" + n + ",test=1,seed=1", 0).train();
        m = RecurrentModels.build(steps, 2, new int[] {hidden}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
            RecurrentInit.IRNN, 1);
        loss = Loss.SQUARED_ERROR;
      }
      case "seq" -> {
        float[] x = new float[n * steps];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
        data = new Dataset("seq-random", x, y, steps, 10);
        m = RecurrentModels.build(steps, 1, new int[] {hidden}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 10,
            RecurrentInit.IRNN, 1);
        loss = Loss.CROSS_ENTROPY;
      }
      case "lm" -> {
        float[] x = new float[n * steps * SYMBOLS];
        int[] y = new int[n * steps];
        for (int i = 0; i < n * steps; i++) {
          x[i * SYMBOLS + r.nextInt(SYMBOLS)] = 1f;
          y[i] = r.nextInt(SYMBOLS);
        }
        data = new Dataset("lm-random", x, y, steps * SYMBOLS, SYMBOLS, null, steps);
        m = RecurrentModels.build(steps, SYMBOLS, new int[] {hidden}, Recurrent.Activation.RELU, RecurrentModels.Readout.EVERY_STEP,
            SYMBOLS, RecurrentInit.IRNN, 1);
        loss = Loss.CROSS_ENTROPY;
      }
      default -> throw new IllegalArgumentException("TASK: expected addition, seq or lm, got '" + task + "'");
    }
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    TrainingConfig c = TrainingConfig.builder().batch(batch).epochs(1).threads(Integer.getInteger("threads", 1)).shardSize(Integer.getInteger("shard", 0)).loss(loss)
        .clipping(new GradientClipping.GlobalNorm(1)).kernels(KernelSelection.kernels()).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(method), Schedule.constant(1e-6, 0.9), c)) {
      long end = System.nanoTime() + (long) (seconds / 3 * 1e9);
      int s = 0;
      while (System.nanoTime() < end) t.trainStep(data, order, batch * (s++ % 8), batch);   // warm-up: a third of the time
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu = mx.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      end = start + (long) (seconds * 2 / 3 * 1e9);
      int k = 0;
      while (System.nanoTime() < end) {
        t.trainStep(data, order, batch * (k++ % 8), batch);
      }
      double el = (System.nanoTime() - start) * 1e-9;
      double cpuEl = (mx.getCurrentThreadCpuTime() - cpu) * 1e-9;
      System.out.printf(java.util.Locale.ROOT, "{\"impl\":\"pathnorm\",\"task\":\"%s\",\"method\":\"%s\",\"T\":%d,\"H\":%d,\"batch\":%d,"
          + "\"steps\":%d,\"seq_per_s\":%.1f,\"cpu_seq_per_s\":%.1f}%n", task, method.label(), steps, hidden, batch, k, k * batch / el,
          k * batch / cpuEl);
    }
  }
}
