package dev.clerk.jakarta.core.authn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Clerk's {@code OrganizationMatcher} (spec §3.8): which organization (or the personal account) a
 * URL path asks to activate. Patterns are the path-to-regexp subset Clerk documents: literal text,
 * named parameters {@code :name} (one path segment) and unnamed groups {@code (regex)}, matched
 * case-insensitively with an optional trailing slash. Immutable and thread-safe.
 *
 * @since 0.1
 */
final class OrganizationMatcher {
  private static final String SEGMENT = "[^/#?]+?";

  /** What a path asks to activate. */
  public sealed interface Target permits Organization, PersonalAccount {
    /**
     * {@return the {@code organization_id} handshake parameter: id, slug, or empty for personal}
     */
    String handshakeValue();
  }

  /**
   * An organization by id or slug.
   *
   * @param organizationId the id, or null
   * @param organizationSlug the slug, or null
   */
  public record Organization(@Nullable String organizationId, @Nullable String organizationSlug)
      implements Target {
    @Override
    public String handshakeValue() {
      return organizationId != null
          ? organizationId
          : Objects.requireNonNullElse(organizationSlug, "");
    }
  }

  /** The personal account. */
  public record PersonalAccount() implements Target {
    @Override
    public String handshakeValue() {
      return "";
    }
  }

  private record Compiled(Pattern regex, List<String> names) {}

  private final List<Compiled> organizationPatterns;
  private final List<Compiled> personalAccountPatterns;

  /**
   * Compiles the patterns.
   *
   * @param organizationPatterns patterns with {@code :id} or {@code :slug}
   * @param personalAccountPatterns patterns for the personal account
   * @throws IllegalArgumentException {@code Invalid pattern "<p>": <error>}
   */
  public OrganizationMatcher(
      List<String> organizationPatterns, List<String> personalAccountPatterns) {
    this.organizationPatterns = compileAll(organizationPatterns);
    this.personalAccountPatterns = compileAll(personalAccountPatterns);
  }

  /** {@return whether no pattern is configured} */
  public boolean isEmpty() {
    return organizationPatterns.isEmpty() && personalAccountPatterns.isEmpty();
  }

  /**
   * {@return the target for a raw URL path, or null} Organization patterns first (first matching
   * pattern; {@code id} before {@code slug}), then personal-account patterns.
   *
   * @param path the raw path of the public URL
   */
  public @Nullable Target findTarget(String path) {
    for (Compiled c : organizationPatterns) {
      Map<String, String> params = match(c, path);
      if (params != null) {
        String id = params.get("id");
        if (id != null && !id.isEmpty()) {
          return new Organization(id, null);
        }
        String slug = params.get("slug");
        if (slug != null && !slug.isEmpty()) {
          return new Organization(null, slug);
        }
        break; // the first matching organization pattern names neither: try the personal account
      }
    }
    for (Compiled c : personalAccountPatterns) {
      if (match(c, path) != null) {
        return new PersonalAccount();
      }
    }
    return null;
  }

  private static @Nullable Map<String, String> match(Compiled c, String path) {
    Matcher m = c.regex.matcher(path);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < c.names.size(); i++) {
      String v = m.group(i + 1);
      if (v != null) {
        params.putIfAbsent(c.names.get(i), v);
      }
    }
    return params;
  }

  private static List<Compiled> compileAll(List<String> patterns) {
    List<Compiled> out = new ArrayList<>();
    for (String p : patterns) {
      try {
        out.add(compile(p));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Invalid pattern \"" + p + "\": " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /** Compiles one pattern the way path-to-regexp 6 does for this subset. */
  static Compiled compile(String pattern) {
    StringBuilder re = new StringBuilder("^");
    List<String> names = new ArrayList<>();
    int i = 0;
    int unnamed = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(i + 1))));
        i += 2;
      } else if (c == ':') {
        int j = i + 1;
        while (j < pattern.length() && isNameChar(pattern.charAt(j))) {
          j++;
        }
        if (j == i + 1) {
          throw new IllegalArgumentException("Missing parameter name at " + i);
        }
        names.add(pattern.substring(i + 1, j));
        re.append('(').append(SEGMENT).append(')');
        i = j;
        i = checkNoModifier(pattern, i);
      } else if (c == '(') {
        int depth = 1;
        int j = i + 1;
        if (j < pattern.length() && pattern.charAt(j) == '?') {
          throw new IllegalArgumentException("Pattern cannot start with \"?\" at " + j);
        }
        StringBuilder group = new StringBuilder();
        while (j < pattern.length()) {
          char g = pattern.charAt(j);
          if (g == '\\' && j + 1 < pattern.length()) {
            group.append(g).append(pattern.charAt(j + 1));
            j += 2;
            continue;
          }
          if (g == ')') {
            depth--;
            if (depth == 0) {
              j++;
              break;
            }
          } else if (g == '(') {
            depth++;
            if (j + 1 >= pattern.length() || pattern.charAt(j + 1) != '?') {
              throw new IllegalArgumentException("Capturing groups are not allowed at " + j);
            }
          }
          group.append(g);
          j++;
        }
        if (depth != 0) {
          throw new IllegalArgumentException("Unbalanced pattern at " + i);
        }
        if (group.length() == 0) {
          throw new IllegalArgumentException("Missing pattern at " + i);
        }
        try {
          Pattern.compile(group.toString());
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(e.getDescription() + " at " + i);
        }
        names.add(String.valueOf(unnamed++));
        re.append("((?:").append(group).append("))");
        i = checkNoModifier(pattern, j);
      } else if (c == ')') {
        throw new IllegalArgumentException("Unbalanced pattern at " + i);
      } else if (c == '?' || c == '*' || c == '+' || c == '{' || c == '}') {
        throw new IllegalArgumentException("Unexpected " + c + " at " + i);
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    // path-to-regexp defaults: strict false (optional trailing slash), end true, case-insensitive.
    re.append("[/#?]?$");
    return new Compiled(
        Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
        List.copyOf(names));
  }

  private static int checkNoModifier(String pattern, int i) {
    if (i < pattern.length()) {
      char m = pattern.charAt(i);
      if (m == '?' || m == '*' || m == '+') {
        throw new IllegalArgumentException("Unexpected " + m + " at " + i);
      }
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
