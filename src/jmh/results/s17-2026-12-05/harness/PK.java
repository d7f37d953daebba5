import org.pathnorm.linalg.*;
public class PK {
  public static void main(String[] x) throws Exception {
    int n = Integer.parseInt(x[0]), th = Integer.parseInt(x[1]);
    Gemm g = th == 1 ? new Gemm() : new Gemm(org.pathnorm.simd.KernelSelection.kernels(), WorkerPools.create(th));
    float[] a = new float[n*n], b = new float[n*n], c = new float[n*n];
    var r = new java.util.SplittableRandom(1);
    for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextDouble(-1,1); b[i] = (float) r.nextDouble(-1,1); }
    PackedMatrix p = g.pack(new PackedMatrix(), n, n, b, 0, n, false);
    int reps = Math.max(1, (int) (4e9 / (2.0*n*n*n)));
    double[] t1 = new double[9], t2 = new double[9], t3 = new double[9];
    for (int w = -3; w < 9; w++) {
      long s = System.nanoTime(); for (int i = 0; i < reps; i++) g.ab(n,n,n,a,0,n,b,0,n,c,0,n,false); long e = System.nanoTime();
      for (int i = 0; i < reps; i++) g.ab(n,n,n,a,0,n,p,c,0,n,false,false); long f = System.nanoTime();
      for (int i = 0; i < reps; i++) { g.pack(p, n, n, b, 0, n, false); } long h = System.nanoTime();
      if (w >= 0) { t1[w] = (e-s)/1e6/reps; t2[w] = (f-e)/1e6/reps; t3[w] = (h-f)/1e6/reps; }
    }
    java.util.Arrays.sort(t1); java.util.Arrays.sort(t2); java.util.Arrays.sort(t3);
    System.out.printf("n=%d threads=%d  ab %.2f ms (%.1f GF/s)  prepacked %.2f ms (%.1f GF/s)  pack alone (1 thread) %.2f ms%n", n, th, t1[4], 2.0*n*n*n/t1[4]/1e6, t2[4], 2.0*n*n*n/t2[4]/1e6, t3[4]);
  }
}
