import jdk.incubator.vector.*;
import java.io.*;
import java.util.zip.*;
import org.pathnorm.linalg.*;

public class SP {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  static float[] load(int n) throws IOException {
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(new FileInputStream("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")), 1<<16)) {
      in.readNBytes(16);
      byte[] b = in.readNBytes(n * 784);
      float[] x = new float[n * 784];
      for (int i = 0; i < x.length; i++) x[i] = (b[i] & 0xff) / 255f;
      return x;
    }
  }
  // wt: per column chunk c of width CW: [in][CW] contiguous
  static void packWt(float[] w, int in, int out, int cw, float[] wt) {
    for (int c = 0; c < out; c += cw)
      for (int k = 0; k < in; k++)
        for (int j = 0; j < cw; j++) wt[c * in + k * cw + j] = c + j < out ? w[(c + j) * in + k] : 0f;
  }
  // CSR indices per row
  static int scan(float[] x, int xOff, int rows, int in, char[] idx, int[] rowStart) {
    int t = 0;
    for (int i = 0; i < rows; i++) {
      rowStart[i] = t;
      int o = xOff + i * in;
      for (int k = 0; k < in; k++) { idx[t] = (char) k; t += x[o + k] != 0f ? 1 : 0; }
    }
    rowStart[rows] = t;
    return t;
  }
  // 8 accumulators (CW = 8L), k blocks of kc
  static void sparse8(float[] x, int xOff, int rows, int in, int out, char[] idx, int[] rowStart, int[] cursor, float[] wt, float[] bias, float[] z, int kc) {
    final int cw = 8 * L;
    for (int c = 0; c < out; c += cw) {
      int wBase = c * in;
      for (int i = 0; i < rows; i++) cursor[i] = rowStart[i];
      for (int k0 = 0; k0 < in; k0 += kc) {
        int k1 = Math.min(in, k0 + kc);
        boolean first = k0 == 0, last = k1 == in;
        for (int i = 0; i < rows; i++) {
          int zo = i * out + c;
          FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
          if (first) { a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S); }
          else {
            a0 = FloatVector.fromArray(S, z, zo); a1 = FloatVector.fromArray(S, z, zo + L); a2 = FloatVector.fromArray(S, z, zo + 2*L); a3 = FloatVector.fromArray(S, z, zo + 3*L);
            a4 = FloatVector.fromArray(S, z, zo + 4*L); a5 = FloatVector.fromArray(S, z, zo + 5*L); a6 = FloatVector.fromArray(S, z, zo + 6*L); a7 = FloatVector.fromArray(S, z, zo + 7*L);
          }
          int t = cursor[i], end = rowStart[i + 1];
          int xo = xOff + i * in;
          for (; t < end; t++) {
            int k = idx[t];
            if (k >= k1) break;
            FloatVector xv = FloatVector.broadcast(S, x[xo + k]);
            int b = wBase + k * cw;
            a0 = FloatVector.fromArray(S, wt, b).fma(xv, a0);
            a1 = FloatVector.fromArray(S, wt, b + L).fma(xv, a1);
            a2 = FloatVector.fromArray(S, wt, b + 2*L).fma(xv, a2);
            a3 = FloatVector.fromArray(S, wt, b + 3*L).fma(xv, a3);
            a4 = FloatVector.fromArray(S, wt, b + 4*L).fma(xv, a4);
            a5 = FloatVector.fromArray(S, wt, b + 5*L).fma(xv, a5);
            a6 = FloatVector.fromArray(S, wt, b + 6*L).fma(xv, a6);
            a7 = FloatVector.fromArray(S, wt, b + 7*L).fma(xv, a7);
          }
          cursor[i] = t;
          if (last) {
            FloatVector zr = FloatVector.zero(S);
            a0 = a0.add(FloatVector.fromArray(S, bias, c)).max(zr); a1 = a1.add(FloatVector.fromArray(S, bias, c+L)).max(zr);
            a2 = a2.add(FloatVector.fromArray(S, bias, c+2*L)).max(zr); a3 = a3.add(FloatVector.fromArray(S, bias, c+3*L)).max(zr);
            a4 = a4.add(FloatVector.fromArray(S, bias, c+4*L)).max(zr); a5 = a5.add(FloatVector.fromArray(S, bias, c+5*L)).max(zr);
            a6 = a6.add(FloatVector.fromArray(S, bias, c+6*L)).max(zr); a7 = a7.add(FloatVector.fromArray(S, bias, c+7*L)).max(zr);
          }
          a0.intoArray(z, zo); a1.intoArray(z, zo+L); a2.intoArray(z, zo+2*L); a3.intoArray(z, zo+3*L);
          a4.intoArray(z, zo+4*L); a5.intoArray(z, zo+5*L); a6.intoArray(z, zo+6*L); a7.intoArray(z, zo+7*L);
        }
      }
    }
  }

  static int scan2(float[] x, int xOff, int rows, int in, char[] idx, int[] pairStart) {
    int t = 0;
    for (int i = 0; i + 1 < rows; i += 2) {
      pairStart[i / 2] = t;
      int o = xOff + i * in;
      for (int k = 0; k < in; k++) { idx[t] = (char) k; t += (x[o + k] != 0f | x[o + in + k] != 0f) ? 1 : 0; }
    }
    pairStart[rows / 2] = t;
    return t;
  }
  static void sparse2x6(float[] x, int xOff, int rows, int in, int out, char[] idx, int[] ps, float[] wt, float[] bias, float[] z) {
    final int cw = 6 * L;
    for (int c = 0; c + cw <= out; c += cw) {
      int wBase = c * in;
      for (int i = 0; i + 1 < rows; i += 2) {
        FloatVector a0, a1, a2, a3, a4, a5, b0, b1, b2, b3, b4, b5;
        a0 = a1 = a2 = a3 = a4 = a5 = b0 = b1 = b2 = b3 = b4 = b5 = FloatVector.zero(S);
        int xo = xOff + i * in;
        for (int t = ps[i / 2], end = ps[i / 2 + 1]; t < end; t++) {
          int k = idx[t];
          FloatVector xa = FloatVector.broadcast(S, x[xo + k]);
          FloatVector xb = FloatVector.broadcast(S, x[xo + in + k]);
          int b = wBase + k * cw;
          FloatVector w = FloatVector.fromArray(S, wt, b); a0 = w.fma(xa, a0); b0 = w.fma(xb, b0);
          w = FloatVector.fromArray(S, wt, b + L); a1 = w.fma(xa, a1); b1 = w.fma(xb, b1);
          w = FloatVector.fromArray(S, wt, b + 2*L); a2 = w.fma(xa, a2); b2 = w.fma(xb, b2);
          w = FloatVector.fromArray(S, wt, b + 3*L); a3 = w.fma(xa, a3); b3 = w.fma(xb, b3);
          w = FloatVector.fromArray(S, wt, b + 4*L); a4 = w.fma(xa, a4); b4 = w.fma(xb, b4);
          w = FloatVector.fromArray(S, wt, b + 5*L); a5 = w.fma(xa, a5); b5 = w.fma(xb, b5);
        }
        int zo = i * out + c;
        a0.intoArray(z, zo); a1.intoArray(z, zo+L); a2.intoArray(z, zo+2*L); a3.intoArray(z, zo+3*L); a4.intoArray(z, zo+4*L); a5.intoArray(z, zo+5*L);
        zo += out;
        b0.intoArray(z, zo); b1.intoArray(z, zo+L); b2.intoArray(z, zo+2*L); b3.intoArray(z, zo+3*L); b4.intoArray(z, zo+4*L); b5.intoArray(z, zo+5*L);
      }
    }
  }
  public static void main(String[] a) throws Exception {
    if (a.length > 1) { main2(); return; }
    int rows = 256, in = 784, out = 256, chunks = 234;
    int kc = Integer.parseInt(a.length > 0 ? a[0] : "98");
    float[] x = load(rows * chunks);
    java.util.Random r = new java.util.Random(1);
    float[] w = new float[out * in]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f;
    float[] bias = new float[out]; for (int i = 0; i < out; i++) bias[i] = (float) r.nextGaussian() * 0.1f;
    Gemm gemm = new Gemm();
    PackedMatrix pm = gemm.pack(new PackedMatrix(), in, out, w, 0, in, true);
    float[] wt = new float[out * in]; packWt(w, in, out, 8 * L, wt);
    float[] z1 = new float[rows * out], z2 = new float[rows * out];
    char[] idx = new char[rows * in]; int[] rs = new int[rows + 1]; int[] cur = new int[rows];
    for (int rep = 0; rep < 12; rep++) {
      long t0 = System.nanoTime();
      for (int ch = 0; ch < chunks; ch++) gemm.ab(rows, out, in, x, ch * rows * in, in, pm, z1, 0, out, Gemm.Epilogue.BIAS_RELU, bias, 0);
      long t1 = System.nanoTime();
      long nnz = 0; long ts = 0;
      for (int ch = 0; ch < chunks; ch++) { long s0 = System.nanoTime(); nnz += scan(x, ch * rows * in, rows, in, idx, rs); ts += System.nanoTime() - s0; sparse8(x, ch * rows * in, rows, in, out, idx, rs, cur, wt, bias, z2, kc); }
      long t2 = System.nanoTime();
      // compare last chunk
      int diff = 0; for (int i = 0; i < z1.length; i++) if (Float.floatToIntBits(z1[i]) != Float.floatToIntBits(z2[i])) diff++;
      System.out.printf("dense %.1f ms  sparse %.1f ms (scan %.1f)  ratio %.3f  density %.3f  diffbits %d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, ts / 1e6, (double) (t1 - t0) / (t2 - t1), nnz / (double) (rows * chunks * in), diff);
    }
  }

  static void main2() throws Exception {
    int rows = 256, in = 784, out = 240, chunks = 234;
    float[] x = load(rows * chunks);
    java.util.Random r = new java.util.Random(1);
    float[] w = new float[out * in]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f;
    float[] bias = new float[out];
    Gemm gemm = new Gemm();
    PackedMatrix pm = gemm.pack(new PackedMatrix(), in, out, w, 0, in, true);
    float[] wt = new float[out * in]; packWt(w, in, out, 6 * L, wt);
    float[] z1 = new float[rows * out], z2 = new float[rows * out];
    char[] idx = new char[rows * in]; int[] ps = new int[rows + 1];
    for (int rep = 0; rep < 10; rep++) {
      long t0 = System.nanoTime();
      for (int ch = 0; ch < chunks; ch++) gemm.ab(rows, out, in, x, ch * rows * in, in, pm, z1, 0, out, Gemm.Epilogue.BIAS, bias, 0);
      long t1 = System.nanoTime();
      long nnz = 0, ts = 0;
      for (int ch = 0; ch < chunks; ch++) { long s0 = System.nanoTime(); nnz += scan2(x, ch * rows * in, rows, in, idx, ps); ts += System.nanoTime() - s0; sparse2x6(x, ch * rows * in, rows, in, out, idx, ps, wt, bias, z2); }
      long t2 = System.nanoTime();
      double md = 0; for (int i = 0; i < z1.length; i++) md = Math.max(md, Math.abs(z1[i] - z2[i]));
      System.out.printf("dense %.1f ms  sparse2x6 %.1f ms (scan %.1f)  ratio %.3f  union density %.3f maxdiff %.2e%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, ts / 1e6, (double) (t1 - t0) / (t2 - t1), 2 * nnz / (double) (rows * chunks * in), md);
    }
  }
}
