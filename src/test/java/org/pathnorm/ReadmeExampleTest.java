package org.pathnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java example of README.md compiles against the library and prints what the README says. */
class ReadmeExampleTest {

  @Test
  void readmeJavaExamplesCompileRunAndPrintWhatTheyPromise(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Paths.get("README.md"));
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    int examples = 0;
    while (block.find()) {
      check(dir.resolve("example" + examples), block.group(1));
      examples++;
    }
    assertTrue(examples >= 2, "README.md should hold the training and the GEMM examples, found " + examples);
  }

  private void check(Path dir, String source) throws Exception {
    Files.createDirectories(dir);
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
    assertTrue(cls.find(), "the example declares no public class");
    Matcher promise = Pattern.compile("// prints (.*)").matcher(source);
    assertTrue(promise.find(), "the example " + cls.group(1) + " states no expected output");

    Path file = dir.resolve(cls.group(1) + ".java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK, not a JRE");
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, null, diagnostics, "-d", dir.toString(),
        "-cp", System.getProperty("java.class.path"), file.toString());
    assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of(promise.group(1).strip()), lines, cls.group(1));
  }
}
