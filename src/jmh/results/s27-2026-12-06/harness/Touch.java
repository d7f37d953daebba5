public class Touch {
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]);
    for (int r = 0; r < 3; r++) {
      long t = System.nanoTime();
      float[] x = new float[n];
      for (int i = 0; i < n; i += 1024) x[i] = 1;
      System.out.printf("%d MB: %.3f s%n", (long) n * 4 >> 20, (System.nanoTime() - t) / 1e9);
    }
  }
}
