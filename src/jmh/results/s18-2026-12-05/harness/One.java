public class One { public static void main(String[] a) throws Exception {
  java.net.URLClassLoader l = new java.net.URLClassLoader(new java.net.URL[]{java.nio.file.Path.of(a[0]).toUri().toURL(), java.nio.file.Path.of("h").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  var f = (java.util.function.IntToDoubleFunction) l.loadClass(a[1]).getConstructor(String.class).newInstance(a[2]);
  int n = Integer.parseInt(a[3]);
  for (int w = 0; w < 40; w++) System.out.printf("%.4f ", f.applyAsDouble(n));
  System.out.println();
}}
