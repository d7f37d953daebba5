import org.pathnorm.simd.T8;
public class TT {
  public static void main(String[] x) {
    float[] a = new float[8 * 784], d = new float[32 * 800 + 64];
    for (int r = 0; r < 6; r++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 20000; i++) for (int c = 0; c + 16 <= 784; c += 16) T8.columns(a, c, 784, d, c * 32, 32);
      long t1 = System.nanoTime();
      for (int i = 0; i < 20000; i++) for (int c = 0; c + 16 <= 784; c += 16) T8.columnsFull(a, c, 784, d, c * 32, 32);
      long t2 = System.nanoTime();
      for (int i = 0; i < 20000; i++) for (int c = 0; c + 16 <= 784; c += 16) T8.kMajor(a, c, 784, d, c * 8);
      long t3 = System.nanoTime();
      System.out.printf("masked %.1f ns/block  full %.1f  kMajor %.1f%n", (t1-t0)/20000.0/49, (t2-t1)/20000.0/49, (t3-t2)/20000.0/49);
    }
  }
}
