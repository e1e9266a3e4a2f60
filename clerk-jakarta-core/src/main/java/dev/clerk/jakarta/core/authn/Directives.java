package dev.clerk.jakarta.core.authn;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guard on {@code Set-Cookie} values that come from Clerk (handshake directives, refreshed
 * cookies): only a well-formed {@code Set-Cookie} for one of Clerk's cookie names ({@code
 * __session*}, {@code __client_uat*}, {@code __clerk_*}, {@code __refresh*}) is passed on; anything
 * else is dropped and logged at WARN by name only, never with its value.
 */
final class Directives {
  private static final Logger LOGGER = System.getLogger(Directives.class.getName());
  private static final String[] CLERK_PREFIXES = {
    "__session", "__client_uat", "__clerk_", "__refresh"
  };

  private Directives() {}

  /** {@return the acceptable directives, in order} */
  static List<String> filter(List<String> directives, String source) {
    List<String> out = new ArrayList<>(directives.size());
    for (String d : directives) {
      String problem = problem(d);
      if (problem == null) {
        out.add(d);
      } else {
        LOGGER.log(
            Level.WARNING, "Clerk: dropped a " + source + " Set-Cookie directive: " + problem);
      }
    }
    return out;
  }

  /** {@return why a directive is refused, or null when it is acceptable} Never includes values. */
  static @Nullable String problem(@Nullable String directive) {
    if (directive == null || directive.isEmpty()) {
      return "empty";
    }
    for (int i = 0; i < directive.length(); i++) {
      char c = directive.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return "control or non-Latin-1 character";
      }
    }
    int eq = directive.indexOf('=');
    int semi = directive.indexOf(';');
    if (eq <= 0 || (semi >= 0 && semi < eq)) {
      return "not a name=value cookie";
    }
    String name = directive.substring(0, eq);
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        return "invalid cookie name";
      }
    }
    String value = semi < 0 ? directive.substring(eq + 1) : directive.substring(eq + 1, semi);
    // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ); a quote
    // anywhere else (a lone one, or one end only) is refused.
    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
      value = value.substring(1, value.length() - 1);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 0x7f) {
        return "invalid value of cookie " + name;
      }
    }
    for (String prefix : CLERK_PREFIXES) {
      if (name.startsWith(prefix)) {
        return null;
      }
    }
    return "cookie " + name + " is not one of Clerk's";
  }

  /** {@return the cookie name of a directive} */
  static String name(String directive) {
    int eq = directive.indexOf('=');
    return eq < 0 ? directive : directive.substring(0, eq);
  }

  /** Clerk's {@code getCookieValue}: {@code split(';')[0].split('=')[1]}. */
  static String value(String directive) {
    String first = directive.split(";", -1)[0];
    String[] parts = first.split("=", -1);
    return parts.length > 1 ? parts[1] : "";
  }

  /** {@return the value of the last directive whose name starts with {@code __session}, or null} */
  static @Nullable String lastSessionToken(List<String> directives) {
    String token = null;
    for (String d : directives) {
      if (name(d).startsWith("__session")) {
        token = value(d);
      }
    }
    return token == null || token.isEmpty() ? null : token;
  }

  private static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }
}
