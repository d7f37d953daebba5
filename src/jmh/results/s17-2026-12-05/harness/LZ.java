import org.pathnorm.linalg.SpectralNorm; import org.pathnorm.simd.KernelSelection;
public class LZ { public static void main(String[] a) {
  for (String s : a) { String[] d = s.split("x"); int r = Integer.parseInt(d[0]), c = Integer.parseInt(d[1]);
    float[] w = new float[r * c]; var rnd = new java.util.SplittableRandom(3); for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian();
    for (int rep = 0; rep < 12; rep++) {
      long t0 = System.nanoTime(); var x = SpectralNorm.lanczos(KernelSelection.scalar(), null, w, 0, r, c, 1e-6, 300); long t1 = System.nanoTime();
      var y = SpectralNorm.lanczos(KernelSelection.kernels(), null, w, 0, r, c, 1e-6, 300); long t2 = System.nanoTime();
      if (rep == 0 || rep == 11) System.out.printf("%s rep %d scalar %.2f ms (%d it)  panama %.2f ms (%d it)%n", s, rep, (t1-t0)/1e6, x.iterations(), (t2-t1)/1e6, y.iterations());
    } } } }
