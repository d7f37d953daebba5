package org.pathnorm.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CacheSizesTest {
  @Test
  void parsesSizesAsSysfsWritesThem() {
    assertEquals(512L << 10, CacheSizes.parseSize("512K"));
    assertEquals(1L << 20, CacheSizes.parseSize("1024K\n"));
    assertEquals(2L << 20, CacheSizes.parseSize(" 2M "));
    assertEquals(1L << 30, CacheSizes.parseSize("1g"));
    assertEquals(262144, CacheSizes.parseSize("262144"));
    assertEquals(512L << 10, CacheSizes.parseSize("512KB"));
  }

  @Test
  void unreadableSizesAreUnknown() {
    for (String bad : new String[] {null, "", " ", "K", "-1K", "12Q", "abc", "9223372036854775807K"}) {
      assertEquals(0, CacheSizes.parseSize(bad), String.valueOf(bad));
    }
  }

  @Test
  void l2IsKnownOrZeroAndAPropertyOverridesIt() {
    assertTrue(CacheSizes.l2Bytes() >= 0);
    String before = System.getProperty("pathnorm.cache.l2");
    try {
      System.setProperty("pathnorm.cache.l2", "768K");
      assertEquals(768L << 10, CacheSizes.l2Bytes());
      System.setProperty("pathnorm.cache.l2", "0");
      assertEquals(0, CacheSizes.l2Bytes());
    } finally {
      if (before == null) System.clearProperty("pathnorm.cache.l2");
      else System.setProperty("pathnorm.cache.l2", before);
    }
  }
}
