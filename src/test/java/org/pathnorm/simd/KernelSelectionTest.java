package org.pathnorm.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {

  @Test
  void selectsTheProviderThisTestRunExpects() {
    // Surefire runs the suite twice: with --add-modules jdk.incubator.vector (expects panama) and
    // without it (expects scalar). Outside Maven the property is absent and anything goes.
    String expected = System.getProperty("pathnorm.expectKernels");
    Kernels k = KernelSelection.kernels();
    if (expected != null) assertEquals(expected, k.name(), k.description());
    boolean moduleReadable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!moduleReadable) {
      assertEquals("scalar", k.name());
      assertTrue(k.description().contains("--add-modules jdk.incubator.vector"), k.description());
    }
  }

  @Test
  void scalarCanBeForced() {
    Kernels k = KernelSelection.select("scalar");
    assertEquals("scalar", k.name());
    assertTrue(k.description().contains("-Dpathnorm.simd=scalar"), k.description());
  }

  @Test
  void unknownModeFallsBackToScalarAndSaysWhy() {
    Kernels k = KernelSelection.select("avx9000");
    assertEquals("scalar", k.name());
    assertTrue(k.description().contains("avx9000"), k.description());
  }

  @Test
  void vectorWidthIsReported() {
    Kernels k = KernelSelection.kernels();
    if (k.name().equals("panama")) {
      assertTrue(k.vectorBits() >= 128, k.description());
      String forced = System.getProperty("pathnorm.vectorBits");
      if (forced != null) assertEquals(Integer.parseInt(forced), k.vectorBits());
      assertTrue(k.description().startsWith("panama (" + k.vectorBits() + "-bit"), k.description());
    } else {
      assertEquals(32, k.vectorBits());
    }
  }
}
