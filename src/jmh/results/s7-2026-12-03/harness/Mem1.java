public class Mem1 {
  public static void main(String[] x) throws Exception {
    int n = 1 << 25; float[] a = new float[n], b = new float[n];
    for (int r = 0; r < Integer.parseInt(x[0]); r++) {
      long t0 = System.nanoTime(); System.arraycopy(a, 0, b, 0, n); System.arraycopy(b, 0, a, 0, n);
      double gbs = 4.0 * n * 4 / (System.nanoTime() - t0);
      System.out.printf("%.1f ", gbs);
      Thread.sleep(200);
    }
    System.out.println();
  }
}
