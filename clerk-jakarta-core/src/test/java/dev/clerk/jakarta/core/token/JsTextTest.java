package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsTextTest {
  @ParameterizedTest
  @CsvSource({
    "42, 42",
    "-3, -3",
    "1.5, 1.5",
    "1.0, 1",
    "1e21, 1e+21",
    "1.5e-7, 1.5e-7",
    "0.000001, 0.000001",
    "0.0005, 0.0005",
    "123456.789, 123456.789",
    "1e300, 1e+300"
  })
  void numberWhenDoubleThenJavaScriptsNotation(double value, String expected) {
    assertEquals(expected, JsText.number(value));
  }

  @Test
  void numberWhenLongThenDigits() {
    assertEquals("1768471260", JsText.number(1768471260L));
  }

  @Test
  void stringifyWhenValuesThenJsonStringifyOutput() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", "x\"y\\z\n");
    m.put("b", Arrays.asList(1L, true, null, 2.5));
    m.put("c", Map.of());
    assertEquals(
        "{\"a\":\"x\\\"y\\\\z\\n\",\"b\":[1,true,null,2.5],\"c\":{}}", JsText.stringify(m));
    assertEquals("\"\\u0001\"", JsText.stringify("\u0001"));
    assertEquals("null", JsText.stringify(null));
    assertEquals("[]", JsText.stringify(List.of()));
  }

  @Test
  void stringifyMemberWhenAbsentThenUndefined() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", null);
    assertEquals("undefined", JsText.stringifyMember(m, "missing"));
    assertEquals("null", JsText.stringifyMember(m, "n"));
  }

  @Test
  void utcStringWhenInstantThenDateToUtcString() {
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", JsText.utcString(0));
    assertEquals("Thu, 15 Jan 2026 10:00:00 GMT", JsText.utcString(1768471200000.0));
    assertEquals("Thu, 15 Jan 2026 10:00:00 GMT", JsText.utcString(1768471200999.0));
    assertEquals("Invalid Date", JsText.utcString(1e300));
  }
}
