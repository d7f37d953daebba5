package org.pathnorm.io;

import java.util.Locale;

/**
 * A minimal streaming JSON writer for the machine-readable outputs (bench results, configs, measures):
 * keys in insertion order, numbers in shortest round-trip form, non-finite numbers as {@code null}.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private boolean needComma;

  /** Starts an object; {@code key} is ignored (pass null) at the top level or inside an array. */
  public JsonWriter beginObject(String key) {
    prefix(key);
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  public JsonWriter beginArray(String key) {
    prefix(key);
    out.append('[');
    needComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  public JsonWriter value(String key, String v) {
    prefix(key);
    if (v == null) out.append("null");
    else quote(v);
    needComma = true;
    return this;
  }

  public JsonWriter value(String key, double v) {
    prefix(key);
    out.append(Double.isFinite(v) ? formatNumber(v) : "null");
    needComma = true;
    return this;
  }

  public JsonWriter value(String key, long v) {
    prefix(key);
    out.append(v);
    needComma = true;
    return this;
  }

  public JsonWriter value(String key, boolean v) {
    prefix(key);
    out.append(v);
    needComma = true;
    return this;
  }

  @Override public String toString() {
    return out.toString();
  }

  static String formatNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.1f", v);
    return Double.toString(v);
  }

  private void prefix(String key) {
    if (needComma) out.append(',');
    if (key != null) {
      quote(key);
      out.append(':');
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (ch < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          else out.append(ch);
      }
    }
    out.append('"');
  }
}
