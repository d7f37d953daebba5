package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.simd.KernelSelection;

/**
 * measure-ranking at smoke scale: a one-axis-at-a-time grid around the base point, every measure on each net, and a
 * τ table whose entries equal τ recomputed here from the cells' results.
 */
class MeasureRankingTest {

  @Test
  void gridVariesOneAxisAtATime() {
    List<MeasureRanking.Net> nets = MeasureRanking.grid(new Settings(Scale.SMOKE, null, 1));
    Map<String, String> base = nets.get(0).hyperparameters();
    assertEquals("base-s1", nets.get(0).id());
    Set<String> ids = new HashSet<>();
    Set<String> axesVaried = new HashSet<>();
    for (MeasureRanking.Net n : nets.subList(1, nets.size())) {
      int differ = 0;
      for (String a : MeasureRanking.AXES) {
        if (!n.hyperparameters().get(a).equals(base.get(a))) {
          differ++;
          axesVaried.add(a);
        }
      }
      assertEquals(1, differ, n.id());
      assertTrue(ids.add(n.id()), "duplicate id " + n.id());
    }
    assertEquals(Set.copyOf(MeasureRanking.AXES), axesVaried);
  }

  @Test
  void tauTableMatchesTheCells(@TempDir Path dir) throws Exception {
    Reproduction r = new Reproduction(Experiments.byName(List.of("measure-ranking")), new Settings(Scale.SMOKE, null, 1),
        KernelSelection.kernels(), 1, null);
    r.run(dir, Shard.ALL);
    List<ReportSection> sections = r.report(List.of(dir), dir, 0);
    assertEquals(2, sections.get(0).verdicts().size());
    assertTrue(Files.exists(dir.resolve("measure-ranking/tau.svg")) && Files.exists(dir.resolve("measure-ranking/tau.png")));
    // the report's table: every measure once, ranked by Ψ (non-increasing), its cells those of ranking.csv
    ReportSection.Table table = sections.get(0).tables().get(0);
    assertEquals(MeasureRanking.MEASURES.size(), table.rows().size());
    assertEquals(Set.copyOf(MeasureRanking.MEASURES), Set.copyOf(table.rows().stream().map(row -> row.get(1)).toList()));
    double previous = Double.POSITIVE_INFINITY;
    List<String> csvLines = Files.readAllLines(dir.resolve("measure-ranking/ranking.csv"));
    for (List<String> row : table.rows()) {
      String psi = row.get(row.size() - 1);
      double v = psi.isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(psi);
      assertTrue(v <= previous, "table not ranked by Ψ at " + row.get(1));
      previous = v;
      String csvRow = csvLines.stream().filter(l -> l.startsWith(row.get(1) + ",")).findFirst().orElseThrow();
      assertEquals(csvRow.substring(0, csvRow.lastIndexOf(',')), String.join(",", row.subList(1, row.size())));
    }
    String html = Files.readString(dir.resolve(Reproduction.REPORT));
    assertTrue(html.contains("<table class=\"data\">") && html.contains("<td>l2_path_norm</td>"), "no ranking table in report.html");
    List<String> lines = Files.readAllLines(dir.resolve("measure-ranking/ranking.csv"));
    assertEquals("measure,tau,tau_b,psi_depth,psi_width,psi_lr,psi_batch,psi_dropout,psi_weight_decay,psi_optimizer,psi_init,Psi,networks",
        lines.get(0));
    assertEquals(MeasureRanking.MEASURES.size() + 1, lines.size());
    // recompute τ of the ℓ2 path norm and ψ_depth from the result files
    List<MeasureRanking.Net> nets = MeasureRanking.grid(new Settings(Scale.SMOKE, null, 1));
    double[] m = new double[nets.size()];
    double[] g = new double[nets.size()];
    double[] md = new double[3];
    double[] gd = new double[3];
    int d = 0;
    for (int i = 0; i < nets.size(); i++) {
      CellResult c = CellResult.read(dir.resolve("measure-ranking/cells").resolve(nets.get(i).id()).resolve(CellResult.FILE));
      m[i] = c.value("l2_path_norm");
      g[i] = c.last(c.testError()) - c.last(c.trainError());
      assertTrue(m[i] > 0, nets.get(i).id() + ": no l2_path_norm in " + c.values().keySet());
      if (nets.get(i).id().startsWith("base") || nets.get(i).id().startsWith("depth-")) {
        md[d] = m[i];
        gd[d++] = g[i];
      }
    }
    assertEquals(3, d);
    String row = lines.stream().filter(l -> l.startsWith("l2_path_norm,")).findFirst().orElseThrow();
    String[] f = row.split(",", -1);
    assertEquals(String.format(Locale.ROOT, "%.4g", KendallTau.paper(m, g)), f[1]);
    assertEquals(String.format(Locale.ROOT, "%.4g", KendallTau.paper(md, gd)), f[3]);
    assertEquals("" + nets.size(), f[f.length - 1]);
    psiFigureHoldsTheRankingsPsiColumns(dir, sections.get(0), table);
  }

  /** psi.csv: the ψ columns of ranking.csv, rows in the table's order; psi.svg: one cell per (measure, axis) with that value; beside tau.svg. */
  private static void psiFigureHoldsTheRankingsPsiColumns(Path dir, ReportSection section, ReportSection.Table table) throws Exception {
    List<String> ranking = Files.readAllLines(dir.resolve("measure-ranking/ranking.csv"));
    List<String> psi = Files.readAllLines(dir.resolve("measure-ranking/psi.csv"));
    String[] header = ranking.get(0).split(",", -1);
    int first = List.of(header).indexOf("psi_" + MeasureRanking.AXES.get(0));
    int count = MeasureRanking.AXES.size();
    assertEquals("measure," + String.join(",", List.of(header).subList(first, first + count)), psi.get(0));
    assertEquals(MeasureRanking.MEASURES.size() + 1, psi.size());
    java.util.Map<String, String[]> psiRows = new java.util.HashMap<>();
    for (int i = 1; i < psi.size(); i++) {
      String[] f = psi.get(i).split(",", -1);
      assertEquals(table.rows().get(i - 1).get(1), f[0], "psi.csv row " + i + " not in the table's order");
      psiRows.put(f[0], f);
    }
    int defined = 0;
    for (String line : ranking.subList(1, ranking.size())) {
      String[] f = line.split(",", -1);
      String[] p = psiRows.get(f[0]);
      assertTrue(p != null, f[0] + " missing from psi.csv");
      assertEquals(List.of(f).subList(first, first + count), List.of(p).subList(1, p.length), f[0]);
      for (int k = 0; k < count; k++) if (!p[1 + k].isEmpty()) defined++;
    }
    assertTrue(defined > 0, "no ψ value at all");
    // the SVG: well-formed, one cell per (measure, axis), its value that of the CSV
    org.w3c.dom.Document d = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(dir.resolve("measure-ranking/psi.svg").toFile());
    org.w3c.dom.NodeList groups = d.getElementsByTagName("g");
    Set<String> cells = new HashSet<>();
    for (int i = 0; i < groups.getLength(); i++) {
      org.w3c.dom.Element g = (org.w3c.dom.Element) groups.item(i);
      if (!g.getAttribute("class").equals("cell")) continue;
      String measure = g.getAttribute("data-row");
      String axis = g.getAttribute("data-column");
      assertTrue(cells.add(measure + "|" + axis), "two cells for " + measure + " " + axis);
      String csvValue = psiRows.get(measure)[1 + MeasureRanking.AXES.indexOf(axis)];
      String value = g.getAttribute("data-value");
      assertEquals(csvValue, value.isEmpty() ? "" : String.format(Locale.ROOT, "%.4g", Double.parseDouble(value)), measure + " " + axis);
    }
    assertEquals(MeasureRanking.MEASURES.size() * count, cells.size());
    assertTrue(Files.size(dir.resolve("measure-ranking/psi.png")) > 1000);
    List<String> svgs = section.figures().stream().map(ReportSection.Figure::svg).toList();
    assertEquals(List.of("measure-ranking/tau.svg", "measure-ranking/psi.svg"), svgs, "psi.svg beside tau.svg in the report");
    String html = Files.readString(dir.resolve(Reproduction.REPORT));
    assertTrue(html.contains("measure-ranking/psi.svg"), "psi.svg not in report.html");
  }

  /** {@code pathnorm sweep}: the same grid as a command, in two shards merged by {@code pathnorm report}; it takes no positional argument. */
  @Test
  void sweepCommandShardsAndMerges(@TempDir Path dir) throws Exception {
    picocli.CommandLine cl = org.pathnorm.cli.Main.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    String a = dir.resolve("a").toString();
    String b = dir.resolve("b").toString();
    assertEquals(0, cl.execute("sweep", "--shard", "1/2", "--out", a, "--quiet"));
    assertEquals(0, cl.execute("sweep", "--shard", "2/2", "--out", b, "--quiet"));
    assertTrue(Files.readString(Path.of(a, Reproduction.CONFIG)).contains("\"measure-ranking\""));
    Path merged = dir.resolve("m");
    assertEquals(0, cl.execute("report", a, b, "--out", merged.toString()));
    int nets = MeasureRanking.grid(new Settings(Scale.SMOKE, null, 1)).size();
    for (String line : Files.readAllLines(merged.resolve("measure-ranking/ranking.csv")).subList(1, MeasureRanking.MEASURES.size() + 1)) {
      assertEquals("" + nets, line.substring(line.lastIndexOf(',') + 1), "a merged row does not count every network: " + line);
    }
    assertTrue(Files.exists(merged.resolve("measure-ranking/tau.svg")));
    // the Slurm script of a sweep: its array tasks run the sweep's cells, and its merge job the report of their directories
    Path script = dir.resolve("sweep.sh");
    Path cluster = dir.resolve("cluster");
    assertEquals(0, cl.execute("sweep", "--emit-sbatch", script.toString(), "--out", cluster.toString(), "--cells-per-task", "8"));
    String text = Files.readString(script);
    int tasks = (nets + 7) / 8;
    assertTrue(text.contains("--array=\"${ARRAY:-0-" + (tasks - 1) + "}"), text);
    sbatchRunsTheSweepsCells(dir, script, cluster.toAbsolutePath(), tasks, merged);
    assertTrue(cl.execute("sweep", "depth") != 0);
    assertTrue(err.toString().contains("depth"), err.toString());
  }

  /**
   * Submits the script to a stand-in sbatch, then runs what it was given: each array task (SLURM_ARRAY_TASK_ID set) and the
   * merge, with a stand-in {@code pathnorm} that records its arguments and runs this build's CLI in a child JVM. The tasks
   * must run {@code reproduce measure-ranking} at the sweep's scale and seeds into their shard directories, together every
   * cell of the grid once; the merge {@code pathnorm report} on those directories, giving the ranking of the in-process run.
   */
  private static void sbatchRunsTheSweepsCells(Path dir, Path script, Path base, int tasks, Path inProcess) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String modules = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? " --add-modules jdk.incubator.vector" : "";
    Path slurm = Files.createDirectories(dir.resolve("slurm"));
    SbatchScriptTest.fakes(slurm, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$SUBMITTED/ran-$SLURM_ARRAY_TASK_ID.args\"\n"
        + "exec " + SbatchScript.q(java) + modules + " -Xss4m -cp " + SbatchScript.q(System.getProperty("java.class.path"))
        + " org.pathnorm.cli.Main \"$@\" > \"$SUBMITTED/out-$SLURM_ARRAY_TASK_ID.txt\" 2>&1\n");
    Path sub = slurm.resolve("submitted");
    String out = SbatchScriptTest.bash(slurm, Map.of("SUBMITTED", sub.toString()), "bash", script.toString());
    assertTrue(out.contains("array job 41 (tasks 0-" + (tasks - 1) + "), merge job 42 after it"), out);
    Set<String> ran = new HashSet<>();
    for (int t = 0; t < tasks; t++) {
      SbatchScriptTest.bash(slurm, Map.of("SUBMITTED", sub.toString(), "SLURM_ARRAY_TASK_ID", "" + t), "bash", sub.resolve("0.sh").toString());
      List<String> args = Files.readAllLines(sub.resolve("ran-" + t + ".args"));
      assertEquals(List.of("reproduce", "measure-ranking", "--scale", "smoke", "--seeds", "1"), args.subList(0, 6), "task " + t);
      assertEquals(List.of("--shard", "auto", "--shard-count", "" + tasks, "--out", base + "/shard-" + t), args.subList(args.size() - 6, args.size()));
      try (var cells = Files.list(base.resolve("shard-" + t).resolve("measure-ranking/cells"))) {
        cells.forEach(c -> assertTrue(ran.add(c.getFileName().toString()), "cell run twice: " + c));
      }
    }
    assertEquals(Set.copyOf(MeasureRanking.grid(new Settings(Scale.SMOKE, null, 1)).stream().map(MeasureRanking.Net::id).toList()), ran);
    // the merge job: no SLURM_ARRAY_TASK_ID, so its record is ran-.args
    SbatchScriptTest.bash(slurm, Map.of("SUBMITTED", sub.toString()), "bash", sub.resolve("1.sh").toString());
    List<String> merge = new java.util.ArrayList<>(List.of("report"));
    for (int t = 0; t < tasks; t++) merge.add(base + "/shard-" + t);
    merge.addAll(List.of("--out", base.toString(), "--missing"));
    assertEquals(merge, Files.readAllLines(sub.resolve("ran-.args")));
    assertEquals(Files.readAllLines(inProcess.resolve("measure-ranking/ranking.csv")), Files.readAllLines(base.resolve("measure-ranking/ranking.csv")),
        "the array's merged ranking differs from the in-process sweep's");
    assertTrue(Files.exists(base.resolve("measure-ranking/psi.svg")) && Files.exists(base.resolve(Reproduction.REPORT)));
  }

  /** With several seeds, every group of every axis holds networks of one seed only, and the base point of each seed. */
  @Test
  void axisGroupsNeverMixSeeds() {
    List<MeasureRanking.Net> nets = MeasureRanking.grid(new Settings(Scale.SMOKE, null, 2));
    for (String axis : MeasureRanking.AXES) {
      java.util.Map<String, java.util.Set<String>> seedsByGroup = new java.util.HashMap<>();
      for (MeasureRanking.Net n : nets) {
        java.util.Map<String, String> c = new java.util.TreeMap<>(MeasureRanking.coordinates(n));
        String seed = c.get("seed");
        c.remove(axis);
        seedsByGroup.computeIfAbsent(c.toString(), k -> new java.util.HashSet<>()).add(seed);
      }
      for (java.util.Set<String> seeds : seedsByGroup.values()) assertEquals(1, seeds.size(), axis + ": a group mixes seeds " + seeds);
      assertEquals(2, seedsByGroup.values().stream().filter(g -> g.size() == 1).map(g -> g.iterator().next()).distinct().count());
    }
  }
}
