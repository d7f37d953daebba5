import jdk.incubator.vector.*;
public class Smt {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static float spin(long iters) {
    FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    FloatVector m = FloatVector.broadcast(S, 0.9999f), c = FloatVector.broadcast(S, 0.0001f);
    for (long i = 0; i < iters; i++) {
      a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
      a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
  }
  public static void main(String[] x) throws Exception {
    long iters = 50_000_000L;
    for (int w = 0; w < 3; w++) spin(iters / 10);
    for (int r = 0; r < Integer.parseInt(x[0]); r++) {
      long t0 = System.nanoTime(); spin(iters); double one = 8.0 * 16 * 2 * iters / (System.nanoTime() - t0);
      double[] two = new double[2];
      Thread[] ts = new Thread[2];
      for (int i = 0; i < 2; i++) { int k = i; ts[i] = new Thread(() -> { long s = System.nanoTime(); spin(iters); two[k] = 8.0 * 16 * 2 * iters / (System.nanoTime() - s); }); }
      for (Thread t : ts) t.start(); for (Thread t : ts) t.join();
      System.out.printf("1 thread %.1f GFLOP/s; 2 threads %.1f + %.1f GFLOP/s%n", one, two[0], two[1]);
    }
  }
}
