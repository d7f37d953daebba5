package org.pathnorm.simd;
public class T8 {
  public static void main(String[] a) {
    int rows = Integer.parseInt(a[0]), cols = Integer.parseInt(a[1]); boolean allLoads = a.length > 2 && a[2].equals("A");
    float[] src = new float[rows * cols + 64];
    for (int i = 0; i < src.length; i++) src[i] = i;
    float[] dst = new float[rows * cols + 64], dst2 = new float[rows * cols + 64];
    for (int rep = 0; rep < 8; rep++) {
      for (int v = 0; v < 2; v++) {
        long t0 = System.nanoTime();
        long blocks = 0;
        int iters = (int) (20_000_000L / (rows * cols));
        for (int it = 0; it < iters; it++) {
          for (int i = 0; i + 8 <= rows; i += 8)
            for (int j = 0; j + 8 <= cols; j += 8) {
              if (v == 0) Transpose8.block(src, i * cols + j, cols, dst, j * rows + i, rows, null, 0, false);
              else if (allLoads) T8A.block(src, i * cols + j, cols, dst2, j * rows + i, rows); else T8L.block(src, i * cols + j, cols, dst2, j * rows + i, rows);
              blocks++;
            }
        }
        long t = System.nanoTime() - t0;
        System.out.printf("%s %.2f ns/block  ", v == 0 ? "T8" : allLoads ? "T8A" : "T8L", (double) t / blocks);
      }
      System.out.println(java.util.Arrays.equals(dst, dst2));
    }
  }
}
