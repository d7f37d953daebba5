package org.pathnorm.simd;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * Chooses the {@link Kernels} implementation once per JVM, in the style of Apache Lucene's
 * vectorization provider: if the module {@code jdk.incubator.vector} is readable (the JVM was
 * started with {@code --add-modules jdk.incubator.vector}), {@code PanamaKernels} is loaded
 * reflectively; otherwise, or if loading it fails with a {@link LinkageError} or an
 * {@link UnsupportedOperationException}, {@link ScalarKernels} is used and the reason recorded.
 *
 * <p>System properties: {@code -Dpathnorm.simd=auto|scalar} forces the scalar path;
 * {@code -Dpathnorm.vectorBits=128|256|512} forces a vector width (tests use both).
 */
public final class KernelSelection {
  private static final System.Logger LOG = System.getLogger(KernelSelection.class.getName());
  private static final Kernels SELECTED = select(System.getProperty("pathnorm.simd", "auto"));

  private KernelSelection() {}

  /** The kernels chosen at start-up. */
  public static Kernels kernels() {
    return SELECTED;
  }

  /** A scalar implementation, whatever was selected (for twin tests and benchmarks). */
  public static Kernels scalar() {
    return new ScalarKernels("requested");
  }

  static Kernels select(String mode) {
    String m = mode == null ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
    Kernels k;
    if (m.equals("scalar")) {
      k = new ScalarKernels("forced by -Dpathnorm.simd=scalar");
    } else if (!m.equals("auto") && !m.equals("panama")) {
      k = new ScalarKernels("unknown -Dpathnorm.simd=" + mode + "; expected auto or scalar");
    } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      k = new ScalarKernels("jdk.incubator.vector not readable: pass --add-modules jdk.incubator.vector");
    } else {
      k = loadPanama();
    }
    LOG.log(System.Logger.Level.DEBUG, "PathNorm kernels: {0}", k.description());
    return k;
  }

  private static Kernels loadPanama() {
    try {
      Class<?> c = Class.forName("org.pathnorm.simd.PanamaKernels");
      return (Kernels) c.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      return new ScalarKernels("Vector API unusable: " + e.getCause());
    } catch (LinkageError | UnsupportedOperationException | ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new ScalarKernels("Vector API unusable: " + cause);
    }
  }
}
