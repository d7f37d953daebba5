package org.pathnorm.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks references between the top-level packages of {@code org.pathnorm} against an allowed
 * matrix. A class belongs to the package named by the first segment after {@code org/pathnorm/}
 * ({@code nn/internal/X} belongs to {@code nn}); classes directly in {@code org/pathnorm} belong to
 * {@code ""}. References inside one package are always allowed.
 *
 * @param allowed     for each package, the other packages its classes may refer to
 * @param vectorOwner the one package whose classes may refer to {@code jdk.incubator.vector}
 * @param pending     known violations being removed: top-level class (internal name) → package it
 *                    may still refer to; an entry that no longer occurs is itself reported, so the
 *                    list only shrinks
 */
public record PackageLayering(Map<String, Set<String>> allowed, String vectorOwner, Map<String, String> pending) {
  private static final String ROOT = "org/pathnorm/";
  private static final String VECTOR = "jdk/incubator/vector/";

  /** The package a class of ours belongs to (see the class comment). */
  public static String packageOf(String internalName) {
    String rest = internalName.substring(ROOT.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? "" : rest.substring(0, slash);
  }

  /**
   * One line per violation, sorted; empty when the classes obey the matrix.
   *
   * @param classes internal class name → internal names it refers to (see {@link ClassReferences})
   */
  public List<String> violations(Map<String, Set<String>> classes) {
    Set<String> out = new TreeSet<>();
    Set<String> pendingSeen = new TreeSet<>();
    for (Map.Entry<String, Set<String>> c : classes.entrySet()) {
      String from = c.getKey();
      if (!from.startsWith(ROOT)) continue;
      String fromPkg = packageOf(from);
      Set<String> may = allowed.get(fromPkg);
      if (may == null) {
        out.add(dots(from) + ": package '" + fromPkg + "' is not in the layering matrix; add it to LayeringTest");
        continue;
      }
      String outer = from.contains("$") ? from.substring(0, from.indexOf('$')) : from;
      for (String to : c.getValue()) {
        if (to.startsWith(VECTOR)) {
          if (!fromPkg.equals(vectorOwner)) {
            out.add(dots(from) + " uses " + dots(to) + ": only " + vectorOwner + " may use jdk.incubator.vector");
          }
          continue;
        }
        if (!to.startsWith(ROOT)) continue;
        String toPkg = packageOf(to);
        if (toPkg.equals(fromPkg) || may.contains(toPkg)) continue;
        if (toPkg.equals(pending.get(outer))) {
          pendingSeen.add(outer);
          continue;
        }
        out.add(dots(from) + " uses " + dots(to) + ": " + fromPkg + " may use only " + new TreeSet<>(may));
      }
    }
    for (String p : pending.keySet()) {
      if (!pendingSeen.contains(p)) {
        out.add(dots(p) + " no longer uses " + pending.get(p) + ": remove it from the pending list of LayeringTest");
      }
    }
    return new ArrayList<>(out);
  }

  private static String dots(String internalName) {
    return internalName.replace('/', '.');
  }
}
