import java.net.*; import java.nio.file.*; import java.util.*; import java.util.function.IntToDoubleFunction;
/** Two builds in one JVM (a class loader each), ABBA windows: args jarA[@k=v,k=v] jarB[@..] harnessDir class arg windows steps.
 *  Properties after @ are set while that variant's classes are loaded and initialised (then cleared). */
public class AB {
  public static void main(String[] a) throws Exception {
    IntToDoubleFunction[] f = new IntToDoubleFunction[2];
    for (int v = 0; v < 2; v++) {
      String[] jp = a[v].split("@", 2);
      List<String> set = new ArrayList<>();
      if (jp.length > 1) for (String kv : jp[1].split(",")) { String[] p = kv.split("=", 2); System.setProperty(p[0], p[1]); set.add(p[0]); }
      URLClassLoader l = new URLClassLoader(new URL[] {Path.of(jp[0]).toUri().toURL(), Path.of(a[2]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      f[v] = (IntToDoubleFunction) l.loadClass(a[3]).getConstructor(String.class).newInstance(a[4]);
      f[v].applyAsDouble(1);
      for (String s : set) System.clearProperty(s);
    }
    int windows = Integer.parseInt(a[5]), steps = Integer.parseInt(a[6]);
    for (int w = 0; w < 6; w++) { f[0].applyAsDouble(steps * 2); f[1].applyAsDouble(steps * 2); }
    double[][] t = new double[2][windows]; double[] ratio = new double[windows];
    for (int w = 0; w < windows; w++) {
      int first = w % 2;
      t[first][w] = f[first].applyAsDouble(steps); t[1 - first][w] = f[1 - first].applyAsDouble(steps);
      ratio[w] = t[0][w] / t[1][w];
    }
    double[] r = ratio.clone(); Arrays.sort(r);
    double[] a0 = t[0].clone(), a1 = t[1].clone(); Arrays.sort(a0); Arrays.sort(a1);
    int wins = 0; for (double x : ratio) if (x > 1) wins++;
    System.out.printf("A median %.4f (%.4f-%.4f)  B median %.4f (%.4f-%.4f)  A/B median %.3f (%.3f-%.3f), B faster in %d of %d windows%n",
        a0[windows / 2], a0[0], a0[windows - 1], a1[windows / 2], a1[0], a1[windows - 1], r[windows / 2], r[0], r[windows - 1], wins, windows);
  }
}
