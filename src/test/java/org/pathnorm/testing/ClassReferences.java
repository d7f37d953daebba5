package org.pathnorm.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes that compiled classes refer to, read from their constant pools (JVMS §4.4): class
 * entries, field and method descriptors and generic signatures, so that fully-qualified uses count
 * as much as imports and comments do not count at all. String literals are skipped.
 */
public final class ClassReferences {
  private ClassReferences() {}

  /** Internal names ({@code a/b/C$D}) inside descriptors and signatures. */
  private static final Pattern NAME = Pattern.compile("(?:org/pathnorm|jdk/incubator/vector)/[A-Za-z0-9_$/]+");

  /**
   * Every {@code .class} file under {@code root}, by internal name, with the {@code org/pathnorm/…}
   * and {@code jdk/incubator/vector/…} classes it refers to (itself excluded).
   */
  public static Map<String, Set<String>> scan(Path root) {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        String name = rel.substring(0, rel.length() - ".class".length());
        Set<String> refs = of(Files.readAllBytes(f));
        refs.remove(name);
        out.put(name, refs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The {@code org/pathnorm/…} and {@code jdk/incubator/vector/…} classes one class file refers to. */
  public static Set<String> of(byte[] classFile) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
      if (in.readInt() != 0xCAFEBABE) throw new IllegalArgumentException("not a class file: bad magic");
      in.readUnsignedShort();                       // minor version
      in.readUnsignedShort();                       // major version
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      BitSet literal = new BitSet(count);           // Utf8 entries that are String constants
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7, 16, 19, 20 -> in.readUnsignedShort();           // Class, MethodType, Module, Package
          case 8 -> literal.set(in.readUnsignedShort());          // String
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();       // Integer, Float, refs, NameAndType, (Invoke)Dynamic
          case 5, 6 -> { in.readLong(); i++; }                    // Long, Double take two slots
          case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
          default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag + " at entry " + i);
        }
      }
      Set<String> refs = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        if (utf8[i] == null || literal.get(i)) continue;
        Matcher m = NAME.matcher(utf8[i]);
        while (m.find()) refs.add(m.group());
      }
      return refs;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated class file", e);
    }
  }
}
