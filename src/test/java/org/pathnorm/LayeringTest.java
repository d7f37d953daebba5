package org.pathnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pathnorm.simd.Kernels;
import org.pathnorm.testing.ClassReferences;
import org.pathnorm.testing.PackageLayering;

/**
 * The package layering of {@code docs/architecture.md}, checked on the compiled main classes:
 * cli → experiments → train → optim | measures → nn → linalg → simd, with {@code data} (datasets)
 * and {@code io} (files of models, JSON, plots) beside them. Only {@code simd} touches
 * {@code jdk.incubator.vector}.
 */
class LayeringTest {

  /** For each package, the other packages of ours it may use. */
  static final Map<String, Set<String>> ALLOWED = Map.of(
      "simd", Set.of(),
      "linalg", Set.of("simd"),
      "nn", Set.of("linalg", "simd"),
      "data", Set.of("simd"),
      "io", Set.of("nn", "linalg", "simd"),
      "optim", Set.of("nn", "linalg", "simd"),
      "measures", Set.of("nn", "linalg", "simd", "data", "io"),
      "train", Set.of("optim", "measures", "nn", "linalg", "simd", "data", "io"),
      "experiments", Set.of("train", "optim", "measures", "nn", "linalg", "simd", "data", "io"),
      "cli", Set.of("experiments", "train", "optim", "measures", "nn", "linalg", "simd", "data", "io"));

  /**
   * Known violations on their way out; each entry must still occur, so this list can only shrink.
   * Empty: measures writes its JSON through io in one class (MeasureJson, checked by
   * MeasureJsonTest), not from its records.
   */
  static final Map<String, String> PENDING = Map.of();

  static final PackageLayering LAYERING = new PackageLayering(ALLOWED, "simd", PENDING);

  static Path mainClasses() throws URISyntaxException {
    Path p = Path.of(Kernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(p), "expected the compiled main classes in a directory, found " + p);
    return p;
  }

  @Test void mainClassesObeyTheLayering() throws Exception {
    Map<String, Set<String>> classes = ClassReferences.scan(mainClasses());
    // The scan sees every package of the matrix, so no rule holds vacuously.
    Set<String> seen = new java.util.TreeSet<>();
    classes.keySet().forEach(c -> seen.add(PackageLayering.packageOf(c)));
    assertTrue(seen.containsAll(ALLOWED.keySet()), "packages scanned: " + seen);
    List<String> v = LAYERING.violations(classes);
    assertTrue(v.isEmpty(), v.size() + " layering violation(s):\n" + String.join("\n", v));
  }

  @Test void readerSeesImportsFullyQualifiedUsesAndTheVectorApi() throws Exception {
    Path root = mainClasses();
    // CsvReader throws data's own DataFormatException (an import).
    assertTrue(read(root, "org/pathnorm/data/CsvReader").contains("org/pathnorm/data/DataFormatException"));
    // PanamaKernels is built on FloatVector.
    assertTrue(read(root, "org/pathnorm/simd/PanamaKernels").contains("jdk/incubator/vector/FloatVector"));
    // A type that appears only in a field descriptor (LAYERING) is seen too.
    assertTrue(read(testClasses(), "org/pathnorm/LayeringTest").contains("org/pathnorm/testing/PackageLayering"));
  }

  @Test void aReferenceUpTheLayersIsReported() {
    List<String> v = LAYERING.violations(Map.of(
        "org/pathnorm/nn/Dense", Set.of("org/pathnorm/linalg/Gemm", "org/pathnorm/optim/Sgd"),
        "org/pathnorm/data/CsvReader", Set.of("org/pathnorm/io/DataFormatException")));
    assertEquals(List.of(
        "org.pathnorm.data.CsvReader uses org.pathnorm.io.DataFormatException: data may use only [simd]",
        "org.pathnorm.nn.Dense uses org.pathnorm.optim.Sgd: nn may use only [linalg, simd]"),
        v.stream().filter(s -> !s.contains("pending list")).toList());
  }

  @Test void theVectorApiOutsideSimdIsReported() {
    List<String> v = LAYERING.violations(Map.of(
        "org/pathnorm/linalg/Gemm$Tile", Set.of("jdk/incubator/vector/FloatVector"),
        "org/pathnorm/simd/PanamaKernels", Set.of("jdk/incubator/vector/FloatVector")));
    assertEquals(List.of("org.pathnorm.linalg.Gemm$Tile uses jdk.incubator.vector.FloatVector: only simd may use jdk.incubator.vector"),
        v.stream().filter(s -> !s.contains("pending list")).toList());
  }

  @Test void anUnknownPackageAndAStalePendingEntryAreReported() {
    PackageLayering small = new PackageLayering(Map.of("simd", Set.of(), "nn", Set.of("simd")), "simd",
        Map.of("org/pathnorm/nn/Old", "io"));
    List<String> v = small.violations(Map.of(
        "org/pathnorm/api/Facade", Set.of("org/pathnorm/nn/Model"),
        "org/pathnorm/nn/Old", Set.of("org/pathnorm/simd/Kernels"),
        "org/pathnorm/nn/Pending", Set.of("org/pathnorm/io/JsonWriter")));
    assertEquals(List.of(
        "org.pathnorm.api.Facade: package 'api' is not in the layering matrix; add it to LayeringTest",
        "org.pathnorm.nn.Old no longer uses io: remove it from the pending list of LayeringTest",
        "org.pathnorm.nn.Pending uses org.pathnorm.io.JsonWriter: nn may use only [simd]"), v);
  }

  @Test void aPendingEntryCoversItsNestedClassesAndNothingElse() {
    PackageLayering small = new PackageLayering(Map.of("nn", Set.of()), "simd", Map.of("org/pathnorm/nn/Old", "io"));
    assertEquals(List.of(), small.violations(Map.of("org/pathnorm/nn/Old$Json", Set.of("org/pathnorm/io/JsonWriter"))));
    assertEquals(List.of("org.pathnorm.nn.Old$Json uses org.pathnorm.data.Dataset: nn may use only []"),
        small.violations(Map.of("org/pathnorm/nn/Old$Json", Set.of("org/pathnorm/io/JsonWriter", "org/pathnorm/data/Dataset"))));
  }

  private static Path testClasses() throws URISyntaxException {
    return Path.of(LayeringTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Set<String> read(Path root, String internalName) throws IOException {
    try (InputStream in = Files.newInputStream(root.resolve(internalName + ".class"))) {
      return ClassReferences.of(in.readAllBytes());
    }
  }
}
