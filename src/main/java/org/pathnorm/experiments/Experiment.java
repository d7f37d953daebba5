package org.pathnorm.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One experiment of docs/algorithms.md §4: the cells of its sweep, and the figures, CSVs and verdicts on the thesis'
 * claims that it computes from the cells' results.
 */
public interface Experiment {
  /** Command-line name, e.g. {@code hidden-units}. */
  String name();

  /** Title with its docs/algorithms.md §4 entry and thesis figure, e.g. "E1 Hidden-unit sweep (thesis Figure 1)". */
  String title();

  List<Cell> cells(Settings settings);

  /** Writes figures and CSVs into {@code dir} and adds them and the verdicts to {@code section}. */
  void report(Settings settings, Map<String, CellResult> results, Path dir, ReportSection section) throws IOException;
}
