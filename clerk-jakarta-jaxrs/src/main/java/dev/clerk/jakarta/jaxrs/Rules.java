package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.authz.Requirement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Everything the annotations on a request's path ask for: the {@link Requirement} and the token
 * types ({@link AcceptsToken}).
 *
 * <p>Token types: within one {@link Hierarchy.Level level}, the method's {@code @AcceptsToken}
 * replaces its declaring type's (as documented on {@link AcceptsToken}); across levels the types
 * every level accepts remain (an intersection), so an enclosing class or locator that accepts only
 * API keys cannot be widened by what a sub-resource says. Levels that conflict leave no type: at
 * deployment that fails with a message, on a request it signs the request out. Immutable.
 *
 * @param requirement what must hold
 * @param accepts the token types, or null for the application's setting (no {@code @AcceptsToken}
 *     anywhere, or none left: see {@code acceptsNothing})
 * @param acceptsNothing levels named token types with nothing in common
 */
record Rules(
    Requirement requirement,
    dev.clerk.jakarta.core.auth.@Nullable AcceptedTokens accepts,
    boolean acceptsNothing) {

  static final Rules NONE = new Rules(Requirement.NONE, null, false);

  /**
   * {@return the rules of {@code method} invoked on an instance of {@code type}: every level of its
   * hierarchy}
   *
   * @throws IllegalArgumentException naming the method when an annotation value is invalid or the
   *     levels' token types have nothing in common
   */
  static Rules of(Method method, Class<?> type) {
    Rules rules = NONE;
    for (Hierarchy.Level level : Hierarchy.levels(method, type)) {
      rules = rules.and(new Rules(RequirementReader.of(level), accepts(level), false));
    }
    if (rules.acceptsNothing) {
      throw new IllegalArgumentException(
          "@AcceptsToken on "
              + type.getName()
              + "#"
              + method.getName()
              + ": its class, interfaces and superclasses accept no token type in common");
    }
    return rules;
  }

  /** {@return rules that hold when this and {@code other} hold} */
  Rules and(Rules other) {
    if (NONE.equals(other)) {
      return this;
    }
    if (NONE.equals(this)) {
      return other;
    }
    boolean nothing = acceptsNothing || other.acceptsNothing;
    dev.clerk.jakarta.core.auth.AcceptedTokens both = null;
    if (!nothing) {
      if (accepts == null) {
        both = other.accepts;
      } else if (other.accepts == null) {
        both = accepts;
      } else {
        both = intersect(accepts, other.accepts);
        nothing = both == null;
      }
    }
    return new Rules(requirement.and(other.requirement), both, nothing);
  }

  /**
   * {@return the types both accept, or null when none}: {@code any} is neutral; a single type stays
   * single (it keeps its meaning: a machine type only in the {@code Authorization} header); two
   * lists keep their common types in the first list's order.
   */
  static dev.clerk.jakarta.core.auth.@Nullable AcceptedTokens intersect(
      dev.clerk.jakarta.core.auth.AcceptedTokens a, dev.clerk.jakarta.core.auth.AcceptedTokens b) {
    if (a.kind() == dev.clerk.jakarta.core.auth.AcceptedTokens.Kind.ANY) {
      return b;
    }
    if (b.kind() == dev.clerk.jakarta.core.auth.AcceptedTokens.Kind.ANY) {
      return a;
    }
    TokenType single = a.single() != null ? a.single() : b.single();
    if (single != null) {
      return a.accepts(single) && b.accepts(single)
          ? dev.clerk.jakarta.core.auth.AcceptedTokens.of(single)
          : null;
    }
    List<TokenType> common = new ArrayList<>(a.types());
    common.retainAll(b.types());
    return common.isEmpty() ? null : dev.clerk.jakarta.core.auth.AcceptedTokens.anyOf(common);
  }

  /**
   * {@return the {@code @AcceptsToken} of one level: the method's, else its type's, else null}
   *
   * @throws IllegalArgumentException naming the level when the value is invalid
   */
  static dev.clerk.jakarta.core.auth.@Nullable AcceptedTokens accepts(Hierarchy.Level level) {
    Method method = level.method();
    AcceptsToken annotation = method == null ? null : method.getAnnotation(AcceptsToken.class);
    if (annotation == null) {
      annotation = level.type().getDeclaredAnnotation(AcceptsToken.class);
    }
    if (annotation == null) {
      return null;
    }
    String[] values = annotation.value();
    try {
      if (values.length == 0) {
        throw new IllegalArgumentException("no token type given");
      }
      String setting =
          values.length == 1
              ? values[0]
              : Arrays.stream(values).map(String::trim).collect(Collectors.joining(",", "[", "]"));
      return dev.clerk.jakarta.core.auth.AcceptedTokens.parse(setting);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@AcceptsToken on " + level.where() + ": " + e.getMessage(), e);
    }
  }
}
