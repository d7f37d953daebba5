package org.pathnorm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.train.Trainer;
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
        "chosen: " + KernelSelection.kernels().choices(),
        "gemm blocking: " + Gemm.blocking(),
        "cpu: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cpus",
        "threads: " + Trainer.threadPolicy(),
        "update: " + Trainer.updatePolicy(),
    };
  }

  /** The CPU's model name and its vector extensions from /proc/cpuinfo (Linux), else the architecture. */
  static String cpu() {
    try {
      java.nio.file.Path info = java.nio.file.Path.of("/proc/cpuinfo");
      if (!java.nio.file.Files.isReadable(info)) return System.getProperty("os.arch");
      String model = null;
      String flags = "";
      for (String line : java.nio.file.Files.readAllLines(info)) {
        if (model == null && line.startsWith("model name")) model = line.substring(line.indexOf(':') + 1).trim();
        if (flags.isEmpty() && line.startsWith("flags")) flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
        if (model != null && !flags.isEmpty()) break;
      }
      StringBuilder ext = new StringBuilder();
      for (String f : new String[] {"avx512f", "avx2", "fma", "asimd", "sve"}) {
        if (flags.contains(" " + f + " ")) ext.append(ext.length() == 0 ? "" : " ").append(f);
      }
      return (model == null ? System.getProperty("os.arch") : model) + (ext.length() == 0 ? "" : " (" + ext + ")");
    } catch (IOException | UncheckedIOException e) {
      return System.getProperty("os.arch");
    }
  }
}
