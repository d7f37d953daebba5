package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.List;

/** What one experiment contributes to report.html: figures (PNG and CSV), verdicts and notes. */
public final class ReportSection {
  /** A figure file (relative to the report) with its data file and caption. */
  public record Figure(String png, String csv, String caption) {}

  final String title;
  final List<Figure> figures = new ArrayList<>();
  final List<Verdict> verdicts = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  int cells;
  int missing;
  double seconds;

  ReportSection(String title) {
    this.title = title;
  }

  public void figure(String png, String csv, String caption) {
    figures.add(new Figure(png, csv, caption));
  }

  public void verdict(Verdict v) {
    verdicts.add(v);
  }

  public void note(String text) {
    notes.add(text);
  }

  public List<Verdict> verdicts() {
    return verdicts;
  }
}
