import org.pathnorm.linalg.Gemm;
/** arg "MxNxK[:form][/threads]"; applyAsDouble(n): n multiplies, returns ms each. */
public class ABGemm implements java.util.function.IntToDoubleFunction {
  final Gemm g; final int m, n, k; final float[] a, b, c; final Gemm.Form form; final int pad = Integer.getInteger("ab.pad", 0);
  public ABGemm(String s) {
    String[] st = s.split("/"); int threads = st.length > 1 ? Integer.parseInt(st[1]) : 1;
    String[] sf = st[0].split(":"); String[] d = sf[0].split("x");
    m = Integer.parseInt(d[0]); n = Integer.parseInt(d[1]); k = Integer.parseInt(d[2]);
    form = sf.length > 1 ? Gemm.Form.valueOf(sf[1]) : Gemm.Form.AB;
    g = threads == 1 ? new Gemm() : new Gemm(org.pathnorm.simd.KernelSelection.kernels(), new java.util.concurrent.ForkJoinPool(threads));
    a = new float[m * (k + pad) + pad * k]; b = new float[k * n]; c = new float[m * n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
    for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
  }
  public double applyAsDouble(int reps) {
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      switch (form) {
        case AB -> g.ab(m, n, k, a, 0, k + pad, b, 0, n, c, 0, n, false);
        case ATB -> g.atb(m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
        case ABT -> g.abt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
        default -> throw new IllegalStateException();
      }
    }
    return (System.nanoTime() - t0) / 1e6 / reps;
  }
}
