package org.pathnorm.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pathnorm.io.DataFormatException;
import org.pathnorm.io.Json;
import org.pathnorm.io.JsonWriter;

/**
 * {@code checkpoint.json}, the commit record of a run directory: the epoch committed and, for every
 * file of that commit, its size and SHA-256. It is written last, by one atomic rename, so it names
 * either the previous commit or the new one, never a mixture; a resume trusts only the files it names,
 * and only once their sizes and hashes match.
 *
 * @param epoch    epochs done at this commit
 * @param finished whether {@code model.safetensors} (the run's result) is part of it
 * @param files    file name → size and SHA-256, sorted by name
 */
record RunManifest(int epoch, boolean finished, Map<String, Entry> files) {
  static final String FILE = "checkpoint.json";
  static final int FORMAT = 1;

  /** One committed file. */
  record Entry(long size, String sha256) {
    static Entry of(byte[] content) {
      MessageDigest md = RunManifest.sha256();
      return new Entry(content.length, HexFormat.of().formatHex(md.digest(content)));
    }

    /** Whether {@code file} exists with this size and hash. */
    boolean matches(Path file) throws IOException {
      if (!Files.isRegularFile(file) || Files.size(file) != size) return false;
      return sha256.equals(hash(file));
    }
  }

  RunManifest {
    files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
  }

  static String hash(Path file) throws IOException {
    MessageDigest md = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  String toJson() {
    JsonWriter w = new JsonWriter().beginObject(null).value("format", FORMAT).value("epoch", epoch).value("finished", finished)
        .beginObject("files");
    for (Map.Entry<String, Entry> e : files.entrySet()) {
      w.beginObject(e.getKey()).value("size", e.getValue().size()).value("sha256", e.getValue().sha256()).endObject();
    }
    return w.endObject().endObject().toString() + "\n";
  }

  /** Reads and validates {@code checkpoint.json}; errors name the file, the field, what was expected and found. */
  static RunManifest read(Path file) throws IOException {
    Object parsed;
    try {
      parsed = Json.parse(Files.readString(file));
    } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
      throw new DataFormatException(file + ": expected the JSON commit record of a run directory: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> m)) throw new DataFormatException(file + ": expected a JSON object");
    if (!(m.get("format") instanceof Long f) || f != FORMAT) {
      throw new DataFormatException(file + ": format: expected " + FORMAT + ", found " + m.get("format"));
    }
    if (!(m.get("epoch") instanceof Long epoch) || epoch < 0 || epoch > Integer.MAX_VALUE) {
      throw new DataFormatException(file + ": epoch: expected an integer in 0.." + Integer.MAX_VALUE + ", found " + m.get("epoch"));
    }
    if (!(m.get("finished") instanceof Boolean finished)) {
      throw new DataFormatException(file + ": finished: expected true or false, found " + m.get("finished"));
    }
    if (!(m.get("files") instanceof Map<?, ?> fm)) throw new DataFormatException(file + ": files: expected an object");
    Map<String, Entry> files = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : fm.entrySet()) {
      String name = (String) e.getKey();
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new DataFormatException(file + ": files: expected plain file names, found '" + name + "'");
      }
      if (!(e.getValue() instanceof Map<?, ?> em) || !(em.get("size") instanceof Long size) || size < 0
          || !(em.get("sha256") instanceof String sha) || !sha.matches("[0-9a-f]{64}")) {
        throw new DataFormatException(file + ": files." + name + ": expected {\"size\": bytes, \"sha256\": 64 hex digits}, found "
            + e.getValue());
      }
      files.put(name, new Entry(size, sha));
    }
    return new RunManifest(epoch.intValue(), finished, files);
  }
}
