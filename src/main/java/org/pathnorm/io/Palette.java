package org.pathnorm.io;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one colour map of every figure: each optimisation method has a fixed colour wherever it appears, so SGD is the same
 * blue in the Path-SGD, DDP and recurrent figures. A series label names its method by a whole word (split at spaces,
 * commas and parentheses): "SGD balanced", "IRNN SGD clipped" and "SGD (η=0.1)" are SGD; "RNN-Path" is Path-SGD on a
 * recurrent network. Labels that name no method (measures, "test error", …) take the first colour of {@link #OTHERS},
 * counted from a hash of the label, that no earlier series of the figure uses, so the same label usually keeps its colour
 * across figures too.
 */
public final class Palette {
  private Palette() {}

  /** Method → colour (Tableau 10). */
  public static final Map<String, Color> METHODS = methods();

  /** Colours for series that name no method (ColorBrewer Dark2 and two more): none of them is a method's colour. */
  static final List<Color> OTHERS = List.of(new Color(0x1b9e77), new Color(0xd95f02), new Color(0x7570b3), new Color(0xe7298a),
      new Color(0x66a61e), new Color(0xe6ab02), new Color(0xa6761d), new Color(0x666666), new Color(0x393b79), new Color(0x843c39));

  private static Map<String, Color> methods() {
    Map<String, Color> m = new LinkedHashMap<>();
    m.put("SGD", new Color(0x1f77b4));
    m.put("Path-SGD", new Color(0xd62728));
    m.put("RNN-Path", new Color(0xd62728));
    m.put("DDP-SGD", new Color(0x2ca02c));
    m.put("Adam", new Color(0xff7f0e));
    m.put("AdaGrad", new Color(0x9467bd));
    m.put("RMSProp", new Color(0x8c564b));
    m.put("Path-AdaGrad", new Color(0xe377c2));
    m.put("Path-Adam", new Color(0xbcbd22));
    m.put("Path-RMSProp", new Color(0x7f7f7f));
    m.put("DDP-Norm", new Color(0x17becf));
    return Map.copyOf(m);
  }

  /** The method a label names (its first word that is a key of {@link #METHODS}), or null. */
  static String method(String label) {
    for (String word : label.split("[\\s,()]+")) if (METHODS.containsKey(word)) return word;
    return null;
  }

  /** The colour of a series: its method's, else the first free colour of {@link #OTHERS} from the label's hash. */
  static Color colour(String label, Set<Color> used) {
    String m = method(label);
    if (m != null) return METHODS.get(m);
    int start = Math.floorMod(label.hashCode(), OTHERS.size());
    for (int i = 0; i < OTHERS.size(); i++) {
      Color c = OTHERS.get((start + i) % OTHERS.size());
      if (!used.contains(c)) return c;
    }
    return OTHERS.get(start);
  }
}
