import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
import org.pathnorm.data.*;
/** One trainer, 1 thread; ABBA windows of 300 steps with B packed panel by panel for small spans (0) or always k-row by k-row (1). */
public class PackAB {
  public static void main(String[] a) throws Exception {
    String arch = a[0]; int batch = Integer.parseInt(a[1]); int windows = Integer.parseInt(a[2]);
    java.lang.reflect.Field f = Class.forName("org.pathnorm.simd.PanamaGemmKernel").getDeclaredField("panelMajorMaxSpan");
    f.setAccessible(true);
    long[] span = {64 * 1024, 0};
    Architecture ar = Architecture.parse(arch);
    int n = 20000, d = ar.inputs();
    float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(ar.outputs());
    Dataset ds = new Dataset("rand", x, y, d, ar.outputs());
    Network net = new Network(ar);
    Initializer.PYTORCH.initialize(net, 1);
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), TrainingConfig.builder().batch(batch).epochs(1).threads(1).build())) {
      int[] idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
      int s = 0;
      for (; s < 3000; s++) t.trainStep(ds, idx, (s * batch) % (n - batch), batch);
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < windows; w++) {
        int which = (w / 2) % 2 == 0 ? w % 2 : 1 - w % 2;
        f.setLong(null, span[which]);
        long t0 = System.nanoTime();
        for (int q = 0; q < 300; q++, s++) t.trainStep(ds, idx, (s * batch) % (n - batch), batch);
        sb.append(which).append(' ').append(String.format("%.5f", (System.nanoTime() - t0) / 300e6)).append('\n');
      }
      System.out.print(sb);
    }
  }
}
