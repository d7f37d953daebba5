import java.io.*; import java.nio.file.*; import java.util.zip.*;
public class RD2 {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    Path p = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    byte[] out = new byte[47040016];
    try (InputStream in = new GZIPInputStream(new FileInputStream(p.toFile()), 1 << 16)) {
      int off = 0, r; while ((r = in.read(out, off, out.length - off)) > 0) off += r;
    }
    long t1 = System.nanoTime();
    float[] px = new float[47040000];
    long t2 = System.nanoTime();
    for (int i = 0; i < px.length; i++) px[i] = (out[16 + i] & 0xff) * (1f / 255f);
    long t3 = System.nanoTime();
    System.out.printf("inflate %.3f alloc %.3f convert %.3f s%n", (t1-t0)/1e9, (t2-t1)/1e9, (t3-t2)/1e9);
  }
}
