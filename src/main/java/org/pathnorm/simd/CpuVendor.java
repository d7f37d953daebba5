package org.pathnorm.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether the CPU is Intel's, from the {@code vendor_id} line of /proc/cpuinfo (Linux; false where it cannot be
 * read). The micro-kernel's form of A depends on it: Intel cores issue integer operations on the ports of
 * their vector FMAs, AMD's on separate pipes ({@link APanels#K_MAJOR_WIDE}).
 */
final class CpuVendor {
  private static final boolean INTEL = read(Path.of("/proc/cpuinfo"));

  private CpuVendor() {}

  static boolean intel() {
    return INTEL;
  }

  /** Whether the first {@code vendor_id} line of the file names GenuineIntel. */
  static boolean read(Path cpuinfo) {
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("vendor_id")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim().equals("GenuineIntel")).orElse(false);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
