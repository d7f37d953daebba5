package org.pathnorm.train;
import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.data.*;
/** Two trainers on 2 threads in one JVM, the thread choice on (A) and off (B), alternating ABBA windows of 300 steps. */
public class AdaptAB {
  public static void main(String[] a) throws Exception {
    int windows = Integer.parseInt(a[0]);
    int n = 60000, d = 784;
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    Dataset ds = new Dataset("rand", x, y, d, 10);
    Trainer[] t = new Trainer[2];
    for (int k = 0; k < 2; k++) {
      Network net = new Network(new Architecture(784, 256, 10));
      Initializer.PYTORCH.initialize(net, 1);
      t[k] = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(64).epochs(1).threads(2).build());
    }
    ThreadChoice choice = t[0].useThreadChoice(ThreadChoice.Settings.DEFAULTS);
    t[1].useThreadChoice(null);
    int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
    int s = 0;
    for (; s < 2000; s++) { t[0].trainStep(ds, idx, (s * 64) % (n - 64), 64); t[1].trainStep(ds, idx, (s * 64) % (n - 64), 64); }
    StringBuilder sb = new StringBuilder();
    for (int w = 0; w < windows; w++) {
      int which = (w / 2) % 2 == 0 ? w % 2 : 1 - w % 2;
      long t0 = System.nanoTime();
      for (int q = 0; q < 300; q++, s++) t[which].trainStep(ds, idx, (s * 64) % (n - 64), 64);
      sb.append(which).append(' ').append(String.format("%.4f", (System.nanoTime() - t0) / 300e6)).append(which == 0 ? (choice.serial() ? " serial" : " pool") : "").append('\n');
    }
    System.out.print(sb);
    System.err.println("switches " + choice.switches());
    t[0].close(); t[1].close();
  }
}
