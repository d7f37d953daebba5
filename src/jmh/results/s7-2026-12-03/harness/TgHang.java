import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.pathnorm.linalg.*;
public class TgHang {
  static final class Count extends RecursiveAction {
    final AtomicIntegerArray runs; final int slot, spin; volatile long sink;
    Count(AtomicIntegerArray runs, int slot, int spin) { this.runs = runs; this.slot = slot; this.spin = spin; }
    @Override protected void compute() { long s = slot; for (int i = 0; i < spin; i++) s = s * 6364136223846793005L + 1442695040888963407L; sink = s; runs.incrementAndGet(slot); }
  }
  static volatile String where = "";
  static volatile ForkJoinPool current;
  public static void main(String[] a) throws Exception {
    int iters = Integer.parseInt(a[0]);
    Thread wd = new Thread(() -> {
      String last = ""; int same = 0;
      while (true) {
        try { Thread.sleep(5000); } catch (InterruptedException e) { return; }
        String w = where;
        if (w.equals(last)) { if (++same >= 2) { System.out.println("HANG at " + w + " pool " + current); Runtime.getRuntime().halt(3); } } else { same = 0; last = w; }
      }
    });
    wd.setDaemon(true); wd.start();
    for (int it = 0; it < iters; it++) {
      int pi = 0;
      for (ForkJoinPool p : new ForkJoinPool[] {WorkerPools.create(2), WorkerPools.create(3), new ForkJoinPool(2)}) {
        current = p;
        TaskGroup group = new TaskGroup();
        for (int count : new int[] {1, 2, 3, 7, 33}) for (int spin : new int[] {0, 20_000}) {
          AtomicIntegerArray runs = new AtomicIntegerArray(40);
          Count[] tasks = new Count[40]; for (int i = 0; i < 40; i++) tasks[i] = new Count(runs, i, spin);
          int regions = spin == 0 ? 2000 : 50;
          for (int r = 0; r < regions; r++) { where = "it " + it + " pool " + pi + " count " + count + " spin " + spin + " region " + r; group.invokeOn(p, tasks, count); }
        }
        p.shutdown();
        pi++;
      }
      if (it % 20 == 0) System.out.println("iteration " + it + " ok");
    }
    System.out.println("done");
  }
}
