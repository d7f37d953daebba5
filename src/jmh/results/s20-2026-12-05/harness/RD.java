package org.pathnorm.data;
import java.nio.file.*;
public class RD {
  public static void main(String[] a) throws Exception {
    Path d = Path.of("/usr/share/datasets/fashion-mnist");
    long t0 = System.nanoTime();
    if (a[0].equals("alloc")) { float[] f = new float[60000 * 784]; f[12345] = 1; System.out.printf("alloc %.1f ms%n", (System.nanoTime() - t0) / 1e6); t0 = System.nanoTime(); }
    if (a[0].equals("gunzip")) {
      try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(d.resolve("train-images-idx3-ubyte.gz")), 1 << 16)) {
        byte[] b = new byte[1 << 20]; long n = 0; int r; while ((r = in.read(b)) > 0) n += r;
        System.out.printf("gunzip %d bytes %.1f ms%n", n, (System.nanoTime() - t0) / 1e6);
      }
      return;
    }
    IdxReader.Images im = IdxReader.readImages(d.resolve("train-images-idx3-ubyte.gz"));
    System.out.printf("readImages %.1f ms%n", (System.nanoTime() - t0) / 1e6);
  }
}
