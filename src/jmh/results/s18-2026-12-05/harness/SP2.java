import jdk.incubator.vector.*;
public class SP2 {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static final int L = 8;
  static void row8(float[] x, int xo, char[] idx, int t0, int t1, float[] wt, int wBase, float[] z, int zo) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (int t = t0; t < t1; t++) {
      int k = idx[t];
      FloatVector xv = FloatVector.broadcast(S, x[xo + k]);
      int b = wBase + (k << 6);
      a0 = FloatVector.fromArray(S, wt, b).fma(xv, a0);
      a1 = FloatVector.fromArray(S, wt, b + 8).fma(xv, a1);
      a2 = FloatVector.fromArray(S, wt, b + 16).fma(xv, a2);
      a3 = FloatVector.fromArray(S, wt, b + 24).fma(xv, a3);
      a4 = FloatVector.fromArray(S, wt, b + 32).fma(xv, a4);
      a5 = FloatVector.fromArray(S, wt, b + 40).fma(xv, a5);
      a6 = FloatVector.fromArray(S, wt, b + 48).fma(xv, a6);
      a7 = FloatVector.fromArray(S, wt, b + 56).fma(xv, a7);
    }
    a0.intoArray(z, zo); a1.intoArray(z, zo + 8); a2.intoArray(z, zo + 16); a3.intoArray(z, zo + 24);
    a4.intoArray(z, zo + 32); a5.intoArray(z, zo + 40); a6.intoArray(z, zo + 48); a7.intoArray(z, zo + 56);
  }
  public static void main(String[] a) {
    int in = Integer.parseInt(a[0]), rows = 256;
    java.util.Random r = new java.util.Random(1);
    float[] x = new float[rows * in]; for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0 : r.nextFloat();
    float[] wt = new float[in * 64]; for (int i = 0; i < wt.length; i++) wt[i] = r.nextFloat();
    char[] idx = new char[rows * in]; int[] rs = new int[rows + 1]; int t = 0;
    for (int i = 0; i < rows; i++) { rs[i] = t; for (int k = 0; k < in; k++) if (x[i * in + k] != 0) idx[t++] = (char) k; }
    rs[rows] = t;
    float[] z = new float[rows * 64];
    for (int rep = 0; rep < 12; rep++) {
      long t0 = System.nanoTime();
      for (int it = 0; it < 50; it++) for (int i = 0; i < rows; i++) row8(x, i * in, idx, rs[i], rs[i + 1], wt, 0, z, i * 64);
      long t1 = System.nanoTime();
      System.out.printf("%.1f GFLOP/s  ", 50.0 * t * 64 * 2 / (t1 - t0));
    }
    System.out.println();
  }
}
