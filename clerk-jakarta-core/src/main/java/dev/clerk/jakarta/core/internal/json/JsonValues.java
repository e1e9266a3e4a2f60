package dev.clerk.jakarta.core.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields of Clerk's JSON objects into plain Java values. Lenient where Clerk documents a
 * field as optional (absent or {@code null} reads as null, false, empty), strict where a value of
 * the wrong kind shows the body is not what Clerk sends ({@link MalformedJsonException}).
 *
 * <p>Conversions of arbitrary JSON ({@link #toJava}): objects become unmodifiable insertion-ordered
 * maps without {@code null} entries (a JSON {@code null} member reads as absent), arrays become
 * unmodifiable lists, integral numbers {@link Long} (or {@link BigDecimal} beyond its range), other
 * numbers {@link BigDecimal}, strings {@link String}, booleans {@link Boolean}.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class JsonValues {
  private JsonValues() {}

  /** A JSON value was not of the kind Clerk documents. Unchecked; callers wrap it. */
  public static final class MalformedJsonException extends RuntimeException {
    /**
     * Creates one.
     *
     * @param message what was wrong, naming the field (never its value)
     */
    public MalformedJsonException(String message) {
      super(message);
    }
  }

  private static @Nullable JsonValue member(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
  }

  private static MalformedJsonException wrongType(String name, String expected, JsonValue v) {
    return new MalformedJsonException(
        "field \""
            + name
            + "\" is "
            + v.getValueType().name().toLowerCase(java.util.Locale.ROOT)
            + ", expected "
            + expected);
  }

  /**
   * {@return a string member, or null when absent or null}
   *
   * @param o the object
   * @param name the member
   */
  public static @Nullable String string(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonString s) {
      return s.getString();
    }
    throw wrongType(name, "string", v);
  }

  /**
   * {@return a string member that must be present}
   *
   * @param o the object
   * @param name the member
   * @throws MalformedJsonException when absent
   */
  public static String requiredString(JsonObject o, String name) {
    String s = string(o, name);
    if (s == null) {
      throw new MalformedJsonException("field \"" + name + "\" is missing");
    }
    return s;
  }

  /**
   * {@return a boolean member; absent or null reads as false}
   *
   * @param o the object
   * @param name the member
   */
  public static boolean bool(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v == null) {
      return false;
    }
    if (v == JsonValue.TRUE || v.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (v == JsonValue.FALSE || v.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw wrongType(name, "boolean", v);
  }

  /**
   * {@return an integral member, or null when absent or null}
   *
   * @param o the object
   * @param name the member
   */
  public static @Nullable Long longValue(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNumber n) {
      try {
        return n.longValueExact();
      } catch (ArithmeticException e) {
        throw new MalformedJsonException("field \"" + name + "\" is not an integer");
      }
    }
    throw wrongType(name, "number", v);
  }

  /**
   * {@return a timestamp member in epoch milliseconds, or null when absent or null}
   *
   * @param o the object
   * @param name the member
   */
  public static @Nullable Instant instant(JsonObject o, String name) {
    Long ms = longValue(o, name);
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  /**
   * {@return a timestamp member in epoch milliseconds that must be present}
   *
   * @param o the object
   * @param name the member
   * @throws MalformedJsonException when absent
   */
  public static Instant requiredInstant(JsonObject o, String name) {
    Instant i = instant(o, name);
    if (i == null) {
      throw new MalformedJsonException("field \"" + name + "\" is missing");
    }
    return i;
  }

  /**
   * {@return an object member, or null when absent or null}
   *
   * @param o the object
   * @param name the member
   */
  public static @Nullable JsonObject object(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject obj) {
      return obj;
    }
    throw wrongType(name, "object", v);
  }

  /**
   * {@return an array member; absent or null reads as empty}
   *
   * @param o the object
   * @param name the member
   */
  public static JsonArray array(JsonObject o, String name) {
    JsonValue v = member(o, name);
    if (v == null) {
      return JsonValue.EMPTY_JSON_ARRAY;
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw wrongType(name, "array", v);
  }

  /**
   * {@return an array-of-strings member; absent or null reads as empty}
   *
   * @param o the object
   * @param name the member
   */
  public static List<String> strings(JsonObject o, String name) {
    JsonArray a = array(o, name);
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue v : a) {
      if (!(v instanceof JsonString s)) {
        throw new MalformedJsonException("field \"" + name + "\" holds a non-string");
      }
      out.add(s.getString());
    }
    return List.copyOf(out);
  }

  /**
   * {@return an object member as a map; absent or null reads as empty}
   *
   * @param o the object
   * @param name the member
   */
  public static Map<String, Object> map(JsonObject o, String name) {
    JsonObject obj = object(o, name);
    return obj == null ? Map.of() : toMap(obj);
  }

  /**
   * {@return an object member as a map, or null when absent or null}
   *
   * @param o the object
   * @param name the member
   */
  public static @Nullable Map<String, Object> nullableMap(JsonObject o, String name) {
    JsonObject obj = object(o, name);
    return obj == null ? null : toMap(obj);
  }

  /**
   * {@return an object as an unmodifiable map (see the class comment)}
   *
   * @param o the object
   */
  public static Map<String, Object> toMap(JsonObject o) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : o.entrySet()) {
      Object v = toJava(e.getValue());
      if (v != null) {
        out.put(e.getKey(), v);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * {@return a JSON value as plain Java (see the class comment); null for JSON null}
   *
   * @param v the value
   */
  public static @Nullable Object toJava(JsonValue v) {
    return switch (v.getValueType()) {
      case NULL -> null;
      case TRUE -> true;
      case FALSE -> false;
      case STRING -> ((JsonString) v).getString();
      case NUMBER -> number((JsonNumber) v);
      case ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>();
        for (JsonValue item : (JsonArray) v) {
          list.add(toJava(item));
        }
        yield Collections.unmodifiableList(list);
      }
      case OBJECT -> toMap((JsonObject) v);
      default -> throw new MalformedJsonException("unknown JSON value type " + v.getValueType());
    };
  }

  /** An integral number as a {@code Long} when it fits, any other as its {@code BigDecimal}. */
  private static Object number(JsonNumber n) {
    BigDecimal d = n.bigDecimalValue();
    if (n.isIntegral()) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return d;
      }
    }
    return d;
  }
}
