package org.pathnorm.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) into {@link Map} (insertion-ordered), {@link List}, {@link String},
 * {@link Double} or {@link Long} (integers that fit), {@link Boolean} and {@code null}. Used for the
 * small headers and configs PathNorm reads; errors name the offset and what was expected.
 */
public final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON value that must fill the whole text (whitespace aside). */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.skip();
    Object v = p.value(0);
    p.skip();
    if (p.i != text.length()) throw p.error("end of input");
    return v;
  }

  private IllegalArgumentException error(String expected) {
    String found = i < s.length() ? "'" + s.charAt(i) + "'" : "end of input";
    return new IllegalArgumentException("JSON: expected " + expected + " at offset " + i + ", found " + found);
  }

  private void skip() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
  }

  private Object value(int depth) {
    if (depth > 64) throw error("at most 64 levels of nesting");
    if (i >= s.length()) throw error("a value");
    char c = s.charAt(i);
    switch (c) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("a value");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, i)) throw error("'" + word + "'");
    i += word.length();
    return v;
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    skip();
    if (i < s.length() && s.charAt(i) == '}') {
      i++;
      return m;
    }
    while (true) {
      skip();
      if (i >= s.length() || s.charAt(i) != '"') throw error("a string key");
      String key = string();
      skip();
      if (i >= s.length() || s.charAt(i) != ':') throw error("':'");
      i++;
      skip();
      if (m.containsKey(key)) throw new IllegalArgumentException("JSON: duplicate key \"" + key + "\" at offset " + i);
      m.put(key, value(depth + 1));
      skip();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return m;
      }
      throw error("',' or '}'");
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    i++;
    skip();
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
      return list;
    }
    while (true) {
      skip();
      list.add(value(depth + 1));
      skip();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
        return list;
      }
      throw error("',' or ']'");
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (true) {
      if (i >= s.length()) throw error("'\"' closing the string");
      char c = s.charAt(i++);
      if (c == '"') return sb.toString();
      if (c < 0x20) throw error("no control character inside a string");
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= s.length()) throw error("an escape");
      char e = s.charAt(i++);
      switch (e) {
        case '"': sb.append('"'); break;
        case '\\': sb.append('\\'); break;
        case '/': sb.append('/'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'u':
          if (i + 4 > s.length()) throw error("4 hex digits");
          try {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("4 hex digits");
          }
          i += 4;
          break;
        default:
          i--;
          throw error("a valid escape");
      }
    }
  }

  private Object number() {
    int start = i;
    if (s.charAt(i) == '-') i++;
    if (i >= s.length() || !Character.isDigit(s.charAt(i))) throw error("a digit");
    if (s.charAt(i) == '0') i++;
    else while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    boolean integral = true;
    if (i < s.length() && s.charAt(i) == '.') {
      integral = false;
      i++;
      if (i >= s.length() || !Character.isDigit(s.charAt(i))) throw error("a digit after '.'");
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      integral = false;
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      if (i >= s.length() || !Character.isDigit(s.charAt(i))) throw error("a digit in the exponent");
      while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    }
    String t = s.substring(start, i);
    if (integral && t.length() <= 18) return Long.parseLong(t);
    return Double.parseDouble(t);
  }
}
