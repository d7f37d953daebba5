package org.pathnorm.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pathnorm.io.AtomicFiles;

/**
 * {@code metrics.csv}: one row per epoch ({@link EpochStats}), rewritten atomically after each epoch.
 * On a resumed run the rows of the epochs already done are kept.
 */
final class MetricsCsvListener implements TrainingListener {
  private final Path file;
  private final List<String> rows = new ArrayList<>();

  public MetricsCsvListener(Path file) {
    this.file = file;
  }

  /** Keeps the first {@code epochs} rows of an existing file (after a resume). */
  public void keepExisting(int epochs) throws IOException {
    if (!Files.exists(file)) return;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 1; i < lines.size() && rows.size() < epochs; i++) rows.add(lines.get(i));
  }

  @Override public void onEpoch(Trainer trainer, EpochStats stats) throws IOException {
    rows.add(stats.csvRow());
    StringBuilder sb = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
    for (String r : rows) sb.append(r).append('\n');
    AtomicFiles.writeString(file, sb.toString());
  }
}
