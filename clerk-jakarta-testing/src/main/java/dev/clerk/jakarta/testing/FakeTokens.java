package dev.clerk.jakarta.testing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The shortest ways to a credential of a {@link FakeClerk}: session tokens for a user (with an
 * organization, role and permissions, in Clerk's current v2 claims or the v1 ones), expired and
 * not-yet-valid ones, and machine tokens (API keys, M2M and OAuth tokens) that FakeClerk's Backend
 * API then verifies. Reach it with {@link FakeClerk#tokens()}; for any other shape, {@link
 * FakeClerk#sessionToken()}.
 *
 * <pre>
 * FakeCredential admin = fake.tokens().session("user_1", "org_1", "org:admin", "org:invoices:read");
 * FakeCredential expired = fake.tokens().expiredSession("user_1");
 * FakeCredential apiKey = fake.tokens().apiKey("user_1", "read");
 * // header "Authorization: " + admin.authorizationHeader(), or "Cookie: " + admin.cookieHeader()
 * </pre>
 *
 * <p>Each session token has a session id of its own ({@code sess_…}), {@code azp} {@code
 * http://localhost:3000} (checked only by an application that sets {@code authorized-parties}) and
 * lives 60 seconds from FakeClerk's clock. Thread-safe.
 *
 * @since 0.1
 */
public final class FakeTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FakeClerk fake;

  FakeTokens(FakeClerk fake) {
    this.fake = fake;
  }

  private TokenBuilder user(String userId) {
    Objects.requireNonNull(userId, "userId == null");
    return fake.sessionToken().subject(userId).sessionId("sess_" + random()).v2();
  }

  /**
   * {@return a session token of {@code userId}, without an active organization}
   *
   * @param userId e.g. {@code user_1}
   */
  public FakeCredential session(String userId) {
    return user(userId).credential();
  }

  /**
   * {@return a session token of {@code userId} with an active organization, in v2 claims (as Clerk
   * issues them today); the organization's slug is its id}
   *
   * @param userId e.g. {@code user_1}
   * @param orgId e.g. {@code org_1}
   * @param role e.g. {@code org:admin}
   * @param permissions e.g. {@code org:invoices:read}
   * @throws IllegalArgumentException when a permission is not {@code org:<feature>:<permission>}
   */
  public FakeCredential session(String userId, String orgId, String role, String... permissions) {
    return user(userId).organization(orgId, orgId, role, permissions).credential();
  }

  /**
   * {@return the same in v1 claims ({@code org_id}, {@code org_slug}, {@code org_role}, {@code
   * org_permissions}), as instances that have not moved to v2 issue them}
   *
   * @param userId e.g. {@code user_1}
   * @param orgId e.g. {@code org_1}
   * @param role e.g. {@code org:admin}
   * @param permissions e.g. {@code org:invoices:read}
   */
  public FakeCredential sessionV1(String userId, String orgId, String role, String... permissions) {
    return fake.sessionToken()
        .subject(userId)
        .sessionId("sess_" + random())
        .organizationV1(orgId, orgId, role, permissions)
        .credential();
  }

  /**
   * {@return a session token of {@code userId} that expired a minute ago (issued two minutes ago):
   * an API request with it gets 401 {@code invalid_token}, a browser's page request a handshake}
   *
   * @param userId e.g. {@code user_1}
   */
  public FakeCredential expiredSession(String userId) {
    return user(userId).shiftTimes(Duration.ofMinutes(-2)).credential();
  }

  /**
   * {@return a session token of {@code userId} whose {@code nbf} is a minute ahead (beyond any
   * clock skew)}
   *
   * @param userId e.g. {@code user_1}
   */
  public FakeCredential notYetValidSession(String userId) {
    TokenBuilder t = user(userId);
    return t.notBefore(t.now().plus(Duration.ofMinutes(1)))
        .expiresIn(Duration.ofMinutes(2))
        .credential();
  }

  /**
   * {@return a new API key ({@code ak_…}) of {@code subject} that {@code POST /api_keys/verify}
   * accepts}
   *
   * @param subject {@code user_…} or {@code org_…}
   * @param scopes its scopes
   */
  public FakeCredential apiKey(String subject, String... scopes) {
    String secret = "ak_" + random() + random();
    fake.registerApiKey(secret, subject, scopes);
    return FakeCredential.machine(FakeCredential.API_KEY, secret, subject);
  }

  /**
   * {@return a new opaque machine-to-machine token ({@code mt_…}) of machine {@code machineId} that
   * {@code POST /m2m_tokens/verify} accepts}
   *
   * @param machineId e.g. {@code mch_1}
   * @param scopes the machines it may call, e.g. {@code mch_2}
   */
  public FakeCredential m2mToken(String machineId, String... scopes) {
    String token = "mt_" + random() + random();
    fake.registerM2mToken(token, machineId, scopes);
    return FakeCredential.machine(FakeCredential.M2M_TOKEN, token, machineId);
  }

  /**
   * {@return a new opaque OAuth access token ({@code oat_…}) of {@code userId} that {@code POST
   * /oauth_applications/access_tokens/verify} accepts}
   *
   * @param userId e.g. {@code user_1}
   * @param clientId the OAuth application's client id
   * @param scopes its scopes, e.g. {@code profile}
   */
  public FakeCredential oauthToken(String userId, String clientId, String... scopes) {
    String token = "oat_" + random() + random();
    fake.registerOAuthToken(token, userId, clientId, scopes);
    return FakeCredential.machine(FakeCredential.OAUTH_TOKEN, token, userId);
  }

  private static String random() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return "FakeTokens{" + fake.apiUrl() + "}";
  }
}
