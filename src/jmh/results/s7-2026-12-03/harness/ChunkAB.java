import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
import org.pathnorm.data.*;
/** One 2-thread trainer; ABBA windows of 300 steps with 4 equal update chunks (0) or chunks of 65,536 (1). */
public class ChunkAB {
  public static void main(String[] a) throws Exception {
    int windows = Integer.parseInt(a[0]);
    java.lang.reflect.Field f = Trainer.class.getDeclaredField("EQUAL_CHUNKS");
    f.setAccessible(true);
    int n = 20000, d = 784;
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Dataset ds = new Dataset("rand", x, y, d, 10);
    Network net = new Network(new Architecture(784, 256, 10));
    Initializer.PYTORCH.initialize(net, 1);
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(64).epochs(1).threads(2).build())) {
      int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
      int s = 0;
      for (; s < 3000; s++) { f.setBoolean(null, s % 2 == 0); t.trainStep(ds, idx, (s * 64) % (n - 64), 64); }
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < windows; w++) {
        int which = (w / 2) % 2 == 0 ? w % 2 : 1 - w % 2;
        f.setBoolean(null, which == 0);
        long t0 = System.nanoTime();
        for (int q = 0; q < 300; q++, s++) t.trainStep(ds, idx, (s * 64) % (n - 64), 64);
        sb.append(which).append(' ').append(String.format("%.5f", (System.nanoTime() - t0) / 300e6)).append('\n');
      }
      System.out.print(sb);
    }
  }
}
