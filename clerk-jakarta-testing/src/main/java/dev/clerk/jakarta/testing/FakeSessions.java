package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/sessions…} of {@link FakeDirectory}: sessions, their tokens (with JWT templates) and
 * cookie refresh. Thread-safe (the directory's lock).
 */
final class FakeSessions extends FakeResource {
  private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> jwtTemplates = new HashMap<>();
  private final Map<String, RefreshGrant> refreshTokens = new HashMap<>();

  private record RefreshGrant(String sessionId, String userId) {}

  FakeSessions(FakeDirectory dir) {
    super(dir);
    String id = "([^/]+)";
    on("GET", "/v1/sessions", (r, g) -> list(r));
    on("GET", "/v1/sessions/" + id, (r, g) -> copy(get(g.get(0))));
    on("POST", "/v1/sessions/" + id + "/revoke", (r, g) -> revoke(g.get(0)));
    on("POST", "/v1/sessions/" + id + "/tokens", (r, g) -> token(g.get(0), null, r));
    on("POST", "/v1/sessions/" + id + "/tokens/" + id, (r, g) -> token(g.get(0), g.get(1), r));
    on("POST", "/v1/sessions/" + id + "/refresh", (r, g) -> refresh(g.get(0), r));
  }

  // ---- for the public API (callers hold no lock) -----------------------------------------

  Map<String, Object> add(String userId) {
    Objects.requireNonNull(userId, "userId == null");
    synchronized (lock) {
      long now = now();
      String clientId = dir.newId("client");
      String sid = dir.newId("sess");
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("object", "session");
      s.put("id", sid);
      s.put("client_id", clientId);
      s.put("user_id", userId);
      s.put("status", "active");
      s.put("last_active_organization_id", null);
      s.put("actor", null);
      s.put("last_active_at", now);
      s.put("expire_at", now + Duration.ofDays(7).toMillis());
      s.put("abandon_at", now + Duration.ofDays(30).toMillis());
      s.put("created_at", now);
      s.put("updated_at", now);
      sessions.put(sid, s);
      dir.clients.add(clientId, sid, now);
      return copy(s);
    }
  }

  /**
   * {@return the status of session {@code sid} ({@code active}, {@code ended}, {@code revoked} …),
   * or null when unknown}
   */
  @Nullable String status(String sid) {
    synchronized (lock) {
      Map<String, Object> s = sessions.get(sid);
      return s == null ? null : String.valueOf(s.get("status"));
    }
  }

  /** Ends session {@code sid} as a sign-out does (status {@code ended}); no-op when unknown. */
  void end(String sid) {
    synchronized (lock) {
      Map<String, Object> s = sessions.get(sid);
      if (s != null && "active".equals(s.get("status"))) {
        s.put("status", "ended");
        s.put("updated_at", now());
      }
    }
  }

  List<Map<String, Object>> all() {
    synchronized (lock) {
      return sessions.values().stream().map(FakeResource::copy).toList();
    }
  }

  void registerJwtTemplate(String name, Map<String, Object> claims) {
    synchronized (lock) {
      jwtTemplates.put(Objects.requireNonNull(name, "name == null"), new LinkedHashMap<>(claims));
    }
  }

  void registerRefreshToken(String refreshToken, String sessionId, String userId) {
    Objects.requireNonNull(refreshToken, "refreshToken == null");
    RefreshGrant grant =
        new RefreshGrant(
            Objects.requireNonNull(sessionId, "sessionId == null"),
            Objects.requireNonNull(userId, "userId == null"));
    synchronized (lock) {
      refreshTokens.put(refreshToken, grant);
    }
  }

  /** See {@link FakeBackendApi#cookieSuffix()}. */
  String cookieSuffix() {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-1")
              .digest(fake.publishableKey().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(sha).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  // ---- for the other resources (callers hold the lock) -----------------------------------

  /** Runs {@code action} on each stored session (not a copy), in creation order. */
  void forEach(Consumer<Map<String, Object>> action) {
    sessions.values().forEach(action);
  }

  void removeIf(Predicate<Map<String, Object>> p) {
    sessions.values().removeIf(p);
  }

  // ---- handlers -------------------------------------------------------------------------

  private Map<String, Object> get(String id) {
    Map<String, Object> s = sessions.get(id);
    if (s == null) {
      throw notFound();
    }
    return s;
  }

  private Object list(RecordedRequest r) {
    String userId = r.queryParam("user_id");
    String clientId = r.queryParam("client_id");
    if (userId == null && clientId == null) {
      throw new Refusal(422, "form_param_missing", "Either client_id or user_id must be provided.");
    }
    String status = r.queryParam("status");
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> s : sessions.values()) {
      if ((userId == null || userId.equals(s.get("user_id")))
          && (clientId == null || clientId.equals(s.get("client_id")))
          && (status == null || status.equals(s.get("status")))) {
        all.add(copy(s));
      }
    }
    all.sort(order(null, Set.of("created_at")));
    return page(all, r, "true".equals(r.queryParam("paginated")));
  }

  private Map<String, Object> revoke(String id) {
    Map<String, Object> s = get(id);
    s.put("status", "revoked");
    s.put("updated_at", now());
    return copy(s);
  }

  private Map<String, Object> token(String sid, @Nullable String template, RecordedRequest r) {
    Map<String, Object> s = get(sid);
    if (!"active".equals(s.get("status"))) {
      throw new Refusal(400, "session_not_active", "The session is not active.");
    }
    Map<String, Object> body = r.jsonBody();
    checkFields(body, Set.of("expires_in_seconds"));
    TokenBuilder b = fake.sessionToken().subject(String.valueOf(s.get("user_id"))).sessionId(sid);
    if (body.get("expires_in_seconds") instanceof Number n) {
      b.expiresIn(Duration.ofSeconds(n.longValue()));
    }
    if (template != null) {
      Map<String, Object> claims = jwtTemplates.get(template);
      if (claims == null) {
        throw new Refusal(404, "resource_not_found", "JWT template not found");
      }
      claims.forEach(b::claim);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "token");
    out.put("jwt", b.sign());
    return out;
  }

  /** {@code POST /v1/sessions/{sid}/refresh}: see {@link FakeBackendApi}. */
  private Map<String, Object> refresh(String sid, RecordedRequest r) {
    Map<String, Object> body = r.jsonBody();
    if (!"cookie".equals(body.get("format"))) {
      throw new Refusal(422, "form_param_missing", "format must be cookie.");
    }
    if (!(body.get("expired_token") instanceof String expired) || expired.isEmpty()) {
      throw new Refusal(422, "form_param_missing", "expired_token must be included.");
    }
    if (!(body.get("refresh_token") instanceof String refresh) || refresh.isEmpty()) {
      throw new Refusal(422, "form_param_missing", "refresh_token must be included.");
    }
    RefreshGrant grant = refreshTokens.get(refresh);
    if (grant == null || !grant.sessionId().equals(sid)) {
      throw new Refusal(400, "refresh_token_invalid", "The refresh token is invalid.");
    }
    String jwt = fake.sessionToken().subject(grant.userId()).sessionId(sid).sign();
    long uat = fake.clock().instant().getEpochSecond();
    List<String> cookies = new ArrayList<>();
    if ("true".equals(r.queryParam("suffixed_cookies"))) {
      String suffix = cookieSuffix();
      cookies.add("__session_" + suffix + "=" + jwt + "; Path=/; SameSite=Lax");
      cookies.add(
          "__client_uat_" + suffix + "=" + uat + "; Path=/; SameSite=Lax; Max-Age=315360000");
    }
    cookies.add("__session=" + jwt + "; Path=/; SameSite=Lax");
    cookies.add("__client_uat=" + uat + "; Path=/; SameSite=Lax; Max-Age=315360000");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "cookies");
    out.put("cookies", cookies);
    return out;
  }
}
