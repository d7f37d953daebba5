package org.pathnorm.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pathnorm.io.AtomicFiles;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;
import org.pathnorm.simd.Kernels;

/**
 * Runs experiments as resumable, shardable sweeps in one run directory and writes their report.
 * Layout: {@code DIR/config.json}, {@code DIR/<experiment>/cells/<cell>/} (init and final model,
 * {@code result.json}), {@code DIR/<experiment>/*.csv|*.png} and {@code DIR/report.html}. A cell with a
 * {@code result.json} is done and is skipped; with {@code --shard k/n} only every n-th cell (over all
 * experiments, in order) runs, and {@link #report} merges the cells of several directories.
 */
public final class Reproduction {
  public static final String CONFIG = "config.json";
  public static final String REPORT = "report.html";

  private final List<Experiment> experiments;
  private final Settings settings;
  private final Kernels kernels;
  private final int threads;
  private final PrintStream progress;

  public Reproduction(List<Experiment> experiments, Settings settings, Kernels kernels, int threads, PrintStream progress) {
    this.experiments = List.copyOf(experiments);
    this.settings = settings;
    this.kernels = kernels;
    this.threads = threads;
    this.progress = progress;
  }

  /** Runs the cells of this shard not yet done; returns how many ran. */
  public int run(Path dir, Shard shard) throws IOException {
    writeOrCheckConfig(dir);
    shard.write(dir);
    CellRunner runner = new CellRunner(kernels, threads);
    int index = 0;
    int ran = 0;
    for (Experiment e : experiments) {
      List<Cell> cells = e.cells(settings);
      for (Cell c : cells) {
        int i = index++;
        if (!shard.owns(i)) continue;
        Path cellDir = dir.resolve(e.name()).resolve("cells").resolve(c.id());
        if (Files.exists(cellDir.resolve(CellResult.FILE))) continue;
        CellResult r = runner.run(c, cellDir);
        ran++;
        if (progress != null) {
          progress.printf(Locale.ROOT, "%s %s: %s, final test error %.2f%% (%.1f s)%n", e.name(), c.id(), r.stopped(),
              100 * r.last(r.testError()), r.seconds());
        }
      }
    }
    return ran;
  }

  /** config.json records the settings; a resumed or sharded run must use the same ones. */
  private void writeOrCheckConfig(Path dir) throws IOException {
    JsonWriter w = new JsonWriter().beginObject(null).value("scale", settings.scale().label()).value("data", settings.data())
        .value("seeds", settings.seeds()).beginArray("experiments");
    for (Experiment e : experiments) w.value(null, e.name());
    String json = w.endArray().endObject().toString();
    Path file = dir.resolve(CONFIG);
    if (Files.exists(file)) {
      String existing = Files.readString(file).strip();
      if (!existing.equals(json)) {
        throw new IllegalArgumentException(file + ": this directory holds a reproduction with other settings (" + existing
            + "); use another --out or the same settings");
      }
      return;
    }
    Files.createDirectories(dir);
    AtomicFiles.writeString(file, json + "\n");
  }

  /** The settings and experiments recorded in a run directory's config.json. */
  public static Reproduction fromConfig(Path dir, Kernels kernels) throws IOException {
    Path file = dir.resolve(CONFIG);
    if (!Files.exists(file)) throw new IllegalArgumentException(dir + ": no " + CONFIG + " (not a pathnorm reproduce directory)");
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m) || !(m.get("experiments") instanceof List<?> names) || !(m.get("scale") instanceof String scale)
        || !(m.get("seeds") instanceof Number seeds) || !(m.get("data") instanceof String data)) {
      throw new DataFormatException(file + ": expected {scale, data, seeds, experiments}");
    }
    List<String> list = new ArrayList<>();
    for (Object o : names) list.add(String.valueOf(o));
    Scale sc = Scale.parse(scale);
    return new Reproduction(Experiments.byName(list), new Settings(sc, data.equals(sc.defaultData()) ? null : data, seeds.intValue()),
        kernels, 1, null);
  }

  /**
   * Writes the figures, CSVs and report.html into {@code out} from the cells found in {@code dirs} (shards
   * of one reproduction with the same settings; {@code out} may be one of them); returns the sections.
   */
  public List<ReportSection> report(List<Path> dirs, Path out, double runSeconds) throws IOException {
    List<ReportSection> sections = new ArrayList<>();
    for (Experiment e : experiments) {
      Map<String, CellResult> results = new LinkedHashMap<>();
      ReportSection section = new ReportSection(e.title());
      List<Cell> cells = e.cells(settings);
      for (Cell c : cells) {
        for (Path d : dirs) {
          Path f = d.resolve(e.name()).resolve("cells").resolve(c.id()).resolve(CellResult.FILE);
          if (Files.exists(f)) {
            CellResult r = CellResult.read(f);
            results.put(c.id(), r);
            section.seconds += r.seconds();
            break;
          }
        }
      }
      section.cells = cells.size();
      section.missing = cells.size() - results.size();
      Path dir = out.resolve(e.name());
      Files.createDirectories(dir);
      if (!results.isEmpty()) e.report(settings, results, dir, section);
      if (section.missing > 0) {
        section.note(section.missing + " of " + section.cells + " cells have no result yet (other shards, or not run): verdicts use what is there.");
      }
      sections.add(section);
    }
    AtomicFiles.writeString(out.resolve(REPORT), ReportPage.html(settings, sections, kernels, runSeconds));
    return sections;
  }

  /** The number of cells over all experiments (the global indices that {@link Shard} deals out). */
  public int cellCount() {
    int n = 0;
    for (Experiment e : experiments) n += e.cells(settings).size();
    return n;
  }

  /** Every cell with its global index, in order. */
  List<Cell> cells() {
    List<Cell> all = new ArrayList<>();
    for (Experiment e : experiments) all.addAll(e.cells(settings));
    return all;
  }

  /** The names of the experiments, in order. */
  public List<String> experimentNames() {
    List<String> names = new ArrayList<>();
    for (Experiment e : experiments) names.add(e.name());
    return names;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * The cells that none of {@code dirs} holds a result for, each with the shard that owns it: the shard recorded in
   * the directory ({@code shard.json}) whose shard owns the cell's index, or, when no directory does but all record the
   * same count n, shard (i mod n) + 1 of n without a directory.
   */
  public List<MissingCell> missing(List<Path> dirs) throws IOException {
    Map<Path, Shard> shards = new LinkedHashMap<>();
    Set<Integer> counts = new TreeSet<>();
    for (Path d : dirs) {
      Optional<Shard> s = Shard.read(d);
      if (s.isPresent()) {
        shards.put(d, s.get());
        counts.add(s.get().n());
      }
    }
    List<MissingCell> out = new ArrayList<>();
    int index = 0;
    for (Experiment e : experiments) {
      for (Cell c : e.cells(settings)) {
        int i = index++;
        boolean done = false;
        boolean started = false;
        for (Path d : dirs) {
          Path cellDir = d.resolve(e.name()).resolve("cells").resolve(c.id());
          if (Files.exists(cellDir.resolve(CellResult.FILE))) done = true;
          else if (Files.isDirectory(cellDir)) started = true;
        }
        if (done) continue;
        Optional<Path> owner = Optional.empty();
        Optional<Shard> shard = Optional.empty();
        for (Map.Entry<Path, Shard> s : shards.entrySet()) {
          if (s.getValue().owns(i)) {
            owner = Optional.of(s.getKey());
            shard = Optional.of(s.getValue());
            break;
          }
        }
        if (shard.isEmpty() && counts.size() == 1) {
          int n = counts.iterator().next();
          shard = Optional.of(new Shard(i % n + 1, n));
        }
        out.add(new MissingCell(e.name(), c.id(), i, shard, owner, started));
      }
    }
    return out;
  }

  /** Whether two reproductions have the same settings and experiments (shards that may be merged). */
  public boolean sameSettings(Reproduction other) {
    return settings.equals(other.settings) && experiments.equals(other.experiments);
  }
}
