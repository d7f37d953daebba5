package org.pathnorm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.simd.KernelSelection;

/** The recurrent experiments (E6–E8): verdicts on made-up results (one yes, one no each) and a smoke run. */
class RecurrentExperimentsTest {

  @Test
  void additionVerdict() {
    assertTrue(Addition.verdict(750, 0.001, 0.166).holds());
    assertFalse(Addition.verdict(750, 0.001, 0.002).holds(), "the IRNN solved it too");
    assertFalse(Addition.verdict(750, 0.1, 0.166).holds(), "RNN-Path did not solve it");
    assertFalse(Addition.verdict(750, Double.POSITIVE_INFINITY, 0.166).holds(), "RNN-Path diverged");
    assertTrue(Addition.verdict(750, 0.001, Double.POSITIVE_INFINITY).holds(), "a diverged IRNN did not solve it");
    assertTrue(Addition.verdict(750, 0.001, 0.166).evidence().contains("T = 750"));
  }

  @Test
  void seqMnistVerdict() {
    assertTrue(SequentialMnist.verdict(0.05, 0.055).holds());
    assertTrue(SequentialMnist.verdict(0.06, 0.055).holds(), "within one point");
    assertFalse(SequentialMnist.verdict(0.08, 0.055).holds());
  }

  @Test
  void charLmVerdict() {
    assertTrue(CharLm.verdict(1.47, 1.55, 1.58).holds());
    assertFalse(CharLm.verdict(1.56, 1.55, 1.58).holds());
    assertFalse(CharLm.verdict(Double.POSITIVE_INFINITY, 1.55, 1.58).holds());
  }

  @Test
  void kappaVerdicts() {
    Map<String, Double> small = new LinkedHashMap<>(Map.of("rnn.weight_hh_l0", 0.02, "rnn.weight_ih_l0", 0.0, "fc.weight", 0.0));
    assertTrue(RnnKappaExperiment.ratioVerdict(small).holds());
    small.put("rnn.weight_hh_l0", 0.4);
    assertFalse(RnnKappaExperiment.ratioVerdict(small).holds());
    assertTrue(RnnKappaExperiment.curveVerdict(0.50, 0.52).holds());
    assertFalse(RnnKappaExperiment.curveVerdict(0.50, 0.80).holds());
    assertNull(RnnKappaExperiment.curveVerdict(Double.POSITIVE_INFINITY, 0.8).holds());
  }

  @Test
  void ratioCurvesAreReadBackByTensorAndEpoch() {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(RecurrentCellRunner.ratioKey("rnn.weight_hh_l0", 0), 0.5);
    values.put(RecurrentCellRunner.ratioKey("rnn.weight_hh_l0", 2), 0.25);
    values.put(RecurrentCellRunner.ratioKey("rnn.weight_hh_l0", 1), 0.3);
    values.put("other", 1.0);
    CellResult r = new CellResult("c", Map.of(), new double[2], new double[2], new double[2], new double[2], "completed", 1, values);
    Map<String, double[]> c = RnnKappaExperiment.ratioCurves(r);
    assertEquals(List.of("rnn.weight_hh_l0"), List.copyOf(c.keySet()));
    assertEquals(0.3, c.get("rnn.weight_hh_l0")[1]);
    assertEquals(3, c.get("rnn.weight_hh_l0").length);
  }

  @Test
  void smokeRunsWriteCurvesFiguresAndVerdicts(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Files.isRegularFile(Path.of(CharLm.TEXT)), "char-lm needs Debian's fortunes package (.ci/run installs it)");
    List<String> names = List.of("rnn-kappa", "seq-mnist", "char-lm");
    Reproduction r = new Reproduction(Experiments.byName(names), new Settings(Scale.SMOKE, null, 1), KernelSelection.kernels(), 2, null);
    int ran = r.run(dir, Shard.ALL);
    assertTrue(ran > 0);
    assertEquals(0, r.run(dir, Shard.ALL), "a second run resumes: every cell is done");
    List<ReportSection> sections = r.report(List.of(dir), dir, 1);
    for (ReportSection s : sections) {
      assertFalse(s.verdicts().isEmpty(), s.title + " has no verdict");
      assertFalse(s.figures.isEmpty(), s.title + " has no figure");
    }
    CellResult cell = CellResult.read(Files.list(dir.resolve("char-lm").resolve("cells")).findFirst().orElseThrow().resolve(CellResult.FILE));
    assertEquals(cell.epochs(), cell.testLoss().length);
    assertTrue(cell.testLoss()[0] > 0 && cell.testLoss()[0] < 10, "nats per character: " + cell.testLoss()[0]);
    String ratios = String.join(",", sections.get(0).verdicts().stream().map(Verdict::evidence).toList());
    assertTrue(ratios.contains("rnn.weight_hh_l0"), ratios);
  }

  @Test
  void additionSmokeRunTrainsOnRealValuedTargets(@TempDir Path dir) throws Exception {
    Reproduction r = new Reproduction(Experiments.byName(List.of("addition")), new Settings(Scale.SMOKE, null, 1), KernelSelection.kernels(),
        2, null);
    assertTrue(r.run(dir, Shard.ALL) > 0);
    List<ReportSection> sections = r.report(List.of(dir), dir, 1);
    assertEquals(1, sections.size());
    assertFalse(sections.get(0).verdicts().isEmpty(), "the E7 verdict");
    assertFalse(sections.get(0).figures.isEmpty(), "test MSE figures");
    assertTrue(sections.get(0).verdicts().get(0).evidence().contains("T = 20"), sections.get(0).verdicts().get(0).evidence());
    double best = Double.POSITIVE_INFINITY;
    try (var cells = Files.list(dir.resolve("addition").resolve("cells"))) {
      for (Path c : cells.toList()) {
        CellResult cell = CellResult.read(c.resolve(CellResult.FILE));
        if (cell.diverged()) continue;
        double mse = cell.testLoss()[cell.testLoss().length - 1];
        assertTrue(mse > 0, c + ": test MSE " + mse);
        best = Math.min(best, mse);
      }
    }
    assertTrue(best < 0.5, "some cell trains to a sensible test MSE (predicting 0 scores about 1.17): " + best);
  }
}
