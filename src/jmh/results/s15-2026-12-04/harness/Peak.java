import jdk.incubator.vector.*;
public class Peak {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  static float run(int n, float[] x) {
    FloatVector a = FloatVector.fromArray(S, x, 0), b = FloatVector.fromArray(S, x, 8);
    FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
    for (int i = 0; i < n; i++) {
      c0 = a.fma(b, c0); c1 = a.fma(b, c1); c2 = a.fma(b, c2); c3 = a.fma(b, c3); c4 = a.fma(b, c4); c5 = a.fma(b, c5);
      c6 = a.fma(b, c6); c7 = a.fma(b, c7); c8 = a.fma(b, c8); c9 = a.fma(b, c9); c10 = a.fma(b, c10); c11 = a.fma(b, c11);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
  }
  public static void main(String[] z) {
    float[] x = new float[16]; for (int i = 0; i < 16; i++) x[i] = 0.999f;
    for (int r = 0; r < 10; r++) { long t = System.nanoTime(); int n = 50_000_000; float s = run(n, x); long e = System.nanoTime() - t;
      System.out.printf("%.1f GFLOP/s (%s)%n", 12.0 * 16 * n / e, s); }
  }
}
