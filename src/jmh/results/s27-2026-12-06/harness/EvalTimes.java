import org.pathnorm.data.*;
import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
public class EvalTimes {
  public static void main(String[] a) throws Exception {
    DatasetSpec.Splits s = DatasetSpec.load("fashion-mnist", 0);
    Network net = new Network(Architecture.parse("784-256-10"));
    Initializer.GAUSSIAN.initialize(net, 1);
    int threads = Integer.parseInt(a[0]);
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.01, 0.9),
        TrainingConfig.builder().batch(64).epochs(1).threads(threads).seed(1).build())) {
      int[] order = new int[s.train().size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      for (int first = 0; first + 64 <= 64 * 400; first += 64) t.trainStep(s.train(), order, first, 64);
      for (int w = 0; w < 6; w++) t.evaluate(s.train());
      double[] times = new double[15];
      for (int r = 0; r < times.length; r++) {
        long t0 = System.nanoTime();
        t.evaluate(s.train()); t.evaluate(s.test());
        times[r] = (System.nanoTime() - t0) / 1e6;
      }
      java.util.Arrays.sort(times);
      System.out.printf("chunk %s threads %d: eval pass median %.1f ms (min %.1f)%n", System.getProperty("pathnorm.evalChunk", "256"), threads, times[7], times[0]);
    }
  }
}
