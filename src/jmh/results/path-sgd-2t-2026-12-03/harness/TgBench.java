import java.util.concurrent.*;
import org.pathnorm.linalg.*;
public class TgBench {
  static volatile long sink;
  static final class Work extends RecursiveAction {
    int n; Work(int n) { this.n = n; }
    @Override protected void compute() { long s = 0; for (int i = 0; i < n; i++) s += i * 31L ^ s; sink = s; }
  }
  public static void main(String[] a) {
    ForkJoinPool pool = WorkerPools.create(2);
    TaskGroup g = new TaskGroup();
    for (int n : new int[] {0, 10000, 100000}) {
      RecursiveAction[] t = {new Work(n), new Work(n)};
      for (int w = 0; w < 20000; w++) g.invokeOn(pool, t, 2);
      long t0 = System.nanoTime();
      int reps = 20000;
      for (int r = 0; r < reps; r++) g.invokeOn(pool, t, 2);
      double par = (System.nanoTime() - t0) / 1e3 / reps;
      t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) { t[0].reinitialize(); t[0].invoke(); t[1].reinitialize(); t[1].invoke(); }
      double ser = (System.nanoTime() - t0) / 1e3 / reps;
      System.out.printf("work %d: invokeOn 2 tasks %.1f us, serial %.1f us%n", n, par, ser);
    }
    pool.shutdown();
  }
}
