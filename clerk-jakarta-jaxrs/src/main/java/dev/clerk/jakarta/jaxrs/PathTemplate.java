package dev.clerk.jakarta.jaxrs;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Path} template as a regular expression, per section 3.7.3 of the Jakarta REST
 * specification (literal characters URI-encoded and quoted, {@code {name}} as {@code [^/]+}, {@code
 * {name: regex}} as its regex), with the precedence of section 3.7.2 (more literal characters, then
 * more template variables, then more variables with their own regex). Used to tell which locator of
 * a class consumed a part of the request path when the runtime does not say. Immutable.
 *
 * @param pattern the expression a whole path part must match
 * @param literals number of literal characters
 * @param variables number of template variables
 * @param ownRegex number of variables with their own regex
 */
record PathTemplate(Pattern pattern, int literals, int variables, int ownRegex) {
  /** Higher precedence first. */
  static final Comparator<PathTemplate> PRECEDENCE =
      Comparator.comparingInt(PathTemplate::literals)
          .thenComparingInt(PathTemplate::variables)
          .thenComparingInt(PathTemplate::ownRegex)
          .reversed();

  /** {@return the template compiled, or null when it is not a valid template} */
  static @Nullable PathTemplate of(String template) {
    String t = strip(template);
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int literals = 0;
    int variables = 0;
    int ownRegex = 0;
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c != '{') {
        literal.append(c);
        literals++;
        i++;
        continue;
      }
      int end = closing(t, i);
      if (end < 0) {
        return null;
      }
      regex.append(Pattern.quote(normalize(literal.toString())));
      literal.setLength(0);
      String variable = t.substring(i + 1, end);
      int colon = variable.indexOf(':');
      variables++;
      if (colon < 0) {
        regex.append("([^/]+)");
      } else {
        ownRegex++;
        regex.append('(').append(variable.substring(colon + 1).trim()).append(')');
      }
      i = end + 1;
    }
    regex.append(Pattern.quote(normalize(literal.toString())));
    try {
      return new PathTemplate(Pattern.compile(regex.toString()), literals, variables, ownRegex);
    } catch (PatternSyntaxException e) {
      return null;
    }
  }

  /** {@return whether the path part (as the runtime matched it, percent-encoded) matches} */
  boolean matches(String part) {
    return pattern.matcher(normalize(withoutMatrixParameters(strip(part)))).matches();
  }

  private static int closing(String t, int open) {
    int depth = 0;
    for (int i = open; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }

  private static String withoutMatrixParameters(String part) {
    if (part.indexOf(';') < 0) {
      return part;
    }
    StringJoiner joined = new StringJoiner("/");
    for (String segment : part.split("/", -1)) {
      int semicolon = segment.indexOf(';');
      joined.add(semicolon < 0 ? segment : segment.substring(0, semicolon));
    }
    return joined.toString();
  }

  /**
   * RFC 3986 normalization of a path part: percent-encodes what a path may not hold as is, decodes
   * unreserved characters, upper-cases hex digits. Applied to templates and request paths alike, so
   * both compare in one form.
   */
  static String normalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
        int decoded = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
        if (unreserved(decoded)) {
          sb.append((char) decoded);
        } else {
          sb.append('%').append(String.format(Locale.ROOT, "%02X", decoded));
        }
        i += 2;
      } else if (unreserved(b) || allowed(b)) {
        sb.append((char) b);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b));
      }
    }
    return sb.toString();
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  /** Sub-delimiters, {@code :}, {@code @} and {@code /}: allowed in a path as they are. */
  private static boolean allowed(int c) {
    return "!$&'()*+,;=:@/".indexOf(c) >= 0;
  }
}
