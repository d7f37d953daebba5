import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
import org.pathnorm.data.*;
public class Switch {
  public static void main(String[] a) throws Exception {
    int serial = Integer.parseInt(a[0]);
    int n = 60000, d = 784;
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Dataset ds = new Dataset("rand", x, y, d, 10);
    Network net = new Network(new Architecture(784, 256, 10));
    Initializer.PYTORCH.initialize(net, 1);
    Trainer t1 = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(64).epochs(1).threads(1).build());
    Trainer t2 = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(64).epochs(1).threads(2).build());
    int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
    long t0 = System.nanoTime(); long tm = 0;
    for (int s = 0; s < 2000; s++) {
      (s < serial ? t1 : t2).trainStep(ds, idx, (s * 64) % (n - 64), 64);
      if (s == 999) tm = System.nanoTime();
    }
    long te = System.nanoTime();
    System.out.printf("serial %d: first 1000 steps %.3f s, next 1000 %.3f s%n", serial, (tm - t0) / 1e9, (te - tm) / 1e9);
    t1.close(); t2.close();
  }
}
