import java.net.*; import java.nio.file.*; import java.util.function.IntToDoubleFunction;
public class Prof {
  public static void main(String[] a) throws Exception {
    URLClassLoader l = new URLClassLoader(new URL[] {Path.of(a[0]).toUri().toURL(), Path.of(a[1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    IntToDoubleFunction f = (IntToDoubleFunction) l.loadClass(a[2]).getConstructor(String.class).newInstance(a[3]);
    for (int i = 0; i < 10; i++) System.out.println(f.applyAsDouble(Integer.parseInt(a[4])));
  }
}
