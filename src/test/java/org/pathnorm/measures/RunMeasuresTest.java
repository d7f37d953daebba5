package org.pathnorm.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnorm.data.Dataset;
import org.pathnorm.data.Subsets;
import org.pathnorm.data.Synthetic;
import org.pathnorm.io.Json;
import org.pathnorm.linalg.Gemm;
import org.pathnorm.nn.Architecture;
import org.pathnorm.nn.Initializer;
import org.pathnorm.nn.Network;
import org.pathnorm.simd.KernelSelection;
import org.pathnorm.simd.Kernels;

/** The levels of the measures a run writes: the cheap default and {@code --measures full}. */
class RunMeasuresTest {

  /** Every leaf of a parsed JSON value by its path. */
  private static Map<String, Object> leaves(Object v, String path, Map<String, Object> into) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) leaves(e.getValue(), path + "/" + e.getKey(), into);
    } else if (v instanceof java.util.List<?> l) {
      for (int i = 0; i < l.size(); i++) leaves(l.get(i), path + "/" + i, into);
    } else {
      into.put(path, v);
    }
    return into;
  }

  /** A trained network (random weights) and its init, on more training samples than the cheap margin set. */
  private record Run(Dataset train, Network init, Network net) {
    static Run larger() {
      Network init = new Network(Architecture.parse("6-9-3"));
      Initializer.GAUSSIAN.initialize(init, 2);
      Network net = init.copy();
      Initializer.GAUSSIAN.initialize(net, 3);
      return new Run(Synthetic.clusters(RunMeasures.CHEAP_MARGIN_SAMPLES + 1234, 6, 3, 5), init, net);
    }
  }

  @Test
  void cheapByDefaultFullOnRequestSameKeys(@TempDir Path dir) throws Exception {
    Run run = Run.larger();
    int n = run.train().size();
    Dataset train = run.train();
    Network init = run.init();
    Network net = run.net();
    Path cheapDir = Files.createDirectory(dir.resolve("cheap"));
    Path fullDir = Files.createDirectory(dir.resolve("full"));
    MeasureReport cheap = RunMeasures.write(cheapDir, net, init, train, 2);
    MeasureReport full = RunMeasures.write(fullDir, net, init, train, 1, RunMeasures.Level.FULL);

    Map<String, Object> c = leaves(Json.parse(Files.readString(cheapDir.resolve(RunMeasures.FILE))), "", new TreeMap<>());
    Map<String, Object> f = leaves(Json.parse(Files.readString(fullDir.resolve(RunMeasures.FILE))), "", new TreeMap<>());
    assertEquals(f.keySet(), c.keySet(), "the same keys at both levels");
    // the SVD-based Schatten norms only when asked for
    for (String key : new String[] {"/trace_norm_product", "/schatten_1.5_product", "/layers/0/trace_norm", "/layers/1/schatten_1.5"}) {
      assertNull(c.get(key), key);
      assertNotNull(f.get(key), key);
    }
    // the bounds' m is the whole training set at both levels; the margin comes from the seeded subset or the whole set
    assertEquals(n, cheap.samples());
    assertEquals(n, full.samples());
    assertEquals(RunMeasures.CHEAP_MARGIN_SAMPLES, cheap.marginDistribution().count());
    assertEquals(n, full.marginDistribution().count());
    Dataset subset = Subsets.random(train, RunMeasures.CHEAP_MARGIN_SAMPLES, RunMeasures.MARGIN_SUBSET_SEED, false);
    assertEquals(Measures.compute(net, init, train, subset, MeasureOptions.defaults().withSvdMaxWork(0), null).margin(),
        cheap.margin(), 0.0);
    assertEquals(Measures.compute(net, init, train, MeasureOptions.defaults(), null).margin(), full.margin(), 0.0);
    // everything that does not depend on margins or SVDs is the same
    assertEquals(full.products().frobenius(), cheap.products().frobenius(), 0.0);
    assertEquals(full.products().spectral(), cheap.products().spectral(), 0.0);
  }

  /** Margins handed in (a training run's last evaluation found them) give the file a forward pass gives, at both levels. */
  @Test
  void marginsHandedInGiveTheSameFile(@TempDir Path dir) throws Exception {
    Run run = Run.larger();
    Network net = run.net();
    Kernels k = KernelSelection.kernels();
    double[] margins = Margins.of(net, run.train(), k, new Gemm(k, null));
    for (RunMeasures.Level level : RunMeasures.Level.values()) {
      for (int threads : new int[] {1, 2}) {
        Path pass = Files.createDirectory(dir.resolve(level + "-" + threads + "-pass"));
        Path given = Files.createDirectory(dir.resolve(level + "-" + threads + "-given"));
        RunMeasures.write(pass, net, run.init(), run.train(), threads, level);
        RunMeasures.write(given, net, run.init(), run.train(), margins, threads, level);
        assertEquals(Files.readString(pass.resolve(RunMeasures.FILE)), Files.readString(given.resolve(RunMeasures.FILE)), level + " " + threads);
      }
    }
    Path bad = Files.createDirectory(dir.resolve("bad"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunMeasures.write(bad, net, run.init(), run.train(), new double[5], 1, RunMeasures.Level.CHEAP));
    assertEquals("5 training margins for " + run.train().size() + " samples of synthetic", e.getMessage());
    assertFalse(Files.exists(bad.resolve(RunMeasures.FILE)), "nothing written");
  }

  @Test
  void smallTrainingSetsKeepEveryMarginAndLevelsParse() {
    Dataset train = Synthetic.clusters(500, 6, 3, 5);
    Network net = new Network(Architecture.parse("6-9-3"));
    Initializer.GAUSSIAN.initialize(net, 3);
    assertEquals(Measures.compute(net, null, train, MeasureOptions.defaults(), null).margin(),
        RunMeasures.compute(net, null, train, null, RunMeasures.Level.CHEAP, null).margin(), 0.0);
    assertEquals(RunMeasures.Level.FULL, RunMeasures.Level.parse(" FULL", "--measures"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunMeasures.Level.parse("all", "--measures"));
    assertEquals("--measures: expected cheap or full, got 'all'", e.getMessage());
  }
}
