package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.KernelSelection;
import picocli.CommandLine;

class MainTest {

  private static String[] run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void versionNamesJdkAndKernels() {
    String[] r = run("--version");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("jdk: " + Runtime.version()), r[1]);
    assertTrue(r[1].contains("kernels: " + KernelSelection.kernels().description()), r[1]);
    assertTrue(r[1].matches("(?s)pathnorm \\d+\\.\\d+\\.\\d+.*"), r[1]);
    // what was chosen for this machine: species and tile, blocking, CPU, thread policy
    assertTrue(r[1].contains("chosen: " + KernelSelection.kernels().choices()), r[1]);
    assertTrue(r[1].contains("micro-kernel " + KernelSelection.kernels().gemmKernel().mr() + "x" + KernelSelection.kernels().gemmKernel().nr())
        || KernelSelection.kernels().name().equals("scalar"), r[1]);
    assertTrue(r[1].contains("gemm blocking: KC="), r[1]);
    assertTrue(r[1].contains(" cpus\n") && r[1].contains("cpu: "), r[1]);
    assertTrue(r[1].contains("threads: --threads N"), r[1]);
    assertTrue(r[1].contains("update: plain SGD") && r[1].contains("inside the weight-gradient GEMM"), r[1]);
  }

  @Test
  void helpListsTheBenchVerb() {
    String[] r = run("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("bench"), r[1]);
  }

  @Test
  void errorsAreOneLineWithoutStackTraceUnlessVerbose() {
    String[] r = run("bench", "gemm", "--m", "2", "--n", "2", "--k", "2", "--threads", "0");
    assertEquals("1", r[0]);
    assertEquals("pathnorm: --threads must be >= 1, got 0", r[2].strip());
    String[] v = run("--verbose", "bench", "gemm", "--m", "2", "--n", "2", "--k", "2", "--threads", "0");
    assertTrue(v[2].contains("IllegalArgumentException") && v[2].contains("at org.pathnorm"), v[2]);
  }
}
