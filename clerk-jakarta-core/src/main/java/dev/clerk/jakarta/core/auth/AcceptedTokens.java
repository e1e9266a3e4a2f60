package dev.clerk.jakarta.core.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which token types a request may authenticate with: Clerk's {@code acceptsToken}, one type, a
 * list, or {@code any}.
 *
 * <p>A single type and a one-element list behave differently, as in Clerk's SDK: a list rejects a
 * token of another type with {@code token-type-mismatch} and no token type, a single machine type
 * requires the token in the {@code Authorization} header. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AcceptedTokens {
  private static final AcceptedTokens ANY = new AcceptedTokens(Kind.ANY, List.of());
  private static final AcceptedTokens SESSION =
      new AcceptedTokens(Kind.SINGLE, List.of(TokenType.SESSION_TOKEN));

  /** The shape of the setting. */
  public enum Kind {
    /** Exactly one type. */
    SINGLE,
    /** A list of types. */
    LIST,
    /** Every type. */
    ANY
  }

  private final Kind kind;
  private final List<TokenType> types;

  private AcceptedTokens(Kind kind, List<TokenType> types) {
    this.kind = kind;
    this.types = types;
  }

  /** {@return the default: session tokens only} */
  public static AcceptedTokens sessionToken() {
    return SESSION;
  }

  /** {@return every token type} */
  public static AcceptedTokens any() {
    return ANY;
  }

  /**
   * {@return exactly one token type}
   *
   * @param type the type
   */
  public static AcceptedTokens of(TokenType type) {
    Objects.requireNonNull(type, "type == null");
    return type == TokenType.SESSION_TOKEN
        ? SESSION
        : new AcceptedTokens(Kind.SINGLE, List.of(type));
  }

  /**
   * {@return a list of token types}
   *
   * @param types one or more types
   * @throws IllegalArgumentException if {@code types} is empty
   */
  public static AcceptedTokens anyOf(Collection<TokenType> types) {
    Objects.requireNonNull(types, "types == null");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("accepts-token list must not be empty");
    }
    return new AcceptedTokens(Kind.LIST, List.copyOf(types.stream().distinct().toList()));
  }

  /**
   * Parses the configuration form: {@code any}, one name ({@code session_token}, {@code api_key},
   * {@code m2m_token}, {@code oauth_token}), or a list in brackets or with commas ({@code
   * [session_token,api_key]}, {@code api_key,m2m_token}).
   *
   * @param value the setting
   * @return the parsed setting
   * @throws IllegalArgumentException naming the option and the bad value
   */
  public static AcceptedTokens parse(String value) {
    Objects.requireNonNull(value, "value == null");
    String v = value.trim();
    if (v.equals("any")) {
      return ANY;
    }
    boolean bracketed = v.startsWith("[") && v.endsWith("]");
    if (bracketed) {
      v = v.substring(1, v.length() - 1);
    }
    List<TokenType> parsed = new ArrayList<>();
    for (String part : v.split(",", -1)) {
      String name = part.trim();
      parsed.add(
          TokenType.fromValue(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "accepts-token: unknown token type \""
                              + name
                              + "\" (expected any, session_token, api_key, m2m_token or oauth_token)")));
    }
    if (!bracketed && parsed.size() == 1) {
      return of(parsed.get(0));
    }
    return anyOf(parsed);
  }

  /** {@return the shape of the setting} */
  public Kind kind() {
    return kind;
  }

  /** {@return the listed types; empty for {@code any}} */
  public List<TokenType> types() {
    return types;
  }

  /**
   * {@return whether a token of {@code type} is accepted}
   *
   * @param type a token type
   */
  public boolean accepts(TokenType type) {
    return kind == Kind.ANY || types.contains(type);
  }

  /** {@return the single type, or null unless {@link #kind()} is {@code SINGLE}} */
  public @Nullable TokenType single() {
    return kind == Kind.SINGLE ? types.get(0) : null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AcceptedTokens other && other.kind == kind && other.types.equals(types);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + types.hashCode();
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ANY -> "any";
      case SINGLE -> types.get(0).value();
      case LIST -> types.stream().map(TokenType::value).collect(Collectors.joining(",", "[", "]"));
    };
  }
}
