package dev.clerk.jakarta.core.token;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders values the way Clerk's JavaScript messages do ({@code JSON.stringify}, {@code
 * Date.toUTCString()}), so that our messages match Clerk's character for character.
 */
final class JsText {
  /** What {@code JSON.stringify(undefined)} becomes inside a template literal. */
  static final String UNDEFINED = "undefined";

  /** JavaScript's {@code Date} range: ±8.64e15 ms. */
  private static final double MAX_DATE_MS = 8.64e15;

  private static final DateTimeFormatter UTC_STRING =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private JsText() {}

  /**
   * {@code JSON.stringify} of a claim or header value.
   *
   * @param map where to look the name up
   * @param name the member name; absent means JavaScript {@code undefined}
   */
  static String stringifyMember(Map<String, Object> map, String name) {
    if (!map.containsKey(name)) {
      return UNDEFINED;
    }
    return stringify(map.get(name));
  }

  static String stringify(@Nullable Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value);
    return sb.toString();
  }

  private static void append(StringBuilder sb, @Nullable Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(sb, s);
    } else if (value instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (value instanceof Number n) {
      sb.append(number(n));
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        append(sb, e.getValue());
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append('}');
    } else if (value instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        append(sb, l.get(i));
      }
      sb.append(']');
    } else {
      quote(sb, value.toString());
    }
  }

  /** JavaScript's {@code Number.prototype.toString()} for the values JSON can carry. */
  static String number(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.toString();
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    if (Math.abs(d) >= 1e-6 && Math.abs(d) < 1e21) {
      // JavaScript writes these without an exponent; Java switches to one below 1e-3.
      return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    String exp = s.substring(e + 1);
    return mantissa + "e" + (exp.startsWith("-") ? exp : "+" + exp);
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** {@code new Date(ms).toUTCString()}: {@code Thu, 01 Jan 1970 00:00:00 GMT}. */
  static String utcString(double epochMillis) {
    if (Double.isNaN(epochMillis) || Math.abs(epochMillis) > MAX_DATE_MS) {
      return "Invalid Date";
    }
    return UTC_STRING.format(Instant.ofEpochMilli((long) epochMillis));
  }
}
