package dev.clerk.jakarta.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a verified Clerk session token (v1 or v2), with typed accessors for the claims
 * Clerk defines and {@link #get(String)} for any other (custom session-token claims).
 *
 * <p>Instances are immutable and thread-safe. A value that has the wrong JSON type reads as absent.
 *
 * @since 0.1
 */
public final class SessionClaims {
  private final Map<String, Object> claims;

  private SessionClaims(Map<String, Object> claims) {
    this.claims = claims;
  }

  /**
   * {@return claims from a parsed JSON payload} Nested maps and lists are copied read-only.
   *
   * @param payload the JWT payload as parsed JSON (String, Number, Boolean, List, Map, null)
   */
  public static SessionClaims of(Map<String, ?> payload) {
    Objects.requireNonNull(payload, "payload == null");
    return new SessionClaims(copyMap(payload));
  }

  private static Map<String, Object> copyMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = deepCopy(e.getValue());
      if (v != null) {
        copy.put(String.valueOf(e.getKey()), v);
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object deepCopy(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      return copyMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object o : list) {
        Object v = deepCopy(o);
        if (v != null) {
          copy.add(v);
        }
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /** {@return all claims, read-only, in token order} */
  public Map<String, Object> asMap() {
    return claims;
  }

  /**
   * {@return the raw claim, or null}
   *
   * @param name claim name
   */
  public @Nullable Object get(String name) {
    return claims.get(name);
  }

  /**
   * {@return the claim as a string, or null when absent or not a string}
   *
   * @param name claim name
   */
  public @Nullable String getString(String name) {
    return claims.get(name) instanceof String s ? s : null;
  }

  /**
   * {@return the claim as a number, or null when absent or not a number}
   *
   * @param name claim name
   */
  public @Nullable Number getNumber(String name) {
    return claims.get(name) instanceof Number n ? n : null;
  }

  /**
   * {@return the claim as a JSON object, or null when absent or not an object}
   *
   * @param name claim name
   */
  @SuppressWarnings("unchecked")
  public @Nullable Map<String, Object> getObject(String name) {
    return claims.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /**
   * {@return the claim as a list of strings (non-strings dropped), or an empty list}
   *
   * @param name claim name
   */
  public List<String> getStringList(String name) {
    Object v = claims.get(name);
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
      return List.copyOf(out);
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    return List.of();
  }

  /** {@return {@code sub}: the user id} */
  public @Nullable String subject() {
    return getString("sub");
  }

  /** {@return {@code sid}: the session id} */
  public @Nullable String sessionId() {
    return getString("sid");
  }

  /** {@return {@code iss}: {@code https://<frontendApi>}} */
  public @Nullable String issuer() {
    return getString("iss");
  }

  /** {@return {@code azp}: the origin that requested the token} */
  public @Nullable String authorizedParty() {
    return getString("azp");
  }

  /** {@return {@code aud} as a list (a single string becomes one element)} */
  public List<String> audience() {
    return getStringList("aud");
  }

  /** {@return {@code jti}} */
  public @Nullable String tokenId() {
    return getString("jti");
  }

  /** {@return {@code exp}} */
  public @Nullable Instant expiresAt() {
    return instant("exp");
  }

  /** {@return {@code iat}} */
  public @Nullable Instant issuedAt() {
    return instant("iat");
  }

  /** {@return {@code nbf}} */
  public @Nullable Instant notBefore() {
    return instant("nbf");
  }

  private @Nullable Instant instant(String name) {
    Number n = getNumber(name);
    return n == null ? null : Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
  }

  /**
   * {@return {@code v}: 2 for v2 tokens, 1 when absent, 0 when it is not a whole number} Clerk
   * reads v2 claims only for {@code v === 2}, so {@code 2.5} is not a v2 token.
   */
  public int version() {
    Number v = getNumber("v");
    if (v == null) {
      return 1;
    }
    double d = v.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (int) d : 0;
  }

  /** {@return {@code sts}: {@code active} or {@code pending}, or null} */
  public @Nullable String sessionStatus() {
    return getString("sts");
  }

  /** {@return {@code act}: the actor of an impersonated session, or null} */
  public @Nullable Map<String, Object> actor() {
    return getObject("act");
  }

  /**
   * {@return {@code fva}: minutes since the first and second factor were verified ({@code -1} =
   * never), or null when absent or malformed}
   */
  public @Nullable List<Integer> factorVerificationAge() {
    Object v = claims.get("fva");
    if (v instanceof List<?> list
        && list.size() == 2
        && list.get(0) instanceof Number a
        && list.get(1) instanceof Number b) {
      return List.of(a.intValue(), b.intValue());
    }
    return null;
  }

  /** {@return {@code fea}: scoped features ({@code "o:dashboard,u:x"}), or null} */
  public @Nullable String features() {
    return getString("fea");
  }

  /** {@return {@code pla}: scoped plans ({@code "u:free,o:pro"}), or null} */
  public @Nullable String plans() {
    return getString("pla");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SessionClaims other && other.claims.equals(claims);
  }

  @Override
  public int hashCode() {
    return claims.hashCode();
  }

  /** Lists claim names only: values may identify a person. */
  @Override
  public String toString() {
    return "SessionClaims" + claims.keySet();
  }
}
