package org.pathnorm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged jar, run as users run it: {@code java -jar target/pathnorm.jar …} in a child JVM. */
class JarIT {
  private static final Path JAR = Paths.get(System.getProperty("pathnorm.jar", "target/pathnorm.jar"));
  private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

  record Result(int exit, String out, String err) {}

  private static Result run(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), "missing " + JAR + ": run `mvn package` first");
    List<String> cmd = new ArrayList<>();
    cmd.add(JAVA);
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  private static double jsonNumber(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.eE+-]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void plainJavaJarRunsTheScalarPathAndSaysWhy() throws Exception {
    Result r = run(List.of(), "--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("kernels: scalar (jdk.incubator.vector not readable: pass --add-modules jdk.incubator.vector)"), r.out());
    assertTrue(r.out().startsWith("pathnorm "), r.out());
  }

  @Test
  void plainJavaJarComputesGemmRight() throws Exception {
    Result r = run(List.of(), "bench", "gemm", "--m", "33", "--n", "17", "--k", "65", "--trans-b",
        "--check", "--json", "--repeat", "1", "--warmup", "0", "--min-time", "0");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"kernels\":\"scalar"), r.out());
    double err = jsonNumber(r.out(), "check_rel_error");
    assertTrue(err >= 0 && err < 67 * 0x1p-23, r.out());
    assertTrue(jsonNumber(r.out(), "gflops") > 0, r.out());
    assertEquals(1, (int) jsonNumber(r.out(), "threads"));
  }

  @Test
  void withTheVectorModuleThePanamaPathComputesRight() throws Exception {
    Result r = run(List.of("--add-modules", "jdk.incubator.vector"), "bench", "gemm", "--m", "100", "--n", "70",
        "--k", "300", "--threads", "2", "--check", "--json", "--repeat", "1", "--warmup", "0", "--min-time", "0");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"kernels\":\"panama ("), r.out());
    assertTrue(jsonNumber(r.out(), "check_rel_error") < 302 * 0x1p-23, r.out());
    assertEquals(2, (int) jsonNumber(r.out(), "threads"));
  }

  @Test
  void badArgumentsGiveOneLineAndANonZeroExit() throws Exception {
    Result r = run(List.of(), "bench", "gemm", "--m", "0", "--n", "3", "--k", "3");
    assertEquals(1, r.exit());
    assertEquals("pathnorm: --m, --n and --k must be >= 1", r.err().strip());
    assertFalse(r.err().contains("Exception"), r.err());
    Result missing = run(List.of(), "bench", "gemm", "--m", "3");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("Missing required options"), missing.err());
  }
}
