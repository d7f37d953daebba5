package org.pathnorm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON parser: values, nesting, escapes, numbers, what JsonWriter writes, and errors. */
class JsonTest {

  @Test void objectsKeepTheirKeyOrderAndArraysTheirElements() {
    Object v = Json.parse(" {\"b\": 1, \"a\": [true, false, null, \"x\"], \"c\": {}} ");
    Map<String, Object> want = new LinkedHashMap<>();
    want.put("b", 1L);
    want.put("a", Arrays.asList(true, false, null, "x"));
    want.put("c", Map.of());
    assertEquals(want, v);
    assertEquals(List.of("b", "a", "c"), List.copyOf(((Map<?, ?>) v).keySet()));
    assertEquals(List.of(), Json.parse("[ ]"));
  }

  @Test void nestingIsParsedToAnyDepthUpTo64() {
    String deep = "[".repeat(64) + "1" + "]".repeat(64);
    Object v = Json.parse(deep);
    for (int i = 0; i < 64; i++) v = ((List<?>) v).get(0);
    assertEquals(1L, v);
    assertEquals(Map.of("a", Map.of("b", List.of(Map.of("c", List.of(2L))))), Json.parse("{\"a\":{\"b\":[{\"c\":[2]}]}}"));
    String tooDeep = "[".repeat(66) + "]".repeat(66);
    assertEquals("JSON: expected at most 64 levels of nesting at offset 65, found '['",
        assertThrows(IllegalArgumentException.class, () -> Json.parse(tooDeep)).getMessage());
  }

  @Test void escapesIncludingUnicode() {
    assertEquals("q\" b\\ s/ \b\f\n\r\t", Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\""));
    assertEquals("é€A", Json.parse("\"\\u00e9\\u20AC\\u0041\""));
    // a surrogate pair stays two chars and forms one code point
    String pair = (String) Json.parse("\"\\ud83d\\ude00\"");
    assertEquals(1, pair.codePointCount(0, pair.length()));
    assertEquals(0x1F600, pair.codePointAt(0));
    assertEquals("ünïcode as is", Json.parse("\"ünïcode as is\""));
  }

  @Test void numbersIntegersAsLongOthersAsDouble() {
    assertEquals(0L, Json.parse("0"));
    assertEquals(-42L, Json.parse("-42"));
    assertEquals(123456789012345678L, Json.parse("123456789012345678"));
    assertEquals(1.2345678901234568E18, Json.parse("1234567890123456789"));  // 19 digits: a double
    assertEquals(-0.5, Json.parse("-0.5"));
    assertEquals(1.5e-7, Json.parse("1.5e-7"));
    assertEquals(2e10, Json.parse("2E+10"));
    assertEquals(-3e-3, Json.parse("-3e-3"));
    assertEquals(100.0, Json.parse("1e2"));
  }

  @Test void whatJsonWriterWritesReadsBackWithNonFiniteNumbersAsNull() {
    String text = new JsonWriter().beginObject(null).value("pi", Math.PI).value("one", 1.0).value("nan", Double.NaN)
        .value("inf", Double.POSITIVE_INFINITY).value("n", 7L).value("s", "a\"b\\c\n\u0001").value("t", true)
        .beginArray("v").value(null, -2.5e-12).value(null, 3e20).endArray().endObject().toString();
    Map<?, ?> m = (Map<?, ?>) Json.parse(text);
    assertEquals(Math.PI, m.get("pi"));
    assertEquals(1.0, ((Number) m.get("one")).doubleValue());
    assertNull(m.get("nan"));
    assertNull(m.get("inf"));
    assertEquals(true, m.containsKey("nan") && m.containsKey("inf"));
    assertEquals(7L, m.get("n"));
    assertEquals("a\"b\\c\n\u0001", m.get("s"));
    assertEquals(true, m.get("t"));
    assertEquals(List.of(-2.5e-12, 3e20), m.get("v"));
  }

  @Test void malformedInputIsRefusedWithTheOffsetAndWhatWasExpected() {
    assertError("", "JSON: expected a value at offset 0, found end of input");
    assertError("{\"a\" 1}", "JSON: expected ':' at offset 5, found '1'");
    assertError("{\"a\":1,}", "JSON: expected a string key at offset 7, found '}'");
    assertError("{a:1}", "JSON: expected a string key at offset 1, found 'a'");
    assertError("[1 2]", "JSON: expected ',' or ']' at offset 3, found '2'");
    assertError("[1,", "JSON: expected a value at offset 3, found end of input");
    assertError("\"abc", "JSON: expected '\"' closing the string at offset 4, found end of input");
    assertError("\"a\nb\"", "JSON: expected no control character inside a string at offset 3, found 'b'");
    assertError("\"\\x\"", "JSON: expected a valid escape at offset 2, found 'x'");
    assertError("\"\\u12g4\"", "JSON: expected 4 hex digits at offset 3, found '1'");
    assertError("\"\\u12", "JSON: expected 4 hex digits at offset 3, found '1'");
    assertError("-", "JSON: expected a digit at offset 1, found end of input");
    assertError("1.", "JSON: expected a digit after '.' at offset 2, found end of input");
    assertError("1e+", "JSON: expected a digit in the exponent at offset 3, found end of input");
    assertError("NaN", "JSON: expected a value at offset 0, found 'N'");
    assertError("tru", "JSON: expected 'true' at offset 0, found 't'");
    assertError("1 2", "JSON: expected end of input at offset 2, found '2'");
    assertError("01", "JSON: expected end of input at offset 1, found '1'");
    assertEquals("JSON: duplicate key \"a\" at offset 12",
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1, \"a\":2}")).getMessage());
  }

  private static void assertError(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text).getMessage(), text);
  }
}
