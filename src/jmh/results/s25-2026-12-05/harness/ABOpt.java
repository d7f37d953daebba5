import org.pathnorm.nn.*; import org.pathnorm.optim.*; import org.pathnorm.train.*; import org.pathnorm.data.*;
/** One 784-256-10 trainer on a 60,000-row random set (as s12's StepAB); applyAsDouble(n) runs n steps, returns ms a step. */
public class ABOpt implements java.util.function.IntToDoubleFunction {
  final Trainer t; final Dataset ds; final int[] idx; int s; final int n = 60000; final int batch;
  public ABOpt(String spec) {
    String[] sp = spec.split(":"); String th = sp[0]; Architecture arch = sp.length > 1 ? Architecture.parse(sp[1]) : new Architecture(784, 256, 10); batch = sp.length > 2 ? Integer.parseInt(sp[2]) : 64;
    int d = arch.inputs(); float[] x = new float[n * d]; int[] y = new int[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    for (int i = 0; i < n; i++) y[i] = r.nextInt(arch.outputs());
    ds = new Dataset("rand", x, y, d, arch.outputs());
    Network net = new Network(arch);
    Initializer.PYTORCH.initialize(net, 1);
    TrainingConfig cfg = TrainingConfig.builder().batch(batch).epochs(1).threads(Integer.parseInt(th)).build();
    t = new Trainer(net, OptimizerSpec.of(Method.valueOf(System.getProperty("ab.method", "SGD"))), Schedule.constant(0.01, 0.9), cfg);
    idx = Dataset.permutation(n, new java.util.SplittableRandom(2));
  }
  public double applyAsDouble(int steps) {
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++, s++) t.trainStep(ds, idx, (s * batch) % (n - batch), batch);
    return (System.nanoTime() - t0) / 1e6 / steps;
  }
}
