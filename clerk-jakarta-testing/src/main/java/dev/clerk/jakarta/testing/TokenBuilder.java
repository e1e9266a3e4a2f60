package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * Mints a JWT the way Clerk does, and lets tests bend every part of it: claims, header (any value,
 * including {@code alg: none}, {@code jku}, {@code crit}, {@code cat}), times, signing key.
 *
 * <p>Defaults: header {@code {"alg":"RS256","kid":<current kid>,"typ":"JWT"}}; claims {@code sub},
 * {@code sid}, {@code iss = https://<frontendApi>}, {@code azp}, {@code iat = now}, {@code nbf = now
 * - 10 s}, {@code exp = now + 60 s} with FakeClerk's clock. Not thread-safe.
 *
 * @since 0.1
 */
public final class TokenBuilder {
  private final Map<String, Object> header = new LinkedHashMap<>();
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private FakeKey key;
  private final Instant now;

  TokenBuilder(FakeKey key, Instant now, String issuer) {
    this.key = key;
    this.now = now;
    header.put("alg", "RS256");
    header.put("kid", key.kid());
    header.put("typ", "JWT");
    claims.put("azp", "http://localhost:3000");
    claims.put("exp", now.getEpochSecond() + 60);
    claims.put("iat", now.getEpochSecond());
    claims.put("iss", issuer);
    claims.put("nbf", now.getEpochSecond() - 10);
    claims.put("sid", "sess_fake_session");
    claims.put("sub", "user_fake_user");
  }

  /** {@return the clock's instant this builder started from} */
  public Instant now() {
    return now;
  }

  /**
   * Sets a claim; null removes it.
   *
   * @param name claim name
   * @param value JSON value (String, Number, Boolean, List, Map) or null
   * @return this builder
   */
  public TokenBuilder claim(String name, @Nullable Object value) {
    Objects.requireNonNull(name, "name == null");
    if (value == null) {
      claims.remove(name);
    } else {
      claims.put(name, value);
    }
    return this;
  }

  /**
   * Sets a header parameter; null removes it.
   *
   * @param name header name, e.g. {@code cat}
   * @param value JSON value or null
   * @return this builder
   */
  public TokenBuilder header(String name, @Nullable Object value) {
    Objects.requireNonNull(name, "name == null");
    if (value == null) {
      header.remove(name);
    } else {
      header.put(name, value);
    }
    return this;
  }

  /**
   * Sets {@code sub}.
   *
   * @param userId e.g. {@code user_123}
   * @return this builder
   */
  public TokenBuilder subject(@Nullable String userId) {
    return claim("sub", userId);
  }

  /**
   * Sets {@code sid}.
   *
   * @param sessionId e.g. {@code sess_123}
   * @return this builder
   */
  public TokenBuilder sessionId(@Nullable String sessionId) {
    return claim("sid", sessionId);
  }

  /**
   * Sets {@code azp}.
   *
   * @param origin e.g. {@code https://example.com}
   * @return this builder
   */
  public TokenBuilder authorizedParty(@Nullable String origin) {
    return claim("azp", origin);
  }

  /**
   * Sets {@code iss}.
   *
   * @param issuer e.g. {@code https://clerk.example.com}
   * @return this builder
   */
  public TokenBuilder issuer(@Nullable String issuer) {
    return claim("iss", issuer);
  }

  /**
   * Sets {@code aud} to one string or an array.
   *
   * @param audience one or more audiences
   * @return this builder
   */
  public TokenBuilder audience(String... audience) {
    return claim("aud", audience.length == 1 ? audience[0] : Arrays.asList(audience));
  }

  /**
   * Sets {@code iat}.
   *
   * @param at the instant (seconds)
   * @return this builder
   */
  public TokenBuilder issuedAt(@Nullable Instant at) {
    return claim("iat", at == null ? null : at.getEpochSecond());
  }

  /**
   * Sets {@code nbf}.
   *
   * @param at the instant (seconds)
   * @return this builder
   */
  public TokenBuilder notBefore(@Nullable Instant at) {
    return claim("nbf", at == null ? null : at.getEpochSecond());
  }

  /**
   * Sets {@code exp}.
   *
   * @param at the instant (seconds)
   * @return this builder
   */
  public TokenBuilder expiresAt(@Nullable Instant at) {
    return claim("exp", at == null ? null : at.getEpochSecond());
  }

  /**
   * Sets {@code exp} relative to the builder's now.
   *
   * @param ttl time to live (negative for an expired token)
   * @return this builder
   */
  public TokenBuilder expiresIn(Duration ttl) {
    return expiresAt(now.plus(ttl));
  }

  /**
   * Shifts {@code iat}, {@code nbf} and {@code exp} together.
   *
   * @param by how much (negative for the past)
   * @return this builder
   */
  public TokenBuilder shiftTimes(Duration by) {
    for (String c : List.of("iat", "nbf", "exp")) {
      if (claims.get(c) instanceof Number n) {
        claims.put(c, n.longValue() + by.getSeconds());
      }
    }
    return this;
  }

  /**
   * Sets v1 organization claims {@code org_id}, {@code org_slug}, {@code org_role}, {@code
   * org_permissions}.
   *
   * @param id organization id
   * @param slug slug
   * @param role role with {@code org:} prefix
   * @param permissions permissions with {@code org:} prefix
   * @return this builder
   */
  public TokenBuilder organizationV1(String id, String slug, String role, String... permissions) {
    claim("org_id", id);
    claim("org_slug", slug);
    claim("org_role", role);
    return claim("org_permissions", Arrays.asList(permissions));
  }

  /**
   * Sets v2 claims: {@code v: 2}, {@code o = {id, slg, rol, per, fpm}} and {@code fea}.
   *
   * @param id organization id
   * @param slug slug
   * @param role role without {@code org:} prefix
   * @param per comma-separated permission names, e.g. {@code read,manage}
   * @param fpm comma-separated bitmasks, one per organization feature
   * @param fea scoped features, e.g. {@code o:invoices,u:dashboard}
   * @return this builder
   */
  public TokenBuilder organizationV2(String id, String slug, String role, String per, String fpm, String fea) {
    claim("v", 2);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("slg", slug);
    o.put("rol", role);
    o.put("per", per);
    o.put("fpm", fpm);
    claim("o", o);
    return claim("fea", fea);
  }

  /**
   * Signs with another key (its kid goes in the header).
   *
   * @param key the key
   * @return this builder
   */
  public TokenBuilder signWith(FakeKey key) {
    this.key = Objects.requireNonNull(key, "key == null");
    header.put("kid", key.kid());
    return this;
  }

  /** {@return the compact JWS} Signed per the header's {@code alg}: RS*, HS* (keyed with the public key's bytes, the classic confusion attack) or {@code none}. */
  public String sign() {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
    jws.setDoKeyValidation(false);
    jws.setPayload(Json.write(claims));
    try {
      jws.getHeaders().setFullHeaderAsJsonString(Json.write(header));
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
    String alg = String.valueOf(header.get("alg"));
    try {
      if (alg.equals("none")) {
        String h = b64(Json.write(header));
        String p = b64(Json.write(claims));
        return h + "." + p + ".";
      } else if (alg.startsWith("HS")) {
        jws.setKey(new HmacKey(key.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
      } else {
        jws.setKey(key.privateKey());
      }
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("could not sign: " + e.getMessage(), e);
    }
  }

  private static String b64(String json) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
