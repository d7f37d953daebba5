package org.pathnorm.experiments;

import java.util.ArrayList;
import java.util.List;

/** What one experiment contributes to report.html: figures (SVG, PNG and CSV), tables, verdicts and notes. */
public final class ReportSection {
  /** A figure's files (relative to the report): the SVG shown, its PNG twin and its data; and its caption. */
  public record Figure(String svg, String png, String csv, String caption) {}

  /** A table: caption, header, rows of cells, and the CSV file (relative to the report) it was read from. */
  public record Table(String caption, List<String> header, List<List<String>> rows, String csv) {
    public Table {
      header = List.copyOf(header);
      rows = List.copyOf(rows);
      for (List<String> r : rows) {
        if (r.size() != header.size()) throw new IllegalArgumentException("table " + caption + ": a row of " + r.size() + " cells, header of "
            + header.size());
      }
    }
  }

  final String title;
  final List<Figure> figures = new ArrayList<>();
  final List<Table> tables = new ArrayList<>();
  final List<Verdict> verdicts = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  int cells;
  int missing;
  double seconds;

  ReportSection(String title) {
    this.title = title;
  }

  public void figure(String svg, String png, String csv, String caption) {
    figures.add(new Figure(svg, png, csv, caption));
  }

  public void table(Table t) {
    tables.add(t);
  }

  public List<Table> tables() {
    return tables;
  }

  public List<Figure> figures() {
    return figures;
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
