package org.pathnorm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pathnorm.simd.KernelSelection;
import picocli.CommandLine;

/** {@code pathnorm --version}: the version, the JDK and the kernel provider in use. */
public final class VersionInfo implements CommandLine.IVersionProvider {

  /** The project version, from the jar's build properties. */
  public static String version() {
    try (InputStream in = VersionInfo.class.getResourceAsStream("/org/pathnorm/pathnorm.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** e.g. {@code 25.0.3+9-LTS (Eclipse Adoptium)}. */
  public static String jdk() {
    return Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
  }

  @Override public String[] getVersion() {
    return new String[] {
        "pathnorm " + version(),
        "jdk: " + jdk(),
        "kernels: " + KernelSelection.kernels().description(),
        "cpus: " + Runtime.getRuntime().availableProcessors(),
    };
  }
}
