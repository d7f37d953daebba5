public class Gap {
  public static void main(String[] a) throws Exception {
    int threads = Integer.parseInt(a[0]);
    Thread[] ts = new Thread[threads];
    long[][] hist = new long[threads][8];
    for (int t = 0; t < threads; t++) {
      final int id = t;
      ts[t] = new Thread(() -> {
        long end = System.nanoTime() + 5_000_000_000L, last = System.nanoTime();
        while (true) {
          long now = System.nanoTime(); long g = now - last; last = now;
          if (now > end) break;
          int b = g < 1000 ? 0 : g < 5000 ? 1 : g < 10000 ? 2 : g < 20000 ? 3 : g < 50000 ? 4 : g < 100000 ? 5 : g < 1000000 ? 6 : 7;
          hist[id][b]++;
        }
      });
      ts[t].start();
    }
    for (Thread t : ts) t.join();
    for (int t = 0; t < threads; t++) System.out.println("thread " + t + " gaps <1,<5,<10,<20,<50,<100,<1000us,more (beyond <1: counts): " + java.util.Arrays.toString(hist[t]));
  }
}
