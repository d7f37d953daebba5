import org.pathnorm.nn.*; import org.pathnorm.optim.*; import org.pathnorm.train.*; import org.pathnorm.data.*;
public class StepAB {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]); int n = 60000, d = 784;
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Dataset ds = new Dataset("rand", x, y, d, 10);
    Network net = new Network(new Architecture(784, 256, 10));
    Initializer.PYTORCH.initialize(net, 1);
    TrainingConfig cfg = TrainingConfig.builder().batch(64).epochs(1).threads(threads).build();
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), cfg)) {
      int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
      for (int s = 0; s < 3000; s++) t.trainStep(ds, idx, (s * 64) % (n - 64), 64);
      double[] w = new double[12];
      for (int win = 0; win < w.length; win++) {
        long t0 = System.nanoTime();
        for (int s = 0; s < 500; s++) t.trainStep(ds, idx, ((s + win * 500) * 64) % (n - 64), 64);
        w[win] = (System.nanoTime() - t0) / 500e6;
      }
      java.util.Arrays.sort(w);
      System.out.printf("median %.4f ms/step (min %.4f)%n", (w[5] + w[6]) / 2, w[0]);
    }
  }
}
