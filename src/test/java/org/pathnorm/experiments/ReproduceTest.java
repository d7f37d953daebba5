package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.simd.KernelSelection;

/**
 * Every experiment at smoke scale on the digits: the files of each cell and figure, report.html with a
 * verdict per claim, resuming, sharding and merging, and the page rendered in headless Chromium.
 */
class ReproduceTest {

  private static Reproduction reproduction(List<String> names) {
    return new Reproduction(Experiments.byName(names), new Settings(Scale.SMOKE, null, 1), KernelSelection.kernels(), 1, null);
  }

  private static List<String> verdicts(List<ReportSection> sections) {
    List<String> v = new ArrayList<>();
    for (ReportSection s : sections) for (Verdict x : s.verdicts()) v.add(x.claim() + " -> " + x.label() + " (" + x.evidence() + ")");
    return v;
  }

  @Test
  void everyExperimentRunsResumesAndReports(@TempDir Path dir) throws Exception {
    Reproduction r = reproduction(Experiments.names());
    int ran = r.run(dir, Shard.ALL);
    int cells = 0;
    for (Experiment e : Experiments.byName(Experiments.names())) cells += e.cells(new Settings(Scale.SMOKE, null, 1)).size();
    assertEquals(cells, ran);
    assertEquals(cells, countResults(dir));
    List<ReportSection> sections = r.report(List.of(dir), dir, 1);
    String html = Files.readString(dir.resolve(Reproduction.REPORT));
    for (Experiment e : Experiments.byName(Experiments.names())) {
      assertTrue(html.contains(ReportPage.esc(e.title())), e.title());
      for (String fig : List.of("png", "svg", "csv")) {
        try (var files = Files.list(dir.resolve(e.name()))) {
          assertTrue(files.anyMatch(p -> p.toString().endsWith("." + fig)), e.name() + " has no ." + fig);
        }
      }
    }
    for (ReportSection s : sections) {
      assertTrue(!s.verdicts().isEmpty(), s.title + " has no verdict");
      for (ReportSection.Figure f : s.figures) {
        assertTrue(Files.size(dir.resolve(f.png())) > 1000, f.png());
        assertTrue(Files.readString(dir.resolve(f.svg())).contains("</svg>"), f.svg());
        assertEquals(f.png().replace(".png", ".svg"), f.svg(), "the SVG lies beside its PNG");
        // a plot's CSV is long (series,x,y,spread); a heat map's (psi.csv) is wide: one row per measure, one column per axis
        String csv = Files.readString(dir.resolve(f.csv()));
        assertTrue(csv.startsWith("series,x,y,spread\n") || f.csv().endsWith("/psi.csv") && csv.startsWith("measure,psi_"), f.csv());
      }
    }
    // the invariance claims are exact properties of the methods: they must hold at any scale
    for (String v : verdicts(sections)) {
      if (v.startsWith("Path-SGD's curves from the balanced and the unbalanced init coincide") || v.startsWith("DDP-SGD at α = 1")
          || v.startsWith("DDP-SGD is invariant")) {
        assertTrue(v.contains("-> yes"), v);
      }
    }
    // every image of the page exists
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      assertTrue(Files.exists(dir.resolve(m.group(1))), m.group(1));
      images++;
    }
    assertTrue(images >= 10, images + " images");
    assertEquals(0, r.run(dir, Shard.ALL), "a finished sweep runs nothing again");
    Path one = dir.resolve("hidden-units/cells/h64-s1/result.json");
    Files.delete(one);
    assertEquals(1, r.run(dir, Shard.ALL), "a resumed sweep runs only the missing cell");
    assertTrue(Files.exists(one));
  }

  @Test
  void reportRendersInChromium(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Assumptions.assumeTrue(Files.isExecutable(chromium) || System.getenv("CI_REQUIRE_CHROMIUM") != null,
        "Chromium not installed: the browser check is skipped here (CI installs it and sets CI_REQUIRE_CHROMIUM)");
    // measure-ranking brings a heat map (psi.svg) beside its dot plot: every kind of figure is rendered
    Reproduction r = reproduction(List.of("hidden-units", "unbalanced", "measure-ranking"));
    r.run(dir, Shard.ALL);
    List<ReportSection> sections = r.report(List.of(dir), dir, 1);
    assertTrue(sections.get(2).figures().stream().anyMatch(f -> f.svg().equals("measure-ranking/psi.svg")), "no heat map in the report");
    int images = 0;
    for (ReportSection s : sections) images += s.figures.size();
    renderInChromium(chromium, dir.resolve(Reproduction.REPORT), images);
    // every SVG and PNG of the run directory, each as an image of one page: all must decode (naturalWidth > 0)
    List<Path> files;
    try (java.util.stream.Stream<Path> w = Files.walk(dir)) {
      files = w.filter(p -> p.toString().endsWith(".svg") || p.toString().endsWith(".png")).sorted().toList();
    }
    assertEquals(2 * images, files.size(), "one SVG and one PNG per figure");
    StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body data-images-loaded=\"0\">\n");
    for (Path f : files) page.append("<img src=\"").append(dir.relativize(f)).append("\">\n");
    String html = Files.readString(dir.resolve(Reproduction.REPORT));
    page.append(html, html.indexOf("<script>"), html.indexOf("</script>") + "</script>".length()).append("</body></html>\n");
    Path all = dir.resolve("all-images.html");
    Files.writeString(all, page);
    renderInChromium(chromium, all, files.size());
    // a broken SVG does not load: the check can fail
    Path broken = dir.resolve("broken.svg");
    Files.writeString(broken, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect></svg>");
    Files.writeString(dir.resolve("broken.html"), page.toString().replace("<img src=\"" + dir.relativize(files.get(0)) + "\">",
        "<img src=\"broken.svg\">"));
    assertThrows(AssertionError.class, () -> renderInChromium(chromium, dir.resolve("broken.html"), files.size()));
  }

  @Test
  void shardsMergeIntoTheSameReport(@TempDir Path dir) throws Exception {
    List<String> names = List.of("hidden-units", "unbalanced");
    Reproduction r = reproduction(names);
    Path whole = dir.resolve("whole");
    r.run(whole, Shard.ALL);
    List<String> expected = verdicts(r.report(List.of(whole), whole, 0));
    int total = (int) countResults(whole);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    int ranA = r.run(a, new Shard(1, 2));
    int ranB = r.run(b, new Shard(2, 2));
    assertEquals(total, ranA + ranB);
    assertTrue(ranA > 0 && ranB > 0);
    List<ReportSection> partial = r.report(List.of(a), a, 0);
    assertTrue(partial.get(0).missing > 0);
    Path merged = dir.resolve("merged");
    assertEquals(expected, verdicts(Reproduction.fromConfig(a, KernelSelection.kernels()).report(List.of(a, b), merged, 0)));
    assertTrue(Files.exists(merged.resolve(Reproduction.REPORT)));
    // a directory of another reproduction is refused
    Reproduction other = new Reproduction(Experiments.byName(names), new Settings(Scale.SMOKE, null, 2), KernelSelection.kernels(), 1, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.run(a, Shard.ALL));
    assertTrue(e.getMessage().contains("holds a reproduction with other settings"), e.getMessage());
  }

  /** The commands: reproduce in two shards, report merges them; errors are one line with exit code 1. */
  @Test
  void commandLineShardsAndReports(@TempDir Path dir) {
    picocli.CommandLine cl = org.pathnorm.cli.Main.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    String a = dir.resolve("a").toString();
    String b = dir.resolve("b").toString();
    assertEquals(0, cl.execute("reproduce", "hidden-units", "--shard", "1/2", "--out", a, "--quiet"));
    assertEquals(0, cl.execute("reproduce", "hidden-units", "--shard", "2/2", "--out", b, "--quiet"));
    assertTrue(!Files.exists(Path.of(a, Reproduction.REPORT)), "a shard writes no report");
    assertEquals(0, cl.execute("report", a, b, "--out", dir.resolve("m").toString()));
    assertTrue(Files.exists(dir.resolve("m").resolve(Reproduction.REPORT)));
    assertEquals(1, cl.execute("reproduce", "vgg", "--out", dir.resolve("x").toString()));
    assertTrue(err.toString().contains("unknown experiment 'vgg'"), err.toString());
    assertEquals(1, cl.execute("report", dir.resolve("nothing").toString()));
    assertTrue(err.toString().contains("not a pathnorm reproduce directory"), err.toString());
  }

  @Test
  void badArgumentsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiments.byName(List.of("vgg"))).getMessage()
        .contains("unknown experiment 'vgg'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/2")).getMessage().contains("1 <= k <= n"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("x")).getMessage().contains("expected k/n"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Scale.parse("huge")).getMessage().contains("smoke, small or paper"));
  }

  /** Renders the page headless and checks, from the attributes its script sets on load, that every image loaded. */
  private static void renderInChromium(Path chromium, Path page, int images) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
        "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()).redirectErrorStream(false).start();
    p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    assertTrue(dom.contains("data-images=\"" + images + "\""), "the page did not run its load script: " + dom.substring(0, Math.min(300, dom.length())));
    assertTrue(dom.contains("data-images-loaded=\"" + images + "\""), "not every image loaded in Chromium");
  }

  /** The cell results (result.json files) under a run directory. */
  private static long countResults(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals(CellResult.FILE)).count();
    }
  }
}
