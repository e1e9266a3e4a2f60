package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * Mints a JWT the way Clerk does, and lets tests bend every part of it: claims, header (any value,
 * including {@code alg: none}, {@code jku}, {@code crit}, {@code cat}), times, signing key.
 *
 * <p>Defaults: header {@code {"alg":"RS256","kid":<current kid>,"typ":"JWT"}}; claims {@code sub},
 * {@code sid}, {@code iss = https://<frontendApi>}, {@code azp}, {@code iat = now}, {@code nbf =
 * now - 10 s}, {@code exp = now + 60 s} with FakeClerk's clock. {@link #v2()} adds what Clerk's
 * current session tokens carry besides ({@code v}, {@code sts}, {@code fva}, the {@code cat}
 * header).
 *
 * <pre>
 * String jwt = fake.sessionToken().subject("user_1").v2()
 *     .organization("org_1", "acme", "org:admin", "org:invoices:read")
 *     .sign();
 * FakeCredential browser = fake.sessionToken().subject("user_1").credential(); // Cookie and Authorization headers
 * </pre>
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
public final class TokenBuilder {
  /** The {@code cat} header of Clerk's session (and handshake) tokens. */
  static final String SESSION_CATEGORY = "cl_B7d4PD111AAA";

  private final Map<String, Object> header = new LinkedHashMap<>();
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private FakeKey key;
  private final Instant now;
  private final @Nullable String devBrowser;

  TokenBuilder(FakeKey key, Instant now, String issuer, @Nullable String devBrowser) {
    this.key = key;
    this.now = now;
    this.devBrowser = devBrowser;
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
        claims.put(c, n.longValue() + by.toSeconds());
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
  public TokenBuilder organizationV2(
      String id, String slug, String role, String per, String fpm, String fea) {
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
   * Makes it a session token as Clerk issues them today (session token v2): {@code v: 2}, {@code
   * sts: "active"}, {@code fva: [0, -1]} (first factor just verified, no second factor) and the
   * header {@code cat: "cl_B7d4PD111AAA"} (the session category).
   *
   * @return this builder
   */
  public TokenBuilder v2() {
    claim("v", 2);
    claim("sts", "active");
    claim("fva", List.of(0, -1));
    return header("cat", SESSION_CATEGORY);
  }

  /**
   * Sets the v2 organization claims from the names the application checks: {@code v: 2}, {@code o =
   * {id, slg, rol, per, fpm}} and {@code fea}, encoded as Clerk encodes them. {@code
   * organization("org_1", "acme", "org:admin", "org:invoices:read", "org:invoices:write",
   * "org:reports:read")} gives {@code o = {id: org_1, slg: acme, rol: admin, per: "read,write",
   * fpm: "3,1"}} and {@code fea = "o:invoices,o:reports"}, which {@code
   * SessionAuth.orgPermissions()} decodes back to the three permissions. (v1 claims: {@link
   * #organizationV1}.)
   *
   * @param id organization id, e.g. {@code org_1}
   * @param slug its slug
   * @param role the role, e.g. {@code org:admin} (the {@code org:} prefix is optional)
   * @param permissions permissions of the form {@code org:<feature>:<permission>}
   * @return this builder
   * @throws IllegalArgumentException when a permission is not of that form
   */
  public TokenBuilder organization(String id, String slug, String role, String... permissions) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(slug, "slug == null");
    Objects.requireNonNull(role, "role == null");
    List<String> features = new ArrayList<>();
    List<String> per = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    for (String p : permissions) {
      String[] parts = p.split(":", -1);
      if (parts.length != 3
          || !parts[0].equals("org")
          || parts[1].isEmpty()
          || parts[2].isEmpty()) {
        throw new IllegalArgumentException(
            "permission \"" + p + "\" is not of the form org:<feature>:<permission>");
      }
      if (!features.contains(parts[1])) {
        features.add(parts[1]);
      }
      if (!per.contains(parts[2])) {
        per.add(parts[2]);
      }
      pairs.add(parts);
    }
    StringJoiner fpm = new StringJoiner(",");
    StringJoiner fea = new StringJoiner(",");
    for (String feature : features) {
      long mask = 0;
      for (String[] pair : pairs) {
        if (pair[1].equals(feature)) {
          mask |= 1L << per.indexOf(pair[2]);
        }
      }
      fpm.add(Long.toString(mask));
      fea.add("o:" + feature);
    }
    return organizationV2(
        id,
        slug,
        role.startsWith("org:") ? role.substring(4) : role,
        String.join(",", per),
        fpm.toString(),
        fea.toString());
  }

  /**
   * Signs the token and wraps it with the headers a client sends it in: {@code Authorization:
   * Bearer}, or a browser's {@code Cookie} with {@code __client_uat} = {@code iat} (or now) and,
   * for a development instance, the dev browser token.
   *
   * @return the credential
   */
  public FakeCredential credential() {
    String jwt = sign();
    long uat = claims.get("iat") instanceof Number n ? n.longValue() : now.getEpochSecond();
    return FakeCredential.session(
        jwt,
        String.valueOf(claims.get("sub")),
        claims.get("sid") instanceof String sid ? sid : null,
        uat,
        devBrowser);
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

  /**
   * {@return the compact JWS} Signed per the header's {@code alg}: RS*, HS* (keyed with the public
   * key's bytes, the classic confusion attack) or {@code none}.
   */
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
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
