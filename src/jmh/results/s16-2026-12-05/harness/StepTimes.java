import org.pathnorm.data.DatasetSpec;
import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;

public class StepTimes {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int threads = Integer.parseInt(args[0]);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    int[] wsteps = {0};
    Thread warm = new Thread(() -> {
      try {
        DatasetSpec.Splits syn = DatasetSpec.load(System.getProperty("wdata","synthetic:n=480,d=300,c=10"), 0);
        Network wn = Network.builder(Architecture.parse(System.getProperty("warch","300-64-10"))).init(Initializer.GAUSSIAN, 1).build();
        TrainingConfig wc = TrainingConfig.builder().batch(Integer.getInteger("wbatch",24)).epochs(1000).threads(1).build();
        try (Trainer wt = new Trainer(wn, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), wc)) {
          wt.addListener(new TrainingListener() {
            @Override public void onStep(Trainer tr, int epoch, long step, double loss, int s, int tot, double el) { wsteps[0]++; if (stop.get()) throw new RuntimeException("stop"); }
          });
          wt.fit(syn.train(), null, syn.test());
        }
      } catch (Exception e) { }
    });
    warm.setDaemon(true);
    if (Boolean.getBoolean("warm")) warm.start();
    DatasetSpec.Splits data = DatasetSpec.load("fashion-mnist", 0);
    long t1 = System.nanoTime();
    stop.set(true);
    Network net = Network.builder(Architecture.parse("784-256-10")).init(Initializer.GAUSSIAN, 1).build();
    TrainingConfig config = TrainingConfig.builder().batch(64).epochs(Integer.parseInt(args[1])).threads(threads).build();
    long[] times = new long[20000];
    int[] n = {0};
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.SGD), Schedule.constant(0.01, 0.9), config)) {
      t.addListener(new TrainingListener() {
        @Override public void onStep(Trainer tr, int epoch, long step, double loss, int s, int tot, double el) { if (n[0] < times.length) times[n[0]++] = System.nanoTime(); }
      });
      long ts = System.nanoTime();
      t.fit(data.train(), null, data.test());
      long prev = ts;
      StringBuilder sb = new StringBuilder(String.format("read %.3f warm steps %d%n", (t1 - t0) / 1e9, wsteps[0]));
      int g = Integer.getInteger("g", 10); for (int i = g - 1; i < Math.min(n[0], 1900); i += g) { sb.append(String.format("%4d %.2f ms/step  at %.3f%n", i + 1, (times[i] - prev) / 1e6 / g, (times[i]-t0)/1e9)); prev = times[i]; }
      sb.append("warm steps at end " + wsteps[0] + " alive " + warm.isAlive() + "\n"); System.out.print(sb);
    }
  }
}
