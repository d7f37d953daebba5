package org.pathnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every citation of {@code docs/algorithms.md} in the sources names something that file has: a
 * section ({@code §2.2}, {@code §4}), an experiment ({@code §4 E9}), or a numbered item of a section
 * ({@code §5.5 item 28}, {@code §5.2 (9)}, {@code §7 item 8}). And no main source cites the old
 * specification outside the repository ({@code SPEC §…}).
 */
class DocsCitationsTest {
  private static final Path ALGORITHMS = Paths.get("docs", "algorithms.md");
  /** Where citations are checked: the sources, and the Markdown that refers readers to the document. */
  private static final List<Path> CITING = List.of(Paths.get("src", "main"), Paths.get("src", "test"),
      Paths.get("README.md"), Paths.get("BENCHMARKS.md"), Paths.get("docs", "architecture.md"));
  private static final Set<String> TEXT_FILES = Set.of("java", "md", "txt", "properties");

  private static final Pattern SECTION_HEADING = Pattern.compile("^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ");
  private static final Pattern EXPERIMENT_HEADING = Pattern.compile("^### (E\\d+)\\. ");
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\d+)b?\\. ");
  private static final String DOC = String.join("/", "docs", "algorithms.md");
  private static final Pattern CITATION = Pattern.compile("docs/algorithms\\.md");

  /** What docs/algorithms.md holds: its section numbers, experiment names, and numbered items per section. */
  record Headings(Set<String> sections, Set<String> experiments, Map<String, Set<Integer>> items) {
    /** Parses the Markdown: "## 2. …" / "### 2.2 …" are sections, "### E9. …" experiments (under §4). */
    static Headings parse(List<String> lines) {
      Set<String> sections = new LinkedHashSet<>();
      Set<String> experiments = new LinkedHashSet<>();
      Map<String, Set<Integer>> items = new LinkedHashMap<>();
      String current = null;
      boolean inCode = false;
      for (String line : lines) {
        if (line.startsWith("```")) {
          inCode = !inCode;
          continue;
        }
        if (inCode) {
          continue;
        }
        Matcher s = SECTION_HEADING.matcher(line);
        Matcher e = EXPERIMENT_HEADING.matcher(line);
        Matcher i = LIST_ITEM.matcher(line);
        if (s.find()) {
          current = s.group(1);
          sections.add(current);
        } else if (e.find()) {
          experiments.add(e.group(1));
        } else if (line.startsWith("#")) {
          current = null;   // an unnumbered heading ends the numbered section before it
        } else if (i.find() && current != null) {
          items.computeIfAbsent(current, k -> new LinkedHashSet<>()).add(Integer.parseInt(i.group(1)));
          if (current.contains(".")) {   // §5.5 item 28 may also be cited as §5 item 28
            items.computeIfAbsent(current.substring(0, current.indexOf('.')), k -> new LinkedHashSet<>())
                .add(Integer.parseInt(i.group(1)));
          }
        }
      }
      return new Headings(sections, experiments, items);
    }
  }

  /** One thing a citation names: a section, an experiment or an item of a section. */
  record Reference(String section, String experiment, Integer item) {
    @Override public String toString() {
      return "§" + section + (experiment != null ? " " + experiment : "") + (item != null ? " item " + item : "");
    }
  }

  // A chain of references after "docs/algorithms.md": "§4 E2, E9", "§3.5, §5.4 (20)", "§5.1 item 2 and §5.5 item 26".
  private static final Pattern SECTION = Pattern.compile("\\G§(\\d+(?:\\.\\d+)?)");
  private static final Pattern EXPERIMENT = Pattern.compile("\\G(?: |, |/)(E\\d+)\\b");
  private static final Pattern ITEMS_WORD = Pattern.compile("\\G items? (\\d+)(?:[–-](\\d+))?");
  private static final Pattern ITEMS_PAREN = Pattern.compile("\\G \\((\\d+(?:, \\d+)*)\\)");
  private static final Pattern NEXT_SECTION = Pattern.compile("\\G(?:, |/| and )(?=§)");

  /**
   * The references of every citation in {@code text}. A mention of the file with no "§" after it
   * ("docs/algorithms.md marks E5 as unverified") names no section and yields nothing.
   */
  static List<Reference> references(String text) {
    List<Reference> refs = new ArrayList<>();
    Matcher c = CITATION.matcher(text);
    while (c.find()) {
      int pos = c.end();
      if (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
      while (true) {
        Matcher s = SECTION.matcher(text);
        if (!s.find(pos)) {
          break;
        }
        String section = s.group(1);
        pos = s.end();
        boolean named = false;
        Matcher e = EXPERIMENT.matcher(text);
        while (e.find(pos)) {
          refs.add(new Reference(section, e.group(1), null));
          named = true;
          pos = e.end();
          e = EXPERIMENT.matcher(text);
        }
        Matcher w = ITEMS_WORD.matcher(text);
        Matcher p = ITEMS_PAREN.matcher(text);
        if (w.find(pos)) {
          int from = Integer.parseInt(w.group(1));
          int to = w.group(2) != null ? Integer.parseInt(w.group(2)) : from;
          for (int k = from; k <= to; k++) {
            refs.add(new Reference(section, null, k));
          }
          named = true;
          pos = w.end();
        } else if (p.find(pos)) {
          for (String k : p.group(1).split(", ")) {
            refs.add(new Reference(section, null, Integer.parseInt(k)));
          }
          named = true;
          pos = p.end();
        }
        if (!named) {
          refs.add(new Reference(section, null, null));
        }
        Matcher n = NEXT_SECTION.matcher(text);
        if (!n.find(pos)) {
          break;
        }
        pos = n.end();
      }
    }
    return refs;
  }

  /** The references among {@code refs} that {@code h} does not have, each as text. */
  static List<String> unresolved(List<Reference> refs, Headings h) {
    List<String> bad = new ArrayList<>();
    for (Reference r : refs) {
      if (!h.sections().contains(r.section())) {
        bad.add(r + ": no section " + r.section());
      } else if (r.experiment() != null && !h.experiments().contains(r.experiment())) {
        bad.add(r + ": no experiment " + r.experiment());
      } else if (r.item() != null && !h.items().getOrDefault(r.section(), Set.of()).contains(r.item())) {
        bad.add(r + ": no item " + r.item() + " in §" + r.section());
      }
    }
    return bad;
  }

  private static List<Path> textFiles(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String name = p.getFileName().toString();
        return TEXT_FILES.contains(name.substring(name.lastIndexOf('.') + 1));
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Headings headings() throws IOException {
    assertTrue(Files.isRegularFile(ALGORITHMS), ALGORITHMS + " is missing");
    return Headings.parse(Files.readAllLines(ALGORITHMS, StandardCharsets.UTF_8));
  }

  @Test
  void theDocumentHasEverySectionTheCodeCanCite() throws IOException {
    Headings h = headings();
    for (String s : List.of("0", "1", "1.1", "1.5", "2", "2.1", "2.9", "3", "3.1", "3.6", "4", "5", "5.1", "5.6", "6", "7")) {
      assertTrue(h.sections().contains(s), "docs/algorithms.md has no §" + s + "; found " + h.sections());
    }
    for (int e = 1; e <= 14; e++) {
      assertTrue(h.experiments().contains("E" + e), "docs/algorithms.md has no experiment E" + e);
    }
    for (int i = 1; i <= 34; i++) {
      assertTrue(h.items().getOrDefault("5", Set.of()).contains(i), "docs/algorithms.md §5 has no item " + i);
    }
  }

  @Test
  void everyCitationResolves() throws IOException {
    Headings h = headings();
    List<String> bad = new ArrayList<>();
    int citations = 0;
    for (Path root : CITING) {
      for (Path f : Files.isDirectory(root) ? textFiles(root) : Files.exists(root) ? List.of(root) : List.<Path>of()) {
        String text = read(f);
        List<Reference> refs = references(text);
        citations += refs.size();
        for (String b : unresolved(refs, h)) {
          bad.add(f + ": " + b);
        }
      }
    }
    assertTrue(citations > 100, "expected the sources to cite docs/algorithms.md often, found " + citations + " references");
    assertEquals(List.of(), bad, "citations of docs/algorithms.md that name nothing in it");
  }

  @Test
  void noMainSourceCitesTheOldSpecification() {
    Pattern old = Pattern.compile("SPEC(?:\\.md| §)");
    List<String> bad = new ArrayList<>();
    for (Path f : textFiles(Paths.get("src", "main"))) {
      String[] lines = read(f).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (old.matcher(lines[i]).find()) {
          bad.add(f + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertEquals(List.of(), bad, "cite docs/algorithms.md §N, not a specification outside the repository");
  }

  /**
   * The checker itself: it finds what is there and flags what is not. The file name is assembled
   * ({@link #DOC}) so that these deliberately bad citations are not themselves scanned.
   */
  @Test
  void theCheckerRejectsBogusCitations() {
    Headings h = Headings.parse(List.of("## 2. Measures", "### 2.2 Path norms", "## 4. Experiments",
        "### E9. Labels", "## 5. Properties", "### 5.5 Measures", "22. **Spectral.**", "13b. **Extra.**",
        "```", "99. not an item: inside code", "```", "## Choices PathNorm made", "35. not in §5 either"));
    assertEquals(List.of(), unresolved(references("see " + DOC + " §2.2, §4 E9 and " + DOC + " §5.5 item 22"), h));
    assertEquals(List.of(), unresolved(references("(" + DOC + " §5 (13))"), h));

    List<Reference> refs = references(DOC + " §4 E9, E10; " + DOC + " §2.2/§2.3; "
        + DOC + " §5.5 items 22–23 and §5.5 (99); " + DOC + " §5 item 35");
    assertEquals(List.of("§4 E9", "§4 E10", "§2.2", "§2.3", "§5.5 item 22", "§5.5 item 23", "§5.5 item 99", "§5 item 35"),
        refs.stream().map(Reference::toString).toList());
    assertEquals(List.of("§4 E10: no experiment E10", "§2.3: no section 2.3", "§5.5 item 23: no item 23 in §5.5",
        "§5.5 item 99: no item 99 in §5.5", "§5 item 35: no item 35 in §5"), unresolved(refs, h));
    assertFalse(unresolved(references(DOC + " §9"), h).isEmpty());
  }
}
