package dev.clerk.jakarta.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The Frontend API side of a {@link FakeClerk} that a browser talks to: the handshake endpoint
 * {@code GET /v1/client/handshake}, a one-click sign-in and a sign-out, so that an application
 * configured with {@code proxy-url} = {@link FakeClerk#apiUrl()} (as {@link FakeClerk#settings()}
 * does) signs a real browser in, refreshes its session and signs it out through real handshakes.
 * Every FakeClerk has one: {@link FakeClerk#frontend()}.
 *
 * <ul>
 *   <li>{@code GET /v1/fake/sign-in?redirect_url=<app URL>[&user_id=…][&org_id=…&org_role=…
 *       &org_permissions=a,b]} starts a session ({@code sess_…}, active in {@link
 *       FakeDirectory#sessions()}), remembers the browser as its client (cookie {@value
 *       #CLIENT_COOKIE} on FakeClerk's origin, as Clerk's {@code __client}) and redirects ({@code
 *       303}) to {@code redirect_url} with {@code __clerk_handshake=<JWT>}, whose {@code handshake}
 *       claim lists the {@code Set-Cookie} directives for {@code __session}, {@code __client_uat}
 *       and the dev browser {@code __clerk_db_jwt}.
 *   <li>{@code GET /v1/client/handshake?redirect_url=…} (where the application's handshake redirect
 *       lands), {@code 307} back to {@code redirect_url}: for a remembered browser whose session is
 *       still active, a fresh session token of the <em>same</em> session ({@code sid}); for an
 *       unknown browser, or one whose session was ended or revoked (by {@code /v1/fake/sign-out} or
 *       the Backend API's {@code POST /v1/sessions/{id}/revoke}), the signed-out directives ({@code
 *       __session} removed, {@code __client_uat=0}) and the dev browser. Asked for {@code
 *       format=nonce} (as the library asks), it answers as Clerk does with {@code
 *       __clerk_handshake_nonce=<nonce>}, whose directives the application then fetches from the
 *       Backend API ({@code GET /v1/clients/handshake_payload}); otherwise with {@code
 *       __clerk_handshake}.
 *   <li>{@code GET /v1/fake/sign-out?redirect_url=…} ends the browser's session and redirects
 *       ({@code 303}) with the signed-out directives in a handshake token.
 * </ul>
 *
 * <p>Session tokens are shaped as Clerk issues them today (session token v2: {@code v}, {@code
 * sts}, {@code fva}, {@code o}/{@code fea} for the organization, header {@code cat}), with {@code
 * azp} = the application's origin, and live {@link #sessionTokenLifetime()} (60 s, as Clerk's).
 * Handshake tokens carry {@code iss}, {@code iat}, {@code exp} and {@code handshake}, signed with
 * FakeClerk's current key.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeFrontendApi {
  /** Cookie on FakeClerk's origin that remembers a signed-in browser. */
  public static final String CLIENT_COOKIE = "__fake_clerk_client";

  private static final SecureRandom RANDOM = new SecureRandom();

  private record SignedIn(
      String userId,
      String sessionId,
      @Nullable String orgId,
      @Nullable String orgRole,
      List<String> permissions) {}

  private final FakeClerk clerk;
  private final String devBrowser = "dvb_fake_" + random(12);
  private final Map<String, SignedIn> clients = new ConcurrentHashMap<>();
  private volatile Duration sessionTokenLifetime = Duration.ofSeconds(60);

  private FakeFrontendApi(FakeClerk clerk) {
    this.clerk = clerk;
  }

  /** Adds the Frontend API routes to {@code clerk}: once, while it starts. */
  static FakeFrontendApi create(FakeClerk clerk) {
    FakeFrontendApi api = new FakeFrontendApi(clerk);
    clerk.route("GET", "/v1/client/handshake", api::handshake);
    clerk.route("GET", "/v1/fake/sign-in", api::signIn);
    clerk.route("GET", "/v1/fake/sign-out", api::signOut);
    return api;
  }

  /**
   * {@return {@code clerk}'s Frontend API, {@link FakeClerk#frontend()}} Kept for the tests written
   * before every FakeClerk had one.
   *
   * @param clerk the fake
   */
  public static FakeFrontendApi install(FakeClerk clerk) {
    return Objects.requireNonNull(clerk, "clerk == null").frontend();
  }

  /** {@return the dev-browser token this fake hands out} */
  public String devBrowserToken() {
    return devBrowser;
  }

  /**
   * Changes how long the session tokens it mints for browsers live (default 60 s, as Clerk's).
   *
   * @param lifetime positive
   */
  public void setSessionTokenLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "lifetime == null");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive, got " + lifetime);
    }
    this.sessionTokenLifetime = lifetime;
  }

  /** {@return how long the session tokens it mints for browsers live} */
  public Duration sessionTokenLifetime() {
    return sessionTokenLifetime;
  }

  /**
   * {@return the URL that signs a browser in as {@code userId} with an active organization, role
   * and permissions, and sends it to {@code redirectUrl}}
   *
   * @param redirectUrl absolute URL in the application
   * @param userId the user
   * @param orgId active organization
   * @param orgRole role in it, e.g. {@code org:admin}
   * @param permissions permissions of the form {@code org:<feature>:<permission>}
   */
  public String signInUrl(
      String redirectUrl, String userId, String orgId, String orgRole, String... permissions) {
    String url = signInUrl(redirectUrl, userId, orgId, orgRole);
    return permissions.length == 0
        ? url
        : url + "&org_permissions=" + enc(String.join(",", permissions));
  }

  /**
   * {@return the URL that ends the browser's session and sends it to {@code redirectUrl} signed
   * out}
   *
   * @param redirectUrl absolute URL in the application
   */
  public String signOutUrl(String redirectUrl) {
    return clerk.apiUrl() + "/v1/fake/sign-out?redirect_url=" + enc(redirectUrl);
  }

  /**
   * {@return the URL that signs a browser in as {@code userId} and sends it to {@code redirectUrl}}
   *
   * @param redirectUrl absolute URL in the application
   * @param userId the user
   * @param orgId active organization, or null
   * @param orgRole role in it, e.g. {@code org:admin}, or null
   */
  public String signInUrl(
      String redirectUrl, String userId, @Nullable String orgId, @Nullable String orgRole) {
    StringBuilder sb =
        new StringBuilder(clerk.apiUrl())
            .append("/v1/fake/sign-in?redirect_url=")
            .append(enc(redirectUrl))
            .append("&user_id=")
            .append(enc(userId));
    if (orgId != null) {
      sb.append("&org_id=").append(enc(orgId));
    }
    if (orgRole != null) {
      sb.append("&org_role=").append(enc(orgRole));
    }
    return sb.toString();
  }

  /**
   * {@return a handshake token: a JWT signed with FakeClerk's current key whose {@code handshake}
   * claim is {@code directives}}
   *
   * @param directives {@code Set-Cookie} values
   */
  public String handshakeToken(List<String> directives) {
    return handshakeToken(clerk, directives);
  }

  /**
   * {@return a handshake token of {@code clerk}}
   *
   * @param clerk the fake whose signing key signs it
   * @param directives {@code Set-Cookie} values
   */
  public static String handshakeToken(FakeClerk clerk, List<String> directives) {
    return clerk
        .sessionToken()
        .subject(null)
        .sessionId(null)
        .authorizedParty(null)
        .claim("nbf", null)
        .claim("handshake", List.copyOf(directives))
        .header("cat", TokenBuilder.SESSION_CATEGORY)
        .sign();
  }

  /**
   * {@return the directives that sign a browser in with {@code sessionToken}}
   *
   * @param sessionToken the {@code __session} value
   * @param clientUat the {@code __client_uat} value (epoch seconds; not after the token's {@code
   *     iat})
   * @param devBrowser the {@code __clerk_db_jwt} value, or null for none (production)
   */
  public static List<String> signedInDirectives(
      String sessionToken, long clientUat, @Nullable String devBrowser) {
    List<String> d = new ArrayList<>();
    d.add("__session=" + sessionToken + "; Path=/; SameSite=Lax");
    d.add("__client_uat=" + clientUat + "; Path=/; SameSite=Lax");
    if (devBrowser != null) {
      d.add("__clerk_db_jwt=" + devBrowser + "; Path=/; SameSite=Lax");
    }
    return d;
  }

  private FakeResponse signIn(RecordedRequest req) {
    String redirect = redirectUrl(req);
    if (redirect == null) {
      return FakeResponse.clerkError(
          400, "form_param_missing", "redirect_url must be an absolute http(s) URL");
    }
    String user = or(req.queryParam("user_id"), "user_demo");
    String perms = req.queryParam("org_permissions");
    List<String> permissions =
        perms == null || perms.isBlank() ? List.of() : Arrays.asList(perms.split(","));
    String orgId = req.queryParam("org_id");
    String sessionId = String.valueOf(clerk.backendApi().directory().addSession(user).get("id"));
    SignedIn s =
        new SignedIn(
            user,
            sessionId,
            orgId == null || orgId.isBlank() ? null : orgId,
            req.queryParam("org_role"),
            permissions);
    List<String> directives;
    try {
      directives = signedInDirectives(s, redirect, devBrowser(req));
    } catch (IllegalArgumentException e) {
      clerk.backendApi().directory().sessions.end(sessionId);
      return FakeResponse.clerkError(
          400,
          "form_param_value_invalid",
          Objects.requireNonNullElse(e.getMessage(), "invalid sign-in parameters"));
    }
    String client = "client_" + random(16);
    clients.put(client, s);
    return redirectWithHandshake(redirect, directives, 303, false)
        .withHeader(
            "Set-Cookie", CLIENT_COOKIE + "=" + client + "; Path=/; HttpOnly; SameSite=Lax");
  }

  private FakeResponse signOut(RecordedRequest req) {
    String client = cookie(req, CLIENT_COOKIE);
    SignedIn s = client == null ? null : clients.remove(client);
    if (s != null) {
      clerk.backendApi().directory().sessions.end(s.sessionId());
    }
    String redirect = redirectUrl(req);
    if (redirect == null) {
      return FakeResponse.text(200, "Signed out");
    }
    return redirectWithHandshake(redirect, signedOutDirectives(devBrowser(req)), 303, false)
        .withHeader("Set-Cookie", CLIENT_COOKIE + "=; Path=/; Max-Age=0");
  }

  private FakeResponse handshake(RecordedRequest req) {
    String redirect = redirectUrl(req);
    if (redirect == null) {
      return FakeResponse.clerkError(
          400, "form_param_missing", "redirect_url must be an absolute http(s) URL");
    }
    String client = cookie(req, CLIENT_COOKIE);
    SignedIn s = client == null ? null : clients.get(client);
    if (s != null
        && !"active".equals(clerk.backendApi().directory().sessions.status(s.sessionId()))) {
      // Ended or revoked since (a sign-out, the Backend API): the browser is signed out.
      clients.remove(client);
      s = null;
    }
    List<String> directives =
        s == null
            ? signedOutDirectives(devBrowser(req))
            : signedInDirectives(s, redirect, devBrowser(req));
    return redirectWithHandshake(
        redirect, directives, 307, "nonce".equals(req.queryParam("format")));
  }

  private List<String> signedInDirectives(
      SignedIn s, String redirect, @Nullable String devBrowserToken) {
    TokenBuilder t =
        clerk
            .sessionToken()
            .subject(s.userId())
            .sessionId(s.sessionId())
            .authorizedParty(origin(redirect))
            .expiresIn(sessionTokenLifetime)
            .v2();
    if (s.orgId() != null) {
      t.organization(
          s.orgId(),
          s.orgId(),
          s.orgRole() == null ? "org:member" : s.orgRole(),
          s.permissions().toArray(new String[0]));
    }
    return signedInDirectives(
        t.sign(), t.now().getEpochSecond(), clerk.isProduction() ? null : devBrowserToken);
  }

  private List<String> signedOutDirectives(@Nullable String devBrowserToken) {
    List<String> d = new ArrayList<>();
    d.add("__session=; Path=/; Max-Age=0");
    d.add("__client_uat=0; Path=/; SameSite=Lax");
    if (!clerk.isProduction() && devBrowserToken != null) {
      d.add("__clerk_db_jwt=" + devBrowserToken + "; Path=/; SameSite=Lax");
    }
    return d;
  }

  private String devBrowser(RecordedRequest req) {
    String fromApp = req.queryParam("__clerk_db_jwt");
    return fromApp == null || fromApp.isBlank() ? devBrowser : fromApp;
  }

  private FakeResponse redirectWithHandshake(
      String redirect, List<String> directives, int status, boolean nonce) {
    String sep = redirect.indexOf('?') >= 0 ? "&" : "?";
    int hash = redirect.indexOf('#');
    String base = hash >= 0 ? redirect.substring(0, hash) : redirect;
    String fragment = hash >= 0 ? redirect.substring(hash) : "";
    String param;
    if (nonce) {
      String n = "hsn_" + random(16);
      clerk.putHandshakePayload(n, directives.toArray(new String[0]));
      param = "__clerk_handshake_nonce=" + n;
    } else {
      param = "__clerk_handshake=" + handshakeToken(directives);
    }
    String location = base + sep + param + fragment;
    return new FakeResponse(
        status,
        List.of(Map.entry("Location", location), Map.entry("Cache-Control", "no-store")),
        new byte[0]);
  }

  private static @Nullable String redirectUrl(RecordedRequest req) {
    String r = req.queryParam("redirect_url");
    if (r == null) {
      return null;
    }
    try {
      URI u = new URI(r);
      String scheme = u.getScheme();
      return (scheme != null
              && (scheme.equals("http") || scheme.equals("https"))
              && u.getHost() != null)
          ? r
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  private static @Nullable String cookie(RecordedRequest req, String name) {
    List<String> headers = req.headers().getOrDefault("cookie", List.of());
    for (String h : headers) {
      for (String pair : h.split(";", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }

  private static String or(@Nullable String v, String fallback) {
    return v == null || v.isBlank() ? fallback : v;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public String toString() {
    return "FakeFrontendApi{" + clerk.apiUrl() + "}";
  }
}
