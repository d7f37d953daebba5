import jdk.incubator.vector.*;
import org.pathnorm.linalg.*;
import java.io.*; import java.util.zip.*;
/** Prototype: sparse-row forward of a 784 -> 256 layer on Fashion-MNIST rows vs the dense packed GEMM. */
public class Sp {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  public static void main(String[] args) throws Exception {
    byte[] raw = new GZIPInputStream(new FileInputStream("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")).readAllBytes();
    int n = 60000, d = 784, h = 256, chunk = 256;
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) x[i] = (raw[16 + i] & 0xff) / 255f;
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] w = new float[h * d]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-0.05, 0.05);
    Gemm g = new Gemm();
    PackedMatrix pm = g.pack(new PackedMatrix(), d, h, w, 0, d, true);
    // my own layout: K blocks as Gemm's (4 x 196), each block kc x 256 row-major
    int kc = 196; float[] bt = new float[d * h];
    for (int k = 0; k < d; k++) for (int j = 0; j < h; j++) bt[k * h + j] = w[j * d + k];
    float[] c1 = new float[chunk * h], c2 = new float[chunk * h];
    for (int rep = 0; rep < 8; rep++) {
      long t0 = System.nanoTime();
      for (int f = 0; f + chunk <= n; f += chunk) g.ab(chunk, h, d, x, f * d, d, pm, c1, 0, h, false, false);
      long t1 = System.nanoTime();
      for (int f = 0; f + chunk <= n; f += chunk) sparse(x, f * d, chunk, d, bt, kc, c2);
      long t2 = System.nanoTime();
      double fl = 2.0 * (n / chunk * chunk) * d * h;
      int diff = 0; for (int i = 0; i < c1.length; i++) if (Float.floatToRawIntBits(c1[i]) != Float.floatToRawIntBits(c2[i])) diff++;
      System.out.printf("dense %.1f ms (%.0f GF/s)  sparse %.1f ms (%.0f eff GF/s)  diffs %d%n", (t1 - t0) / 1e6, fl / (t1 - t0), (t2 - t1) / 1e6, fl / (t2 - t1), diff);
    }
  }
  static void sparse(float[] x, int xOff, int rows, int d, float[] bt, int kc, float[] c) {
    for (int i = 0; i < rows; i++) {
      for (int pc = 0; pc < d; pc += kc) row256(x, xOff + i * d, pc, Math.min(d, pc + kc), bt, c, i * 256, pc == 0);
    }
  }
  static void row256(float[] x, int xo, int k0, int k1, float[] b, float[] c, int co, boolean first) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0,
        a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
    for (int k = k0; k < k1; k++) {
      float v = x[xo + k];
      if (v == 0f) continue;
      FloatVector s = FloatVector.broadcast(S, v);
      int p = k * 256;
      a0 = s.fma(FloatVector.fromArray(S, b, p), a0); a1 = s.fma(FloatVector.fromArray(S, b, p + 16), a1);
      a2 = s.fma(FloatVector.fromArray(S, b, p + 32), a2); a3 = s.fma(FloatVector.fromArray(S, b, p + 48), a3);
      a4 = s.fma(FloatVector.fromArray(S, b, p + 64), a4); a5 = s.fma(FloatVector.fromArray(S, b, p + 80), a5);
      a6 = s.fma(FloatVector.fromArray(S, b, p + 96), a6); a7 = s.fma(FloatVector.fromArray(S, b, p + 112), a7);
      a8 = s.fma(FloatVector.fromArray(S, b, p + 128), a8); a9 = s.fma(FloatVector.fromArray(S, b, p + 144), a9);
      a10 = s.fma(FloatVector.fromArray(S, b, p + 160), a10); a11 = s.fma(FloatVector.fromArray(S, b, p + 176), a11);
      a12 = s.fma(FloatVector.fromArray(S, b, p + 192), a12); a13 = s.fma(FloatVector.fromArray(S, b, p + 208), a13);
      a14 = s.fma(FloatVector.fromArray(S, b, p + 224), a14); a15 = s.fma(FloatVector.fromArray(S, b, p + 240), a15);
    }
    if (!first) {
      a0 = a0.add(FloatVector.fromArray(S, c, co)); a1 = a1.add(FloatVector.fromArray(S, c, co + 16));
      a2 = a2.add(FloatVector.fromArray(S, c, co + 32)); a3 = a3.add(FloatVector.fromArray(S, c, co + 48));
      a4 = a4.add(FloatVector.fromArray(S, c, co + 64)); a5 = a5.add(FloatVector.fromArray(S, c, co + 80));
      a6 = a6.add(FloatVector.fromArray(S, c, co + 96)); a7 = a7.add(FloatVector.fromArray(S, c, co + 112));
      a8 = a8.add(FloatVector.fromArray(S, c, co + 128)); a9 = a9.add(FloatVector.fromArray(S, c, co + 144));
      a10 = a10.add(FloatVector.fromArray(S, c, co + 160)); a11 = a11.add(FloatVector.fromArray(S, c, co + 176));
      a12 = a12.add(FloatVector.fromArray(S, c, co + 192)); a13 = a13.add(FloatVector.fromArray(S, c, co + 208));
      a14 = a14.add(FloatVector.fromArray(S, c, co + 224)); a15 = a15.add(FloatVector.fromArray(S, c, co + 240));
    }
    a0.intoArray(c, co); a1.intoArray(c, co + 16); a2.intoArray(c, co + 32); a3.intoArray(c, co + 48);
    a4.intoArray(c, co + 64); a5.intoArray(c, co + 80); a6.intoArray(c, co + 96); a7.intoArray(c, co + 112);
    a8.intoArray(c, co + 128); a9.intoArray(c, co + 144); a10.intoArray(c, co + 160); a11.intoArray(c, co + 176);
    a12.intoArray(c, co + 192); a13.intoArray(c, co + 208); a14.intoArray(c, co + 224); a15.intoArray(c, co + 240);
  }
}
