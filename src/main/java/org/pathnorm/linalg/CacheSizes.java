package org.pathnorm.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The sizes of a core's L1 data and L2 caches, which bound the GEMM's packed B blocks ({@link Gemm#blockWidth},
 * {@link Gemm#packedABlockWidth}): from Linux's {@code /sys/devices/system/cpu/cpu0/cache/index*} (the level-1 data
 * cache; the level-2 data or unified cache), or {@code -Dpathnorm.cache.l1} and {@code -Dpathnorm.cache.l2}
 * (bytes, with an optional K, M or G suffix; 0: unknown). Unknown elsewhere.
 */
final class CacheSizes {
  private static final Path CPU0 = Path.of("/sys/devices/system/cpu/cpu0/cache");

  private CacheSizes() {}

  /** The L2 size of a core in bytes, or 0 where it is unknown. */
  static long l2Bytes() {
    return dataCacheBytes(2, "pathnorm.cache.l2");
  }

  /** The L1 data cache of a core in bytes, or 0 where it is unknown. */
  static long l1Bytes() {
    return dataCacheBytes(1, "pathnorm.cache.l1");
  }

  /** The data (or unified) cache of {@code level}, or the system property {@code property} where it is set. */
  private static long dataCacheBytes(int level, String property) {
    String forced = System.getProperty(property);
    if (forced != null) return parseSize(forced);
    for (int i = 0; i < 8; i++) {
      Path dir = CPU0.resolve("index" + i);
      if (!Files.isDirectory(dir)) break;
      if (String.valueOf(level).equals(read(dir.resolve("level"))) && !"Instruction".equals(read(dir.resolve("type")))) {
        return parseSize(read(dir.resolve("size")));
      }
    }
    return 0;
  }

  /**
   * Bytes of a size as sysfs writes it ({@code 512K}, {@code 1024K}, {@code 2M}) or in plain bytes; 0 for
   * anything else (null, empty, negative, not a number).
   */
  static long parseSize(String text) {
    if (text == null) return 0;
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (s.endsWith("B")) s = s.substring(0, s.length() - 1);
    if (s.isEmpty()) return 0;
    long unit = switch (s.charAt(s.length() - 1)) {
      case 'K' -> 1L << 10;
      case 'M' -> 1L << 20;
      case 'G' -> 1L << 30;
      default -> 1;
    };
    if (unit > 1) s = s.substring(0, s.length() - 1);
    try {
      long v = Long.parseLong(s);
      return v < 0 || v > (Long.MAX_VALUE >> 30) ? 0 : v * unit;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The file's first line, trimmed, or null if it cannot be read. */
  private static String read(Path file) {
    try {
      return Files.readAllLines(file).stream().findFirst().map(String::trim).orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
