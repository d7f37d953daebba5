package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.simd.KernelSelection;

/**
 * After a node failure: the cells no shard has a result for, each with the shard (and directory) that owes it and
 * whether it started; rerunning that shard (resume skips finished cells) completes the sweep with the same verdicts.
 */
class MissingCellsTest {
  private static Reproduction hiddenUnits() {
    return new Reproduction(Experiments.byName(List.of("hidden-units")), new Settings(Scale.SMOKE, null, 1), KernelSelection.kernels(), 1, null);
  }

  private static List<String> verdicts(List<ReportSection> sections) {
    List<String> v = new ArrayList<>();
    for (ReportSection s : sections) for (Verdict x : s.verdicts()) v.add(x.claim() + " -> " + x.label() + " (" + x.evidence() + ")");
    return v;
  }

  @Test
  void listsFailedAndUnstartedCellsByShardAndARerunCompletesTheSweep(@TempDir Path dir) throws Exception {
    Reproduction r = hiddenUnits();
    List<Cell> cells = r.cells();
    int n = 3;
    List<Path> shards = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      Path d = dir.resolve("shard-" + (k - 1));
      r.run(d, new Shard(k, n));
      assertEquals(Optional.of(new Shard(k, n)), Shard.read(d));
      shards.add(d);
    }
    assertTrue(r.missing(shards).isEmpty());
    List<String> expected = verdicts(r.report(shards, dir.resolve("whole"), 0));
    // shard 2 of 3 was killed while training its second cell: that cell started, its later ones never did
    Path s1 = shards.get(1);
    int failed = 4;  // indices 1, 4, 7 belong to shard 2/3
    int unstarted = 7;
    Files.delete(s1.resolve("hidden-units/cells").resolve(cells.get(failed).id()).resolve(CellResult.FILE));
    AtomicFiles.delete(s1.resolve("hidden-units/cells").resolve(cells.get(unstarted).id()).resolve(CellResult.FILE));
    try (var files = Files.list(s1.resolve("hidden-units/cells").resolve(cells.get(unstarted).id()))) {
      for (Path f : files.toList()) Files.delete(f);
    }
    Files.delete(s1.resolve("hidden-units/cells").resolve(cells.get(unstarted).id()));
    List<MissingCell> missing = r.missing(shards);
    assertEquals(2, missing.size(), missing.toString());
    assertEquals(new MissingCell("hidden-units", cells.get(failed).id(), failed, Optional.of(new Shard(2, 3)), Optional.of(s1), true), missing.get(0));
    assertEquals(new MissingCell("hidden-units", cells.get(unstarted).id(), unstarted, Optional.of(new Shard(2, 3)), Optional.of(s1), false),
        missing.get(1));
    assertEquals("hidden-units/" + cells.get(failed).id() + ": failed (started, no result.json) in shard 2/3 (" + s1 + ")",
        missing.get(0).describe());
    // without shard 3's directory its cells are owed by shard 3/3, found from the count the others record
    List<MissingCell> without = r.missing(List.of(shards.get(0), shards.get(1)));
    assertEquals(2 + 2, without.size(), without.toString());  // indices 2 and 5
    MissingCell third = without.stream().filter(c -> c.index() == 2).findFirst().orElseThrow();
    assertEquals(Optional.of(new Shard(3, 3)), third.shard());
    assertEquals(Optional.empty(), third.dir());
    assertTrue(third.describe().endsWith("in shard 3/3 (no directory given holds it)"), third.describe());
    // the rerun of shard 2 runs exactly the two missing cells; the merged verdicts equal the complete run's
    assertEquals(2, r.run(s1, new Shard(2, 3)));
    assertTrue(r.missing(shards).isEmpty());
    assertEquals(expected, verdicts(r.report(shards, dir.resolve("merged"), 0)));
  }

  /** {@code pathnorm report --missing} prints the same, and {@code --shard auto} outside a scheduler is refused in one line. */
  @Test
  void commandLine(@TempDir Path dir) throws Exception {
    picocli.CommandLine cl = org.pathnorm.cli.Main.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    String a = dir.resolve("a").toString();
    assertEquals(0, cl.execute("reproduce", "hidden-units", "--shard", "1/2", "--out", a, "--quiet"));
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true));
    try {
      assertEquals(0, cl.execute("report", a, "--out", dir.resolve("m").toString(), "--missing"));
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString();
    assertTrue(out.contains("missing: 4 of 8 cells have no result"), out);
    assertTrue(out.contains(": not started in shard 2/2 (no directory given holds it)"), out);
    assertTrue(out.contains("  [yes] ") || out.contains("  [no] ") || out.contains("  [undecided] "), out);
    boolean scheduler = System.getenv("SLURM_ARRAY_TASK_ID") != null || System.getenv("JOB_COMPLETION_INDEX") != null;
    if (!scheduler) {
      assertEquals(1, cl.execute("reproduce", "hidden-units", "--shard", "auto", "--out", dir.resolve("b").toString()));
      assertTrue(err.toString().contains("pathnorm: --shard auto: no scheduler shard in the environment"), err.toString());
      assertTrue(!Files.exists(dir.resolve("b")), "a refused command writes nothing");
    }
    assertEquals(1, cl.execute("reproduce", "hidden-units", "--shard", "1/2", "--shard-count", "2", "--out", dir.resolve("c").toString()));
    assertTrue(err.toString().contains("--shard-count: only with --shard auto, got --shard 1/2"), err.toString());
    // --emit-sbatch writes the script and runs nothing
    Path script = dir.resolve("job.sh");
    assertEquals(0, cl.execute("reproduce", "hidden-units", "--out", dir.resolve("slurm").toString(), "--emit-sbatch", script.toString(),
        "--cells-per-task", "3"), err.toString());
    String text = Files.readString(script);
    assertTrue(text.contains("--array=\"${ARRAY:-0-2}\"") && text.contains("--shard auto --shard-count 3"), text);
    assertTrue(text.contains("--dependency=afterany:\"$array_job\""), text);
    assertTrue(!Files.exists(dir.resolve("slurm").resolve(Reproduction.CONFIG)), "--emit-sbatch runs nothing");
  }
}
