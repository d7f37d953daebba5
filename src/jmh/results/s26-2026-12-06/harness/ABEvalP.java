import org.pathnorm.linalg.*;
/** ABEval with -Dpanels=true: x packed once into RowPanels, chunks read from there. Also checks the bits against the unpacked product once. */
public class ABEvalP implements java.util.function.IntToDoubleFunction {
  final Gemm g = new Gemm(); final PackedMatrix pw; final int rows, n, k, chunk; final float[] x, c, bias; final RowPanels xp; final boolean panels;
  public ABEvalP(String s) {
    String[] d = s.split(":"); rows = Integer.parseInt(d[0]); n = Integer.parseInt(d[1]); k = Integer.parseInt(d[2]); chunk = Integer.parseInt(d[3]);
    panels = Boolean.getBoolean("panels");
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    x = new float[rows * k]; for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.5 ? 0f : r.nextFloat();
    float[] w = new float[n * k]; for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-0.05, 0.05);
    bias = new float[n]; for (int i = 0; i < n; i++) bias[i] = (float) r.nextDouble(-0.1, 0.1); c = new float[chunk * n];
    pw = g.pack(new PackedMatrix(), k, n, w, 0, k, true);
    xp = panels ? g.shapeRows(new RowPanels(), rows, k) : null;
    if (panels) {
      long t0 = System.nanoTime();
      g.packRows(xp, x, 0, k, 0, rows, 0, k);
      System.out.printf("packed %d x %d in %.1f ms%n", rows, k, (System.nanoTime() - t0) / 1e6);
      float[] c2 = new float[chunk * n];
      int bad = 0;
      for (int i = 0; i + chunk <= rows; i += chunk) {
        g.ab(chunk, n, k, x, i * k, k, pw, c2, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
        g.ab(chunk, n, k, xp, i, pw, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
        for (int q = 0; q < c.length; q++) if (Float.floatToRawIntBits(c[q]) != Float.floatToRawIntBits(c2[q])) bad++;
      }
      System.out.println("differences: " + bad);
    }
  }
  public double applyAsDouble(int reps) {
    long t0 = System.nanoTime();
    for (int q = 0; q < reps; q++)
      for (int i = 0; i + chunk <= rows; i += chunk) {
        if (panels) g.ab(chunk, n, k, xp, i, pw, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
        else g.ab(chunk, n, k, x, i * k, k, pw, c, 0, n, Gemm.Epilogue.BIAS_RELU, bias, 0);
      }
    return (System.nanoTime() - t0) / 1e6 / reps;
  }
}
