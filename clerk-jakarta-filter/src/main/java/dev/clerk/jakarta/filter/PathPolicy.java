package dev.clerk.jakarta.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code protect} and {@code public} init-params: servlet url-patterns, matched with the
 * servlet specification's precedence (exact, then longest {@code /prefix/*}, then {@code *.ext},
 * then {@code /}); the most specific pattern decides, and on a tie {@code protect} wins. A path no
 * pattern matches is public.
 *
 * <p>A trailing slash never lifts protection: a {@code protect} pattern matches a path in both
 * forms, with and without a trailing slash ({@code /api/me} protects {@code /api/me/}, {@code /x/}
 * protects {@code /x}, {@code *.do} protects {@code /a.do/}), because frameworks such as JAX-RS
 * serve both forms from one handler. A {@code public} pattern is an exception and is read
 * literally: {@code /admin} public does not open {@code /admin/}, the root of a protected {@code
 * /admin/*}. Several paths (the normalised request path, the container's servlet path, a dispatch
 * target) are combined with {@link #access(Collection)}: the stricter outcome wins.
 *
 * <p>A {@code protect} entry may name roles: {@code /admin/*=org:admin} requires the role (checked
 * with {@link dev.clerk.jakarta.core.auth.ClerkPrincipal#isInRole}); {@code
 * /billing/*=org:admin|org:billing:manage} requires any of them. Entries are separated by commas or
 * whitespace. Immutable and thread-safe.
 */
final class PathPolicy {
  /** How a path is reached. */
  enum Kind {
    EXACT(3),
    PREFIX(2),
    EXTENSION(1),
    DEFAULT(0);

    final int rank;

    Kind(int rank) {
      this.rank = rank;
    }
  }

  /** One pattern of either list. */
  record Rule(String pattern, Kind kind, String key, boolean isProtected, Set<String> anyOfRoles) {}

  /**
   * The outcome for a request: public, or protected with role requirements (each requirement a set
   * of roles of which one suffices; none means any signed-in request).
   */
  record Access(boolean isProtected, List<Set<String>> requirements) {
    static final Access PUBLIC = new Access(false, List.of());
    static final Access SIGNED_IN = new Access(true, List.of());

    Access stricter(Access other) {
      if (!other.isProtected || (other.requirements.isEmpty() && isProtected)) {
        return this;
      }
      if (!isProtected || requirements.isEmpty()) {
        return other;
      }
      List<Set<String>> all = new ArrayList<>(requirements);
      for (Set<String> r : other.requirements) {
        if (!all.contains(r)) {
          all.add(r);
        }
      }
      return new Access(true, List.copyOf(all));
    }
  }

  private final List<Rule> rules;
  private final boolean anyProtected;

  private PathPolicy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.anyProtected = rules.stream().anyMatch(Rule::isProtected);
  }

  /**
   * Parses both init-params.
   *
   * @param protect the {@code protect} value, or null
   * @param open the {@code public} value, or null
   * @return the policy
   * @throws IllegalArgumentException naming the init-param and the entry that is not valid
   */
  static PathPolicy parse(@Nullable String protect, @Nullable String open) {
    List<Rule> rules = new ArrayList<>();
    for (String entry : entries(protect)) {
      int eq = entry.indexOf('=');
      String pattern = eq < 0 ? entry : entry.substring(0, eq);
      Set<String> roles = new LinkedHashSet<>();
      if (eq >= 0) {
        for (String role : entry.substring(eq + 1).split("\\|", -1)) {
          if (role.isBlank()) {
            throw new IllegalArgumentException(
                ClerkFilter.PROTECT_PARAM + ": empty role in \"" + entry + "\"");
          }
          roles.add(role.trim());
        }
      }
      rules.add(rule(ClerkFilter.PROTECT_PARAM, pattern, true, Set.copyOf(roles)));
    }
    for (String entry : entries(open)) {
      if (entry.indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            ClerkFilter.PUBLIC_PARAM
                + ": roles are only allowed in "
                + ClerkFilter.PROTECT_PARAM
                + ", got \""
                + entry
                + "\"");
      }
      rules.add(rule(ClerkFilter.PUBLIC_PARAM, entry, false, Set.of()));
    }
    return new PathPolicy(rules);
  }

  private static List<String> entries(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String e : value.trim().split("[,\\s]+", -1)) {
      if (!e.isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  private static Rule rule(String param, String pattern, boolean isProtected, Set<String> roles) {
    if (pattern.equals("/")) {
      return new Rule(pattern, Kind.DEFAULT, "", isProtected, roles);
    }
    if (pattern.startsWith("*.")) {
      String ext = pattern.substring(2);
      if (ext.isEmpty() || ext.contains("/") || ext.contains("*")) {
        throw invalid(param, pattern);
      }
      return new Rule(pattern, Kind.EXTENSION, ext, isProtected, roles);
    }
    if (!pattern.startsWith("/")) {
      throw invalid(param, pattern);
    }
    if (pattern.endsWith("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 2);
      if (prefix.contains("*")) {
        throw invalid(param, pattern);
      }
      return new Rule(pattern, Kind.PREFIX, prefix, isProtected, roles);
    }
    if (pattern.contains("*")) {
      throw invalid(param, pattern);
    }
    return new Rule(pattern, Kind.EXACT, pattern, isProtected, roles);
  }

  private static IllegalArgumentException invalid(String param, String pattern) {
    return new IllegalArgumentException(
        param
            + ": \""
            + pattern
            + "\" is not a servlet url-pattern (use /exact, /prefix/*, *.ext"
            + " or /)");
  }

  /** {@return whether any path is protected} */
  boolean hasProtectedPaths() {
    return anyProtected;
  }

  /** {@return the rules, in configuration order} */
  List<Rule> rules() {
    return rules;
  }

  /**
   * {@return the stricter access of all the given paths}
   *
   * @param paths normalised paths the request may be served under
   */
  Access access(Collection<String> paths) {
    Access out = Access.PUBLIC;
    for (String p : paths) {
      out = out.stricter(access(p));
    }
    return out;
  }

  /**
   * {@return the access of one normalised path}
   *
   * @param path starts with {@code /}
   */
  Access access(String path) {
    String otherForm = otherForm(path);
    @Nullable Rule best = null;
    for (Rule r : rules) {
      if (matches(r, path, otherForm) && (best == null || beats(r, best))) {
        best = r;
      }
    }
    if (best == null || !best.isProtected) {
      return Access.PUBLIC;
    }
    // Every protect entry as specific as the winner applies (the same pattern listed twice, or
    // "/x" and "/x/"): all their role requirements must hold.
    @Nullable List<Set<String>> requirements = null; // none, nearly always: nothing allocated then
    for (Rule r : rules) {
      if (r.isProtected
          && r.kind == best.kind
          && length(r) == length(best)
          && !r.anyOfRoles.isEmpty()
          && matches(r, path, otherForm)
          && (requirements == null || !requirements.contains(r.anyOfRoles))) {
        if (requirements == null) {
          requirements = new ArrayList<>();
        }
        requirements.add(r.anyOfRoles);
      }
    }
    return requirements == null ? Access.SIGNED_IN : new Access(true, List.copyOf(requirements));
  }

  /**
   * {@return whether {@code r} is more specific than {@code best}, or as specific and protecting}
   */
  private static boolean beats(Rule r, Rule best) {
    if (r.kind.rank != best.kind.rank) {
      return r.kind.rank > best.kind.rank;
    }
    if (length(r) != length(best)) {
      return length(r) > length(best);
    }
    return r.isProtected && !best.isProtected;
  }

  private static int length(Rule r) {
    return r.kind == Kind.PREFIX ? r.key.length() : 0;
  }

  /** {@return the path with its trailing slash toggled, or null for the root} */
  private static @Nullable String otherForm(String path) {
    if (path.equals("/")) {
      return null;
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
  }

  private static boolean matches(Rule r, String path, @Nullable String otherForm) {
    // Protection covers both trailing-slash forms; a public exception only the form it names.
    return matches(r, path) || (r.isProtected && otherForm != null && matches(r, otherForm));
  }

  private static boolean matches(Rule r, String path) {
    return switch (r.kind) {
      case EXACT -> path.equals(r.key);
      case PREFIX -> path.equals(r.key) || path.startsWith(r.key + "/");
      case EXTENSION -> {
        String last = path.substring(path.lastIndexOf('/') + 1);
        yield last.endsWith("." + r.key);
      }
      case DEFAULT -> true;
    };
  }
}
