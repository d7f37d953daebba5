import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
import org.pathnorm.data.*;
public class WarmLine {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]);
    int n = 60000, d = 784;
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Dataset ds = new Dataset("rand", x, y, d, 10);
    Network net = new Network(new Architecture(784, 256, 10));
    Initializer.PYTORCH.initialize(net, 1);
    TrainingConfig cfg = TrainingConfig.builder().batch(64).epochs(1).threads(threads).build();
    long t00 = System.nanoTime();
    int wr = Integer.parseInt(System.getProperty("warm","0")); if (wr > 0) { Warm.run(wr); System.out.printf("warm %.3f s%n", (System.nanoTime()-t00)/1e9); }
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), cfg)) {
      int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
      long t0 = System.nanoTime(); long ts = t0;
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < 1500; s++) {
        t.trainStep(ds, idx, (s * 64) % (n - 64), 64);
        if (s < 60 || s % 50 == 49) { long t1 = System.nanoTime(); sb.append(String.format("%.2f ", (t1 - t0) / (s < 60 ? 1e6 : 50e6))); t0 = t1; }
      }
      System.out.println((a.length>1?"":"ms/step: " + sb));
      System.out.printf("steps %.3f s%n", (System.nanoTime() - ts) / 1e9);
    }
  }
}
