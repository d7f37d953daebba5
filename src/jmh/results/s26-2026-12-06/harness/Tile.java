import jdk.incubator.vector.*;
public class Tile {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static final int L = 16;
  // 8 x 32, A packed k-major (stride 8), B packed (stride 32)
  static void t8x32(int kc, float[] a, float[] b, float[] c) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int bi = k * 32, p = k * 8;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
    }
    c0a.add(c1a).add(c2a).add(c3a).add(c4a).add(c5a).add(c6a).add(c7a).add(c0b).add(c1b).add(c2b).add(c3b).add(c4b).add(c5b).add(c6b).add(c7b).intoArray(c, 0);
  }
  // 8 x 48
  static void t8x48(int kc, float[] a, float[] b, float[] c) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c0c = FloatVector.zero(S);
    FloatVector c1a = FloatVector.zero(S), c1b = FloatVector.zero(S), c1c = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c2c = FloatVector.zero(S);
    FloatVector c3a = FloatVector.zero(S), c3b = FloatVector.zero(S), c3c = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c4c = FloatVector.zero(S);
    FloatVector c5a = FloatVector.zero(S), c5b = FloatVector.zero(S), c5c = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c6c = FloatVector.zero(S);
    FloatVector c7a = FloatVector.zero(S), c7b = FloatVector.zero(S), c7c = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int bi = k * 48, p = k * 8;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L), b2 = FloatVector.fromArray(S, b, bi + 2 * L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b); c0c = av.fma(b2, c0c);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b); c1c = av.fma(b2, c1c);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b); c2c = av.fma(b2, c2c);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b); c3c = av.fma(b2, c3c);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b); c4c = av.fma(b2, c4c);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b); c5c = av.fma(b2, c5c);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b); c6c = av.fma(b2, c6c);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b); c7c = av.fma(b2, c7c);
    }
    c0a.add(c1a).add(c2a).add(c3a).add(c4a).add(c5a).add(c6a).add(c7a).add(c0b).add(c1b).add(c2b).add(c3b).add(c4b).add(c5b).add(c6b).add(c7b)
      .add(c0c).add(c1c).add(c2c).add(c3c).add(c4c).add(c5c).add(c6c).add(c7c).intoArray(c, 0);
  }
  // 12 x 32
  static void t12x32(int kc, float[] a, float[] b, float[] c) {
    FloatVector c0a = FloatVector.zero(S), c0b = FloatVector.zero(S), c1a = FloatVector.zero(S), c1b = FloatVector.zero(S);
    FloatVector c2a = FloatVector.zero(S), c2b = FloatVector.zero(S), c3a = FloatVector.zero(S), c3b = FloatVector.zero(S);
    FloatVector c4a = FloatVector.zero(S), c4b = FloatVector.zero(S), c5a = FloatVector.zero(S), c5b = FloatVector.zero(S);
    FloatVector c6a = FloatVector.zero(S), c6b = FloatVector.zero(S), c7a = FloatVector.zero(S), c7b = FloatVector.zero(S);
    FloatVector c8a = FloatVector.zero(S), c8b = FloatVector.zero(S), c9a = FloatVector.zero(S), c9b = FloatVector.zero(S);
    FloatVector cAa = FloatVector.zero(S), cAb = FloatVector.zero(S), cBa = FloatVector.zero(S), cBb = FloatVector.zero(S);
    for (int k = 0; k < kc; k++) {
      int bi = k * 32, p = k * 12;
      FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[p]); c0a = av.fma(b0, c0a); c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[p + 1]); c1a = av.fma(b0, c1a); c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[p + 2]); c2a = av.fma(b0, c2a); c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[p + 3]); c3a = av.fma(b0, c3a); c3b = av.fma(b1, c3b);
      av = FloatVector.broadcast(S, a[p + 4]); c4a = av.fma(b0, c4a); c4b = av.fma(b1, c4b);
      av = FloatVector.broadcast(S, a[p + 5]); c5a = av.fma(b0, c5a); c5b = av.fma(b1, c5b);
      av = FloatVector.broadcast(S, a[p + 6]); c6a = av.fma(b0, c6a); c6b = av.fma(b1, c6b);
      av = FloatVector.broadcast(S, a[p + 7]); c7a = av.fma(b0, c7a); c7b = av.fma(b1, c7b);
      av = FloatVector.broadcast(S, a[p + 8]); c8a = av.fma(b0, c8a); c8b = av.fma(b1, c8b);
      av = FloatVector.broadcast(S, a[p + 9]); c9a = av.fma(b0, c9a); c9b = av.fma(b1, c9b);
      av = FloatVector.broadcast(S, a[p + 10]); cAa = av.fma(b0, cAa); cAb = av.fma(b1, cAb);
      av = FloatVector.broadcast(S, a[p + 11]); cBa = av.fma(b0, cBa); cBb = av.fma(b1, cBb);
    }
    c0a.add(c1a).add(c2a).add(c3a).add(c4a).add(c5a).add(c6a).add(c7a).add(c0b).add(c1b).add(c2b).add(c3b).add(c4b).add(c5b).add(c6b).add(c7b)
      .add(c8a).add(c9a).add(cAa).add(cBa).add(c8b).add(c9b).add(cAb).add(cBb).intoArray(c, 0);
  }
  public static void main(String[] x) {
    int kc = 128;
    float[] a = new float[12 * kc], b = new float[48 * kc], c = new float[16];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() * 1e-3f;
    for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() * 1e-3f;
    String[] names = {"8x32", "8x48", "12x32"}; int[] flopsPerK = {2 * 8 * 32, 2 * 8 * 48, 2 * 12 * 32};
    for (int round = 0; round < 12; round++) {
      StringBuilder sb = new StringBuilder();
      for (int v = 0; v < 3; v++) {
        long t = System.nanoTime(); int calls = 200_000;
        for (int i = 0; i < calls; i++) { if (v == 0) t8x32(kc, a, b, c); else if (v == 1) t8x48(kc, a, b, c); else t12x32(kc, a, b, c); }
        double gf = (double) calls * kc * flopsPerK[v] / (System.nanoTime() - t);
        sb.append(String.format("%s %.0f  ", names[v], gf));
      }
      if (round >= 4) System.out.println(sb + " (c " + c[0] + ")");
    }
  }
}
