package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The Backend API endpoints of {@link FakeClerk} that request authentication needs, with in-memory
 * state: the handshake payload, session refresh and machine-token verification; the rest of the
 * Backend API subset (users, organizations, …) lives in {@link #directory()}. Reach it with {@link
 * FakeClerk#backendApi()} (the common registrations also have shortcuts on {@code FakeClerk}).
 * Every route checks {@code Authorization: Bearer <secret key>} and answers Clerk's 401 {@code
 * clerk_key_invalid} otherwise; every request is recorded ({@link FakeClerk#requests(String)}) and
 * can be faulted ({@link FakeClerk#enqueueFault}).
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>state</th><th>answers</th></tr>
 *   <tr><td>{@code GET /v1/clients/handshake_payload?nonce=…}</td><td>{@link #putHandshakePayload}</td>
 *       <td>200 {@code {"directives":[…]}}; 404 {@code resource_not_found} for an unknown nonce</td></tr>
 *   <tr><td>{@code POST /v1/sessions/{sid}/refresh?suffixed_cookies=…}</td><td>{@link #registerRefreshToken}</td>
 *       <td>200 {@code {"object":"cookies","cookies":[…]}} with a freshly minted session token for
 *       that {@code sid} and user, as {@code __session} and {@code __client_uat} (plus their
 *       {@code _<suffix>} twins when {@code suffixed_cookies=true}); 422 {@code form_param_missing}
 *       without {@code expired_token}/{@code refresh_token} or with a {@code format} other than {@code cookie};
 *       400 {@code refresh_token_invalid} when the refresh token is unknown or belongs to another session</td></tr>
 *   <tr><td>{@code POST /api_keys/verify} {@code {"secret":…}}</td><td>{@link #registerApiKey}, {@link #putApiKey}</td>
 *       <td>200 the API key object; 404 {@code resource_not_found} "API key not found"</td></tr>
 *   <tr><td>{@code POST /m2m_tokens/verify} {@code {"token":…}}</td><td>{@link #registerM2mToken}, {@link #putM2mToken}</td>
 *       <td>200 the M2M token object; 404 "Machine token not found"; Bearer may also be a key from
 *       {@link #registerMachineSecretKey}</td></tr>
 *   <tr><td>{@code POST /oauth_applications/access_tokens/verify} {@code {"access_token":…}}</td>
 *       <td>{@link #registerOAuthToken}, {@link #putOAuthToken}</td>
 *       <td>200 the OAuth access token object; 404 "OAuth token not found"</td></tr>
 * </table>
 *
 * <pre>
 * try (FakeClerk fake = FakeClerk.start()) {
 *   fake.putHandshakePayload("nonce_1", "__session=" + fake.sessionToken().subject("user_1").sign() + "; Path=/");
 *   fake.registerRefreshToken("refresh_1", "sess_1", "user_1");
 *   fake.registerApiKey("ak_secret", "user_1", "read", "write");
 *   fake.registerM2mToken("mt_token", "mch_1", "mch_2");
 *   fake.registerOAuthToken("oat_token", "user_1", "client_1", "profile");
 * }
 * </pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeBackendApi {
  private final FakeClerk fake;
  private final AtomicLong ids = new AtomicLong();
  private final FakeDirectory directory;
  private final FakeMachineTokens apiKeys;
  private final FakeMachineTokens m2mTokens;
  private final FakeMachineTokens oauthTokens;

  FakeBackendApi(FakeClerk fake) {
    this.fake = fake;
    this.directory = new FakeDirectory(fake);
    this.apiKeys = FakeMachineTokens.apiKeys(directory);
    this.m2mTokens = FakeMachineTokens.m2mTokens(directory);
    this.oauthTokens = FakeMachineTokens.oauthTokens(directory);
  }

  /**
   * {@return users, sessions, clients, organizations, memberships, invitations and allow/block
   * lists}
   */
  public FakeDirectory directory() {
    return directory;
  }

  private String nextId(String prefix) {
    return prefix + "_fake" + ids.incrementAndGet();
  }

  // ---- handshake payload ----------------------------------------------------------------

  /**
   * Makes {@code GET /v1/clients/handshake_payload?nonce=<nonce>} answer these directives.
   *
   * @param nonce the nonce (as the {@code __clerk_handshake_nonce} cookie or query parameter
   *     carries it)
   * @param directives {@code Set-Cookie} values, e.g. {@code "__session=<jwt>; Path=/"}
   */
  public void putHandshakePayload(String nonce, String... directives) {
    directory.clients.putHandshakePayload(nonce, directives);
  }

  /** {@return the registered handshake payloads, nonce to directives (a copy)} */
  public Map<String, List<String>> handshakePayloads() {
    return directory.clients.handshakePayloads();
  }

  // ---- refresh --------------------------------------------------------------------------

  /**
   * Accepts {@code refreshToken} for session {@code sessionId} of {@code userId} at {@code POST
   * /v1/sessions/{sessionId}/refresh}; each refresh mints a new session token ({@code
   * fake.sessionToken().subject(userId).sessionId(sessionId).sign()}). Refresh tokens stay valid.
   *
   * @param refreshToken the value of the {@code __refresh_<suffix>} cookie
   * @param sessionId the session id ({@code sid})
   * @param userId the user ({@code sub})
   */
  public void registerRefreshToken(String refreshToken, String sessionId, String userId) {
    directory.sessions.registerRefreshToken(refreshToken, sessionId, userId);
  }

  /**
   * {@return the cookie-name suffix of this instance: the first 8 characters of the URL-safe base64
   * of the SHA-1 of the publishable key}
   */
  public String cookieSuffix() {
    return directory.sessions.cookieSuffix();
  }

  // ---- machine tokens -------------------------------------------------------------------

  /**
   * Registers an API key that {@code POST /api_keys/verify} accepts.
   *
   * @param secret the {@code ak_…} secret callers present
   * @param subject {@code user_…} or {@code org_…}
   * @param scopes its scopes
   * @return the key's JSON object as served (mutable copy; change it with {@link #putApiKey})
   */
  public Map<String, Object> registerApiKey(String secret, String subject, String... scopes) {
    Map<String, Object> o = base(nextId("ak"), "api_key", subject, scopes);
    o.put("type", "api_key");
    o.put("name", "fake key");
    o.put("claims", null);
    o.put("created_by", null);
    o.put("description", null);
    o.put("last_used_at", null);
    putApiKey(secret, o);
    return new LinkedHashMap<>(o);
  }

  /**
   * Serves {@code object} for {@code secret} at {@code POST /api_keys/verify} (full control:
   * claims, revoked, expiration…).
   *
   * @param secret the secret
   * @param object the JSON object (maps, lists, strings, numbers, booleans, null)
   */
  public void putApiKey(String secret, Map<String, Object> object) {
    apiKeys.put(Objects.requireNonNull(secret, "secret == null"), object);
  }

  /**
   * Registers an opaque M2M token that {@code POST /m2m_tokens/verify} accepts.
   *
   * @param token the {@code mt_…} token callers present
   * @param subject the machine, {@code mch_…}
   * @param scopes the machines it may call
   * @return the token's JSON object as served (mutable copy)
   */
  public Map<String, Object> registerM2mToken(String token, String subject, String... scopes) {
    Map<String, Object> o = base(nextId("mt"), "machine_to_machine_token", subject, scopes);
    o.put("claims", null);
    putM2mToken(token, o);
    return new LinkedHashMap<>(o);
  }

  /**
   * Serves {@code object} for {@code token} at {@code POST /m2m_tokens/verify}.
   *
   * @param token the token
   * @param object the JSON object
   */
  public void putM2mToken(String token, Map<String, Object> object) {
    m2mTokens.put(Objects.requireNonNull(token, "token == null"), object);
  }

  /**
   * Lets {@code POST /m2m_tokens/verify} also accept {@code Authorization: Bearer <key>} (a machine
   * secret key) besides the secret key.
   *
   * @param key the machine secret key
   */
  public void registerMachineSecretKey(String key) {
    m2mTokens.acceptMachineSecretKey(Objects.requireNonNull(key, "key == null"));
  }

  /**
   * Registers an opaque OAuth access token that {@code POST
   * /oauth_applications/access_tokens/verify} accepts.
   *
   * @param token the {@code oat_…} token callers present
   * @param subject the user, {@code user_…}
   * @param clientId the OAuth application's client id
   * @param scopes its scopes
   * @return the token's JSON object as served (mutable copy)
   */
  public Map<String, Object> registerOAuthToken(
      String token, String subject, String clientId, String... scopes) {
    Map<String, Object> o = base(nextId("oat"), "clerk_idp_oauth_access_token", subject, scopes);
    o.put("type", "oauth_token");
    o.put("client_id", clientId);
    putOAuthToken(token, o);
    return new LinkedHashMap<>(o);
  }

  /**
   * Serves {@code object} for {@code token} at {@code POST
   * /oauth_applications/access_tokens/verify}.
   *
   * @param token the token
   * @param object the JSON object
   */
  public void putOAuthToken(String token, Map<String, Object> object) {
    oauthTokens.put(Objects.requireNonNull(token, "token == null"), object);
  }

  /**
   * Marks a registered machine token (API key secret, M2M or OAuth token) revoked; Clerk still
   * answers 200 with {@code "revoked":true}.
   *
   * @param tokenOrSecret what callers present
   * @param reason the revocation reason
   * @return whether a token was found
   */
  public boolean revoke(String tokenOrSecret, @Nullable String reason) {
    boolean found = false;
    for (FakeMachineTokens tokens : List.of(apiKeys, m2mTokens, oauthTokens)) {
      found |= tokens.revoke(tokenOrSecret, reason);
    }
    return found;
  }

  private Map<String, Object> base(String id, String object, String subject, String... scopes) {
    Objects.requireNonNull(subject, "subject == null");
    long now = fake.clock().millis();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("object", object);
    o.put("id", id);
    o.put("subject", subject);
    o.put("scopes", new ArrayList<>(Arrays.asList(scopes)));
    o.put("revoked", false);
    o.put("revocation_reason", null);
    o.put("expired", false);
    o.put("expiration", null);
    o.put("created_at", now);
    o.put("updated_at", now);
    return o;
  }
}
