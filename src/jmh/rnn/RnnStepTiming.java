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
 * Training throughput of a ReLU RNN (nn.RNN semantics) + linear read-out on the addition problem, 1
 * thread: sequences per second of full steps (forward, BPTT, clipping at global norm 1, update).
 * Usage: java --add-modules jdk.incubator.vector -cp target/classes RnnStepTiming.java T H BATCH METHOD SECONDS
 * METHOD: sgd (momentum 0.9, clipping) or path-sgd (RNN-Path, momentum 0.9, same clipping).
 */
public class RnnStepTiming {
  public static void main(String[] a) {
    int steps = Integer.parseInt(a[0]), hidden = Integer.parseInt(a[1]), batch = Integer.parseInt(a[2]);
    Method method = Method.parse(a[3]);
    double seconds = Double.parseDouble(a[4]);
    Dataset data = DatasetSpec.load("addition:steps=" + steps + ",train=" + (8 * batch) + ",test=1,seed=1", 0).train();
    int[] order = new int[data.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Sequential m = RecurrentModels.build(steps, 2, new int[] {hidden}, Recurrent.Activation.RELU, RecurrentModels.Readout.LAST_STEP, 1,
        RecurrentInit.IRNN, 1);
    TrainingConfig c = TrainingConfig.builder().batch(batch).epochs(1).threads(1).loss(Loss.SQUARED_ERROR)
        .clipping(new GradientClipping.GlobalNorm(1)).kernels(KernelSelection.kernels()).build();
    try (Trainer t = new Trainer(m, OptimizerSpec.of(method), Schedule.constant(1e-6, 0.9), c)) {
      long end = System.nanoTime() + (long) (seconds / 3 * 1e9);
      int s = 0;
      while (System.nanoTime() < end) t.trainStep(data, order, batch * (s++ % 8), batch);   // warm-up: a third of the time
      long start = System.nanoTime();
      end = start + (long) (seconds * 2 / 3 * 1e9);
      int n = 0;
      while (System.nanoTime() < end) {
        t.trainStep(data, order, batch * (n++ % 8), batch);
      }
      double el = (System.nanoTime() - start) * 1e-9;
      System.out.printf(java.util.Locale.ROOT, "{\"impl\":\"pathnorm\",\"method\":\"%s\",\"T\":%d,\"H\":%d,\"batch\":%d,\"steps\":%d,"
          + "\"seq_per_s\":%.1f}%n", method.label(), steps, hidden, batch, n, n * batch / el);
    }
  }
}
