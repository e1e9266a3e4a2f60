package dev.clerk.jakarta.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void toMapWhenMixedValuesThenPlainJavaWithoutNullMembers() {
    JsonObject o =
        parse(
            "{\"s\":\"x\",\"n\":3,\"big\":123456789012345678901234,\"d\":1.5,\"b\":true,\"z\":null,"
                + "\"a\":[1,null,\"y\"],\"o\":{\"k\":false}}");

    Map<String, Object> m = JsonValues.toMap(o);

    assertEquals("x", m.get("s"));
    assertEquals(3L, m.get("n"));
    assertEquals(new BigDecimal("123456789012345678901234"), m.get("big"));
    assertEquals(new BigDecimal("1.5"), m.get("d"));
    assertEquals(true, m.get("b"));
    assertFalse(m.containsKey("z"));
    assertEquals(Arrays.asList(1L, null, "y"), m.get("a"));
    assertEquals(Map.of("k", false), m.get("o"));
    assertEquals(List.of("s", "n", "big", "d", "b", "a", "o"), List.copyOf(m.keySet()));
  }

  @Test
  void accessorsWhenAbsentOrNullThenLenientDefaults() {
    JsonObject o = parse("{\"n\":null}");

    assertNull(JsonValues.string(o, "n"));
    assertFalse(JsonValues.bool(o, "missing"));
    assertEquals(List.of(), JsonValues.strings(o, "missing"));
    assertEquals(Map.of(), JsonValues.map(o, "n"));
    assertNull(JsonValues.nullableMap(o, "n"));
    assertNull(JsonValues.instant(o, "n"));
  }

  @Test
  void instantWhenMillisThenInstant() {
    assertEquals(
        Instant.ofEpochMilli(1_700_000_000_123L),
        JsonValues.instant(parse("{\"t\":1700000000123}"), "t"));
  }

  @Test
  void stringWhenWrongTypeThenMalformedNamingField() {
    JsonValues.MalformedJsonException e =
        assertThrows(
            JsonValues.MalformedJsonException.class,
            () -> JsonValues.string(parse("{\"id\":[1]}"), "id"));

    assertEquals("field \"id\" is array, expected string", e.getMessage());
  }

  @Test
  void requiredStringWhenMissingThenMalformed() {
    JsonValues.MalformedJsonException e =
        assertThrows(
            JsonValues.MalformedJsonException.class,
            () -> JsonValues.requiredString(parse("{}"), "id"));

    assertEquals("field \"id\" is missing", e.getMessage());
  }

  @Test
  void longValueWhenFractionThenMalformed() {
    JsonValues.MalformedJsonException e =
        assertThrows(
            JsonValues.MalformedJsonException.class,
            () -> JsonValues.longValue(parse("{\"n\":1.5}"), "n"));

    assertEquals("field \"n\" is not an integer", e.getMessage());
  }
}
