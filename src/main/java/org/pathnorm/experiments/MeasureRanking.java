package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnorm.data.DataPipeline;
import org.pathnorm.data.DataTransforms;
import org.pathnorm.data.DatasetSpec;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.HeatMap;
import org.pathnorm.nn.Architecture;
import org.pathnorm.optim.DdpOptions;

/**
 * Which measure predicts generalisation (docs/algorithms.md §4 E15, beyond the thesis; Jiang et al., "Fantastic Generalization Measures and
 * Where to Find Them", arXiv 1912.02178): networks that vary one hyperparameter at a time around a base point (depth,
 * width, step size, batch, dropout, weight decay, optimiser, balanced or unbalanced init), each trained until its
 * training cross-entropy is below 0.01 (or the epoch budget ends); then every scalar of {@code pathnorm measures} on
 * its training set, and per measure Kendall's τ with the generalisation gap (test error − training error) over all
 * networks ({@link KendallTau#paper}), the granulated ψ_i per axis and their mean Ψ ({@link GranulatedTau}). Writes
 * {@code ranking.csv} (one row per measure), the same as a table of the report ranked by Ψ, and a figure of τ and Ψ per
 * measure and a heat map of ψ_i per measure and axis. {@code pathnorm sweep} runs this experiment alone.
 */
final class MeasureRanking implements Experiment {
  static final List<String> AXES = List.of("depth", "width", "lr", "batch", "dropout", "weight_decay", "optimizer", "init");
  static final double TARGET = 0.01;

  /** The ranked measures: keys of a cell's values (measures.json), raw norms first, then the margin-normalised forms. */
  static final List<String> MEASURES = List.of("parameters", "frobenius_product", "spectral_norm_product", "l1_inf_product", "l2_1_product",
      "l1_path_norm", "l2_path_norm", "network_mu_2_2", "dist_frobenius", "inverse_margin", "normalized_squared.frobenius_product",
      "normalized_squared.spectral_norm_product", "normalized_squared.l1_path_norm", "normalized_squared.l2_path_norm", "capacity.l2",
      "capacity.l1_path", "capacity.l2_path", "capacity.spectral");

  @Override public String name() {
    return "measure-ranking";
  }

  @Override public String title() {
    return "Ranking the measures by Kendall's τ with the generalisation gap (Jiang et al., arXiv 1912.02178; beyond the thesis)";
  }

  /** One network of the grid: its id, hyperparameters (axis → value) and run. */
  record Net(String id, Map<String, String> hyperparameters, RunSpec spec) {}

  /** The base point and its one-axis variants, for every seed. */
  static List<Net> grid(Settings s) {
    DataTransforms transforms = transforms(s);
    DatasetSpec.Splits shape = DataPipeline.prepare(s.data(), transforms, null).splits();
    int in = shape.train().dimension();
    int out = shape.train().classes();
    int width = s.scale().pick(64, 128, 1024);
    int epochs = s.scale().pick(300, 500, 1000);
    Map<String, String> base = new LinkedHashMap<>();
    base.put("depth", "1");
    base.put("width", "" + width);
    base.put("lr", "0.01");
    base.put("batch", "64");
    base.put("dropout", "0");
    base.put("weight_decay", "0");
    base.put("optimizer", "sgd");
    base.put("init", "gaussian");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("depth", List.of("2", "3"));
    variants.put("width", List.of("" + width / 2, "" + width * 2));
    variants.put("lr", List.of("0.003", "0.03"));
    variants.put("batch", List.of("32", "128"));
    variants.put("dropout", List.of("0.2"));
    variants.put("weight_decay", List.of("0.0001", "0.001"));
    variants.put("optimizer", List.of("path-sgd", "ddp-sgd", "adam"));
    variants.put("init", List.of("unbalanced"));
    List<Map<String, String>> points = new ArrayList<>();
    points.add(base);
    for (Map.Entry<String, List<String>> v : variants.entrySet()) {
      for (String value : v.getValue()) {
        Map<String, String> p = new LinkedHashMap<>(base);
        p.put(v.getKey(), value);
        points.add(p);
      }
    }
    List<Net> nets = new ArrayList<>();
    for (Map<String, String> p : points) {
      String id = p == base ? "base" : variantId(p, base);
      for (int seed = 1; seed <= s.seeds(); seed++) {
        int depth = Integer.parseInt(p.get("depth"));
        int h = Integer.parseInt(p.get("width"));
        int[] widths = new int[depth + 2];
        widths[0] = in;
        for (int l = 1; l <= depth; l++) widths[l] = h;
        widths[depth + 1] = out;
        String optimizer = p.get("optimizer");
        // each optimiser at its usual step: Path-SGD and DDP-SGD rescale the step (docs/algorithms.md §3.2, §3.5), Adam normalises it
        double lr = switch (optimizer) {
          case "path-sgd", "ddp-sgd" -> 0.1;
          case "adam" -> 0.001;
          default -> Double.parseDouble(p.get("lr"));
        };
        double momentum = optimizer.equals("sgd") ? 0.9 : 0;
        DdpOptions ddp = optimizer.equals("ddp-sgd") ? new DdpOptions(0.5, DdpOptions.Statistic.SECOND_MOMENT, DdpOptions.Downstream.EXACT)
            : DdpOptions.defaults();
        nets.add(new Net(id + "-s" + seed, Map.copyOf(p), RunSpec.builder(s.data(), transforms, new Architecture(widths))
            .optimizer(optimizer).ddp(ddp).constant(lr, momentum).init(p.get("init")).dropout(Double.parseDouble(p.get("dropout")))
            .weightDecay(Double.parseDouble(p.get("weight_decay"))).batch(Integer.parseInt(p.get("batch"))).epochs(epochs).seed(seed)
            .stopLoss(TARGET).measures(RunSpec.Measured.ALL).build()));
      }
    }
    return nets;
  }

  /** Training subset at small scale: 2,000 samples, 200 per class, so the grid runs in about 25 minutes on one thread. */
  static final int SMALL_SUBSET = 2000;

  /**
   * The data of every network: smoke, the digits as the other experiments use them; small, a balanced subset of
   * {@link #SMALL_SUBSET} training samples and no validation split (the official test set gives the gap); paper, the full
   * training set less the validation split.
   */
  static DataTransforms transforms(Settings s) {
    return s.scale() == Scale.SMALL ? s.transforms(0).toBuilder().validation(0).subset(SMALL_SUBSET, true).build() : s.transforms(0);
  }

  private static String variantId(Map<String, String> p, Map<String, String> base) {
    for (String axis : AXES) if (!p.get(axis).equals(base.get(axis))) return axis.replace('_', '-') + "-" + p.get(axis);
    throw new IllegalStateException("a variant equal to the base point");
  }

  @Override public List<Cell> cells(Settings s) {
    List<Cell> cells = new ArrayList<>();
    for (Net n : grid(s)) cells.add(new Cell(n.id(), n.spec()));
    return cells;
  }

  /**
   * A network's coordinates for {@link GranulatedTau}: its hyperparameters and its seed. The seed is not
   * an axis, so each axis' groups hold the networks of one seed: two seeds of one configuration are never
   * compared with each other.
   */
  static Map<String, String> coordinates(Net n) {
    Map<String, String> c = new LinkedHashMap<>(n.hyperparameters());
    c.put("seed", Long.toString(n.spec().seed()));
    return c;
  }

  /** A measure of a cell: its value, 1/γ for {@code inverse_margin}. */
  static double measure(CellResult c, String key) {
    return key.equals("inverse_margin") ? 1 / c.value("margin") : c.value(key);
  }

  @Override public void report(Settings s, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException {
    List<Net> nets = grid(s);
    List<Net> used = new ArrayList<>();
    int fitted = 0;
    double worstLoss = 0;
    for (Net n : nets) {
      CellResult c = results.get(n.id());
      if (c == null || c.diverged() || Double.isNaN(c.value("margin"))) continue;
      used.add(n);
      double loss = c.last(c.trainLoss());
      worstLoss = Math.max(worstLoss, loss);
      if (loss < TARGET) fitted++;
    }
    StringBuilder csv = new StringBuilder("measure,tau,tau_b");
    for (String a : AXES) csv.append(",psi_").append(a);
    csv.append(",Psi,networks\n");
    record Row(String measure, double tau, double psi) {}
    List<Row> rows = new ArrayList<>();
    double[] x = new double[MEASURES.size()];
    double[] tau = new double[MEASURES.size()];
    double[] psi = new double[MEASURES.size()];
    Map<String, Map<String, Double>> psiByMeasure = new LinkedHashMap<>();
    for (int k = 0; k < MEASURES.size(); k++) {
      String key = MEASURES.get(k);
      List<GranulatedTau.Point> points = new ArrayList<>();
      for (Net n : used) {
        CellResult c = results.get(n.id());
        points.add(new GranulatedTau.Point(coordinates(n), measure(c, key), c.last(c.testError()) - c.last(c.trainError())));
      }
      Map<String, Double> perAxis = GranulatedTau.perAxis(points, AXES);
      double[] m = new double[points.size()];
      double[] g = new double[points.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = points.get(i).measure();
        g[i] = points.get(i).gap();
      }
      x[k] = k + 1;
      tau[k] = GranulatedTau.overall(points);
      psi[k] = GranulatedTau.psi(perAxis);
      csv.append(key).append(',').append(num(tau[k])).append(',').append(num(KendallTau.tauB(m, g)));
      for (String a : AXES) csv.append(',').append(num(perAxis.get(a)));
      csv.append(',').append(num(psi[k])).append(',').append(points.size()).append('\n');
      rows.add(new Row(key, tau[k], psi[k]));
      psiByMeasure.put(key, perAxis);
    }
    AtomicFiles.writeString(dir.resolve("ranking.csv"), csv.toString());
    new Figure("tau", "Kendall's τ of each measure with the generalisation gap (" + s.data() + ")", "measure",
        "Kendall's τ (dimensionless, −1 to 1)").categories(MEASURES)
        .dots("τ over all networks", x, tau)
        .dots("Ψ (mean granulated τ over the axes)", x, psi)
        .write(dir, name(), "Kendall's τ (Jiang et al.'s τ_a) between each measure and the gap test error − training error, over all "
            + used.size() + " networks, and Ψ, the mean over the hyperparameter axes of the τ within each axis' group; the table above"
            + " and ranking.csv hold τ_b and every ψ_i.", section);
    rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.psi()) ? Double.NEGATIVE_INFINITY : r.psi()).reversed());
    psiFigure(s, rows.stream().map(Row::measure).toList(), psiByMeasure, used.size(), dir, section);
    List<String> header = new ArrayList<>(List.of("rank", "measure", "τ", "τ_b"));
    for (String a : AXES) header.add("ψ " + a);
    header.add("Ψ");
    List<List<String>> table = new ArrayList<>();
    String[] lines = csv.toString().split("\n");
    for (int i = 0; i < rows.size(); i++) {
      for (int l = 1; l < lines.length; l++) {
        String[] f = lines[l].split(",", -1);
        if (!f[0].equals(rows.get(i).measure())) continue;
        List<String> cells = new ArrayList<>(List.of(Integer.toString(i + 1)));
        cells.addAll(List.of(f).subList(0, f.length - 1));
        table.add(cells);
      }
    }
    section.table(new ReportSection.Table("Measures ranked by Ψ over " + used.size() + " networks (" + s.data() + "): τ and τ_b over all"
        + " networks, ψ per hyperparameter axis, Ψ their mean; the margin-normalised forms are normalized_squared.* and capacity.*.",
        header, table, name() + "/ranking.csv"));
    StringBuilder top = new StringBuilder("Measures by Ψ (τ over all networks): ");
    for (int i = 0; i < rows.size(); i++) {
      top.append(String.format(Locale.ROOT, "%s%d. %s Ψ %s (τ %s)", i == 0 ? "" : "; ", i + 1, rows.get(i).measure(), num(rows.get(i).psi()),
          num(rows.get(i).tau())));
    }
    section.note(top + ". Table: " + name() + "/ranking.csv.");
    section.verdict(new Verdict("Every network reaches the training cross-entropy target " + TARGET
        + ", so the gaps compare networks of equal fit (Jiang et al.'s protocol).", used.isEmpty() ? null : fitted == nets.size(),
        String.format(Locale.ROOT, "%d of %d networks below %.2g; largest final training cross-entropy %.3g", fitted, nets.size(), TARGET,
            worstLoss)));
    int l2Path = MEASURES.indexOf("l2_path_norm");
    section.verdict(new Verdict("The ℓ2 path norm correlates positively with the generalisation gap over all networks (τ > 0), as Jiang et al."
        + " report for their path norm.", Double.isNaN(tau[l2Path]) ? null : tau[l2Path] > 0,
        String.format(Locale.ROOT, "τ = %s, Ψ = %s over %d networks", num(tau[l2Path]), num(psi[l2Path]), used.size())));
  }

  /**
   * The figure of the granulated τ: a heat map of ψ_i per measure (rows, in the order given: the report's ranking by Ψ) and
   * hyperparameter axis (columns), written as psi.svg, psi.png and psi.csv; the CSV holds the ψ columns of ranking.csv,
   * formatted alike, one row per measure in the figure's order.
   */
  private void psiFigure(Settings s, List<String> order, Map<String, Map<String, Double>> psiByMeasure, int networks, Path dir,
      ReportSection section) throws IOException {
    double[][] v = new double[order.size()][AXES.size()];
    StringBuilder csv = new StringBuilder("measure");
    for (String a : AXES) csv.append(",psi_").append(a);
    csv.append('\n');
    for (int r = 0; r < order.size(); r++) {
      csv.append(order.get(r));
      for (int k = 0; k < AXES.size(); k++) {
        Double p = psiByMeasure.get(order.get(r)).get(AXES.get(k));
        v[r][k] = p == null ? Double.NaN : p;
        csv.append(',').append(num(v[r][k]));
      }
      csv.append('\n');
    }
    HeatMap map = new HeatMap("Granulated τ: ψ_i of each measure per hyperparameter axis (" + s.data() + ")", "measure (ranked by Ψ)",
        "hyperparameter axis varied", "ψ_i, Kendall's τ within the axis (−1 to 1)", order, AXES, v);
    map.write(dir.resolve("psi.png"));
    map.writeSvg(dir.resolve("psi.svg"));
    AtomicFiles.writeString(dir.resolve("psi.csv"), csv.toString());
    section.figure(name() + "/psi.svg", name() + "/psi.png", name() + "/psi.csv", "ψ_i, Kendall's τ between each measure and the"
        + " generalisation gap within the group of networks that differ only along axis i (the base point and its variants of that"
        + " axis), over " + networks + " networks; blue: the measure grows with the gap along that axis, red: it shrinks as the gap"
        + " grows, grey: no value (fewer than two networks of that axis measured). Rows in the order of the table (Ψ, their mean,"
        + " decreasing); psi.csv holds the same numbers as the ψ columns of ranking.csv.");
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "";
  }
}
