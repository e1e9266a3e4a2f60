package dev.clerk.jakarta.core.token;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the JSON of a JWT header or payload into plain Java values ({@code Map}, {@code List},
 * {@code String}, {@code Long} or {@code Double}, {@code Boolean}, {@code null}), strictly: one
 * object, no duplicate member names (as jose4j), at most {@value #MAX_DEPTH} levels of nesting.
 *
 * <p>It streams with the JSON-P provider found once at class loading (Parsson with Yasson, or the
 * application server's), whose pooled buffers allocate a fraction of what jose4j's bundled parser
 * does per call; where no JSON-P provider is present it falls back to jose4j's parser. Thread-safe.
 */
final class JwtJson {
  /** Deeper JSON is refused: no Clerk token nests more than a few levels. */
  static final int MAX_DEPTH = 32;

  private static final @Nullable JsonParserFactory FACTORY = factory();

  private JwtJson() {}

  private static @Nullable JsonParserFactory factory() {
    try {
      return JsonProvider.provider().createParserFactory(Map.of());
    } catch (RuntimeException | ServiceConfigurationError e) {
      // No JSON-P provider on this class path: jose4j's parser serves instead.
      return null;
    }
  }

  /**
   * {@return the JSON object as an unmodifiable map in member order, or null when {@code json} is
   * not exactly one well-formed JSON object within the limits}
   *
   * @param json the decoded text
   */
  static @Nullable Map<String, Object> parseObject(String json) {
    JsonParserFactory f = FACTORY;
    if (f == null) {
      return jose4j(json);
    }
    try (JsonParser p = f.createParser(new StringReader(json))) {
      if (!p.hasNext() || p.next() != JsonParser.Event.START_OBJECT) {
        return null;
      }
      Map<String, Object> object = object(p, 1);
      if (object == null || p.hasNext()) {
        return null;
      }
      return object;
    } catch (RuntimeException e) {
      // JsonParsingException, NumberFormatException for absurd numbers, NoSuchElementException …:
      // all mean "not a JSON object we accept".
      return null;
    }
  }

  private static @Nullable Map<String, Object> object(JsonParser p, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.hasNext()) {
      JsonParser.Event e = p.next();
      if (e == JsonParser.Event.END_OBJECT) {
        return Collections.unmodifiableMap(map);
      }
      if (e != JsonParser.Event.KEY_NAME) {
        return null;
      }
      String key = p.getString();
      if (map.containsKey(key) || !p.hasNext()) {
        return null; // duplicate member names are refused, as jose4j does
      }
      Object value = value(p, p.next(), depth);
      if (value == INVALID) {
        return null;
      }
      map.put(key, value);
    }
    return null;
  }

  private static @Nullable List<Object> array(JsonParser p, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    List<Object> list = new ArrayList<>();
    while (p.hasNext()) {
      JsonParser.Event e = p.next();
      if (e == JsonParser.Event.END_ARRAY) {
        return Collections.unmodifiableList(list);
      }
      Object value = value(p, e, depth);
      if (value == INVALID) {
        return null;
      }
      list.add(value);
    }
    return null;
  }

  private static final Object INVALID = new Object();
  private static final Object NULL = new Object();

  private static @Nullable Object value(JsonParser p, JsonParser.Event e, int depth) {
    Object v =
        switch (e) {
          case START_OBJECT -> object(p, depth + 1);
          case START_ARRAY -> array(p, depth + 1);
          case VALUE_STRING -> p.getString();
          case VALUE_NUMBER -> number(p);
          case VALUE_TRUE -> true;
          case VALUE_FALSE -> false;
          case VALUE_NULL -> NULL;
          default -> null;
        };
    if (v == null) {
      return INVALID;
    }
    return v == NULL ? null : v;
  }

  private static Object number(JsonParser p) {
    if (p.isIntegralNumber()) {
      BigDecimal d = p.getBigDecimal();
      try {
        return d.longValueExact();
      } catch (ArithmeticException tooBig) {
        return d.doubleValue();
      }
    }
    return p.getBigDecimal().doubleValue();
  }

  private static @Nullable Map<String, Object> jose4j(String json) {
    try {
      return Collections.unmodifiableMap(JsonUtil.parseJson(json));
    } catch (JoseException | RuntimeException e) {
      return null;
    }
  }
}
