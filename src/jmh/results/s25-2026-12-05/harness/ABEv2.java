import org.pathnorm.linalg.*;
/** arg "rows:n:k:chunk": evaluation-like forward of `rows` samples in chunks through a packed n x k weight (bias+relu); applyAsDouble(reps) -> ms per pass. */
public class ABEv2 implements java.util.function.IntToDoubleFunction {
  final Gemm g = new Gemm(); final PackedMatrix pw; final int rows, n, k, chunk; final float[] x, c, bias;
  public ABEv2(String s) {
    String[] d = s.split(":"); rows = Integer.parseInt(d[0]); n = Integer.parseInt(d[1]); k = Integer.parseInt(d[2]); chunk = Integer.getInteger("ab.chunk", Integer.parseInt(d[3]));
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    x = new float[rows * k]; for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    float[] w = new float[n * k]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-0.05, 0.05);
    bias = new float[n]; c = new float[chunk * n];
    pw = g.pack(new PackedMatrix(), k, n, w, 0, k, true);
  }
  public double applyAsDouble(int reps) {
    long t0 = System.nanoTime();
    for (int q = 0; q < reps; q++)
      for (int i = 0; i + chunk <= rows; i += chunk) g.ab(chunk, n, k, x, i * k, k, pw, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
    return (System.nanoTime() - t0) / 1e6 / reps;
  }
}
