public class Touch { public static void main(String[] a) {
  for (int r = 0; r < 4; r++) {
    long t0 = System.nanoTime(); float[] f = new float[47_040_000]; long t1 = System.nanoTime();
    for (int i = 0; i < f.length; i += 1024) f[i] = 1; long t2 = System.nanoTime();
    System.out.printf("alloc 188MB %.1f ms, touch %.1f ms%n", (t1-t0)/1e6, (t2-t1)/1e6);
  }
}}
