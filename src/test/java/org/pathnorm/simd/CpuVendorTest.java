package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor line of /proc/cpuinfo, read from files written here: Intel, AMD, none, and no file at all. */
class CpuVendorTest {

  @Test
  void readsTheFirstVendorLine(@TempDir Path dir) throws IOException {
    Path intel = dir.resolve("intel");
    Files.writeString(intel, "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\n");
    assertTrue(CpuVendor.read(intel));
    Path amd = dir.resolve("amd");
    Files.writeString(amd, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n");
    assertFalse(CpuVendor.read(amd));
    Path none = dir.resolve("none");
    Files.writeString(none, "processor\t: 0\nCPU implementer\t: 0x41\n");
    assertFalse(CpuVendor.read(none));
    assertFalse(CpuVendor.read(dir.resolve("missing")));
  }
}
