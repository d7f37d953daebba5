package org.pathnorm.experiments;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.pathnorm.simd.Kernels;

/**
 * report.html: a static page with, per experiment, its tables and figures (SVG, with links to the PNG and the CSV), the
 * verdict on each claim with its numbers, and notes; plus the settings, the JDK, the kernels and the
 * run time. No scripts are needed to read it; one small script only counts the images that loaded
 * (into {@code data-images-loaded} on the body), which the browser test reads.
 */
final class ReportPage {
  private ReportPage() {}

  static String html(Settings s, List<ReportSection> sections, Kernels kernels, double runSeconds) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PathNorm reproduction</title>\n")
        .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
        .append("figure{margin:1em 0}img{max-width:100%;border:1px solid #ddd}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
        .append(".scroll{overflow-x:auto}table.data{margin:1em 0;font-size:85%}td.num{text-align:right;font-variant-numeric:tabular-nums}")
        .append("caption{text-align:left;padding:4px 0}")
        .append(".yes{color:#1a7f37;font-weight:bold}.no{color:#c62828;font-weight:bold}.undecided{color:#8a6d00;font-weight:bold}")
        .append("</style></head>\n<body data-images-loaded=\"0\">\n<h1>PathNorm: reproduction of the thesis experiments</h1>\n");
    b.append("<table>\n");
    row(b, "scale", s.scale().label());
    row(b, "data", s.data());
    row(b, "seeds", Integer.toString(s.seeds()));
    row(b, "JDK", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    row(b, "kernels", kernels.description());
    row(b, "run time", runSeconds > 0 ? String.format(Locale.ROOT, "%.1f s (this invocation)", runSeconds) : "n/a (report only)");
    row(b, "written", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    b.append("</table>\n<p>Convolutional networks (the VGG of the Exploring-Generalization experiments) are out of scope for now:")
        .append(" every experiment here uses fully connected ReLU networks.</p>\n");
    b.append("<h2>Verdicts</h2>\n<table><tr><th>experiment</th><th>claim</th><th>verdict</th><th>evidence</th></tr>\n");
    for (ReportSection sec : sections) {
      for (Verdict v : sec.verdicts) {
        b.append("<tr><td>").append(esc(sec.title)).append("</td><td>").append(esc(v.claim())).append("</td><td class=\"")
            .append(v.label()).append("\">").append(v.label()).append("</td><td>").append(esc(v.evidence())).append("</td></tr>\n");
      }
    }
    b.append("</table>\n");
    for (ReportSection sec : sections) {
      b.append("<h2>").append(esc(sec.title)).append("</h2>\n");
      b.append(String.format(Locale.ROOT, "<p>%d cells, %d missing, %.1f s of training.</p>%n", sec.cells, sec.missing, sec.seconds));
      for (String n : sec.notes) b.append("<p>").append(esc(n)).append("</p>\n");
      for (ReportSection.Table t : sec.tables) {
        b.append("<div class=\"scroll\"><table class=\"data\"><caption>").append(esc(t.caption())).append(" <a href=\"").append(esc(t.csv()))
            .append("\">CSV</a></caption>\n<tr>");
        for (String h : t.header()) b.append("<th>").append(esc(h)).append("</th>");
        b.append("</tr>\n");
        for (List<String> r : t.rows()) {
          b.append("<tr>");
          for (String c : r) b.append(numeric(c) ? "<td class=\"num\">" : "<td>").append(esc(c)).append("</td>");
          b.append("</tr>\n");
        }
        b.append("</table></div>\n");
      }
      for (ReportSection.Figure f : sec.figures) {
        b.append("<figure><img src=\"").append(esc(f.svg())).append("\" alt=\"").append(esc(f.caption())).append("\">")
            .append("<figcaption>").append(esc(f.caption())).append(" <a href=\"").append(esc(f.svg())).append("\">SVG</a>, <a href=\"")
            .append(esc(f.png())).append("\">PNG</a>, <a href=\"").append(esc(f.csv())).append("\">data (CSV)</a>")
            .append("</figcaption></figure>\n");
      }
    }
    b.append("<script>window.addEventListener('load',function(){var n=0;for(const i of document.images)")
        .append("{if(i.complete&&i.naturalWidth>0)n++;}document.body.setAttribute('data-images-loaded',String(n));")
        .append("document.body.setAttribute('data-images',String(document.images.length));});</script>\n");
    return b.append("</body></html>\n").toString();
  }

  /** Whether a table cell is a number (right-aligned). */
  private static boolean numeric(String c) {
    try {
      Double.parseDouble(c);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
