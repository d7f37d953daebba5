import org.pathnorm.data.*;
import org.pathnorm.nn.*;
import org.pathnorm.optim.*;
import org.pathnorm.train.*;
public class StepTimes {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    DatasetSpec.Splits s = DatasetSpec.load("fashion-mnist", 0);
    System.out.printf("read %.3f%n", (System.nanoTime() - t0) / 1e9);
    Network net = new Network(Architecture.parse("784-256-10"));
    Initializer.GAUSSIAN.initialize(net, 1);
    int threads = Integer.parseInt(a[0]);
    try (Trainer t = new Trainer(net, OptimizerSpec.of(Method.parse("sgd")), Schedule.constant(0.01, 0.9),
        TrainingConfig.builder().batch(64).epochs(2).threads(threads).seed(1).build())) {
      long[] marks = {1, 50, 100, 150, 165, 170, 180, 200, 250, 300, 400, 600, 938, 1100, 1300, 1500, 1876};
      t.addListener(new TrainingListener() {
        int m = 0; long start = System.nanoTime(); long last = start; long lastStep = 0; { System.out.println("fitstart-ns " + start); }
        @Override public void onStep(Trainer tr, int epoch, long step, double loss, int se, int es, double el) {
          if (m < marks.length && step == marks[m]) {
            long now = System.nanoTime();
            System.out.printf("step %5d at %.3f s (%.2f ms/step since %d) ns %d%n", step, (now - start) / 1e9, (now - last) / 1e6 / (step - lastStep), lastStep, now);
            last = now; lastStep = step; m++;
          }
        }
      });
      t.fit(s.train(), null, s.test());
    }
  }
}
