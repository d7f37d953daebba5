import java.util.concurrent.atomic.AtomicLong;
public class Ping {
  static final AtomicLong flag = new AtomicLong();
  public static void main(String[] x) throws Exception {
    int rounds = Integer.parseInt(x[0]);
    for (int r = 0; r < rounds; r++) {
      int n = 200_000;
      flag.set(0);
      Thread t = new Thread(() -> { for (long i = 1; i < 2L * n; i += 2) { while (flag.get() != i) Thread.onSpinWait(); flag.set(i + 1); } });
      t.start();
      long s = System.nanoTime();
      for (long i = 0; i < 2L * n; i += 2) { flag.set(i + 1); while (flag.get() != i + 2) Thread.onSpinWait(); }
      long e = System.nanoTime();
      t.join();
      System.out.printf("round trip %.0f ns%n", (e - s) / (double) n);
      Thread.sleep(500);
    }
  }
}
