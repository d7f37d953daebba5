package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made cell results for the verdict tests: no training, just the curves and values an
 * experiment's report reads, and the verdicts its report draws from them.
 */
final class MadeUpResults {
  private MadeUpResults() {}

  static final Settings SMOKE = new Settings(Scale.SMOKE, null, 1);

  /** A converged run of three epochs: the curves fall to the given final values; validation follows test. */
  static CellResult run(String id, double loss, double trainError, double testError, Map<String, Double> values) {
    return new CellResult(id, Map.of(), curve(loss), curve(trainError), curve(testError), curve(testError), "completed", 1,
        new LinkedHashMap<>(values));
  }

  /** A run with explicit curves. */
  static CellResult run(String id, double[] loss, double[] trainError, double[] validationError, double[] testError, String stopped) {
    return new CellResult(id, Map.of(), loss, trainError, validationError, testError, stopped, 1, new LinkedHashMap<>());
  }

  /** Three epochs falling to {@code last}: {last + 0.4, last + 0.2, last}. */
  static double[] curve(double last) {
    return new double[] {last + 0.4, last + 0.2, last};
  }

  /** The verdicts of {@code e}'s report on {@code results} (figures go to a temporary directory). */
  static List<Verdict> verdicts(Experiment e, Map<String, CellResult> results) {
    try {
      Path dir = Files.createTempDirectory("verdicts-" + e.name());
      ReportSection section = new ReportSection(e.title());
      try {
        e.report(SMOKE, results, dir, section);
      } finally {
        try (var files = Files.walk(dir)) {
          for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
      }
      return new ArrayList<>(section.verdicts());
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The one verdict whose claim starts with {@code claim}. */
  static Verdict verdict(List<Verdict> verdicts, String claim) {
    List<Verdict> found = verdicts.stream().filter(v -> v.claim().startsWith(claim)).toList();
    assertEquals(1, found.size(), () -> "verdicts starting with '" + claim + "' in " + verdicts);
    return found.get(0);
  }

  /** Every verdict holds. */
  static void assertAllHold(List<Verdict> verdicts, int expected) {
    assertEquals(expected, verdicts.size(), () -> "verdicts: " + verdicts);
    for (Verdict v : verdicts) assertEquals(Boolean.TRUE, v.holds(), () -> "expected yes: " + v);
  }

  /** The verdict on {@code claim} is "no" and every other verdict still holds. */
  static void assertOnlyFails(List<Verdict> verdicts, String claim) {
    Verdict failed = verdict(verdicts, claim);
    assertNotNull(failed.holds(), () -> "expected no, got undecided: " + failed);
    assertEquals(Boolean.FALSE, failed.holds(), () -> "expected no: " + failed);
    for (Verdict v : verdicts) {
      if (v != failed) assertEquals(Boolean.TRUE, v.holds(), () -> "expected yes: " + v);
    }
    assertTrue(failed.evidence() != null && !failed.evidence().isBlank(), "evidence is given");
  }
}
