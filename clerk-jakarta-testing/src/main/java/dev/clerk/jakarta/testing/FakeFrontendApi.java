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
 * {@code GET /v1/client/handshake} and a one-click sign-in, so that an application configured with
 * {@code proxy-url} = {@link FakeClerk#apiUrl()} signs a real browser in through a real {@code
 * __clerk_handshake} resolution.
 *
 * <ul>
 *   <li>{@code GET /v1/fake/sign-in?redirect_url=<app URL>[&user_id=…][&org_id=…&org_role=…
 *       &org_permissions=a,b]} remembers the browser as signed in (cookie {@value #CLIENT_COOKIE} on
 *       FakeClerk's origin, as Clerk's {@code __client}) and redirects to {@code redirect_url} with
 *       {@code __clerk_handshake=<JWT>}, whose {@code handshake} claim lists the {@code Set-Cookie}
 *       directives for {@code __session}, {@code __client_uat} and the dev browser {@code
 *       __clerk_db_jwt}.
 *   <li>{@code GET /v1/client/handshake?redirect_url=…} (where the application's handshake redirect
 *       lands): the same for a remembered browser, with a fresh session token; for an unknown one,
 *       signed-out directives ({@code __client_uat=0}, {@code __session} removed) and the dev browser.
 *       It always answers in the token form ({@code __clerk_handshake}), also when {@code
 *       format=nonce} is asked for; Clerk's SDK reads both.
 *   <li>{@code GET /v1/fake/sign-out?redirect_url=…} forgets the browser.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeFrontendApi {
  /** Cookie on FakeClerk's origin that remembers a signed-in browser. */
  public static final String CLIENT_COOKIE = "__fake_clerk_client";

  private static final SecureRandom RANDOM = new SecureRandom();

  private record SignedIn(String userId, @Nullable String orgId, @Nullable String orgRole, List<String> permissions) {}

  private final FakeClerk clerk;
  private final String devBrowser = "dvb_fake_" + random(12);
  private final Map<String, SignedIn> clients = new ConcurrentHashMap<>();
  private volatile Duration sessionTokenLifetime = Duration.ofSeconds(60);

  private FakeFrontendApi(FakeClerk clerk) {
    this.clerk = clerk;
  }

  /**
   * Adds the Frontend API routes to {@code clerk}.
   *
   * @param clerk the fake
   * @return the routes' state
   */
  public static FakeFrontendApi install(FakeClerk clerk) {
    FakeFrontendApi api = new FakeFrontendApi(Objects.requireNonNull(clerk, "clerk == null"));
    clerk.route("GET", "/v1/client/handshake", api::handshake);
    clerk.route("GET", "/v1/fake/sign-in", api::signIn);
    clerk.route("GET", "/v1/fake/sign-out", api::signOut);
    return api;
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
    this.sessionTokenLifetime = Objects.requireNonNull(lifetime, "lifetime == null");
  }

  /**
   * {@return the URL that signs a browser in as {@code userId} and sends it to {@code redirectUrl}}
   *
   * @param redirectUrl absolute URL in the application
   * @param userId the user
   * @param orgId active organization, or null
   * @param orgRole role in it, e.g. {@code org:admin}, or null
   */
  public String signInUrl(String redirectUrl, String userId, @Nullable String orgId, @Nullable String orgRole) {
    StringBuilder sb = new StringBuilder(clerk.apiUrl()).append("/v1/fake/sign-in?redirect_url=")
        .append(enc(redirectUrl)).append("&user_id=").append(enc(userId));
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
    return clerk.sessionToken()
        .subject(null)
        .sessionId(null)
        .authorizedParty(null)
        .claim("nbf", null)
        .claim("handshake", List.copyOf(directives))
        .sign();
  }

  /**
   * {@return the directives that sign a browser in with {@code sessionToken}}
   *
   * @param sessionToken the {@code __session} value
   * @param clientUat the {@code __client_uat} value (epoch seconds; not after the token's {@code iat})
   * @param devBrowser the {@code __clerk_db_jwt} value, or null for none (production)
   */
  public static List<String> signedInDirectives(String sessionToken, long clientUat, @Nullable String devBrowser) {
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
      return FakeResponse.clerkError(400, "form_param_missing", "redirect_url must be an absolute http(s) URL");
    }
    String user = or(req.queryParam("user_id"), "user_demo");
    String perms = req.queryParam("org_permissions");
    SignedIn s = new SignedIn(user, req.queryParam("org_id"), req.queryParam("org_role"),
        perms == null || perms.isBlank() ? List.of() : Arrays.asList(perms.split(",")));
    String client = "client_" + random(16);
    clients.put(client, s);
    return redirectWithHandshake(redirect, signedInDirectives(s, redirect, devBrowser(req)), 303)
        .withHeader("Set-Cookie", CLIENT_COOKIE + "=" + client + "; Path=/; HttpOnly; SameSite=Lax");
  }

  private FakeResponse signOut(RecordedRequest req) {
    String client = cookie(req, CLIENT_COOKIE);
    if (client != null) {
      clients.remove(client);
    }
    String redirect = redirectUrl(req);
    if (redirect == null) {
      return FakeResponse.text(200, "Signed out");
    }
    return redirectWithHandshake(redirect, signedOutDirectives(devBrowser(req)), 303)
        .withHeader("Set-Cookie", CLIENT_COOKIE + "=; Path=/; Max-Age=0");
  }

  private FakeResponse handshake(RecordedRequest req) {
    String redirect = redirectUrl(req);
    if (redirect == null) {
      return FakeResponse.clerkError(400, "form_param_missing", "redirect_url must be an absolute http(s) URL");
    }
    String client = cookie(req, CLIENT_COOKIE);
    SignedIn s = client == null ? null : clients.get(client);
    List<String> directives =
        s == null ? signedOutDirectives(devBrowser(req)) : signedInDirectives(s, redirect, devBrowser(req));
    return redirectWithHandshake(redirect, directives, 307);
  }

  private List<String> signedInDirectives(SignedIn s, String redirect, @Nullable String devBrowserToken) {
    TokenBuilder t = clerk.sessionToken()
        .subject(s.userId())
        .sessionId("sess_" + random(12))
        .authorizedParty(origin(redirect))
        .expiresIn(sessionTokenLifetime);
    if (s.orgId() != null) {
      t.organizationV1(s.orgId(), s.orgId(), s.orgRole() == null ? "org:member" : s.orgRole(),
          s.permissions().toArray(new String[0]));
    }
    return signedInDirectives(t.sign(), t.now().getEpochSecond(), clerk.isProduction() ? null : devBrowserToken);
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

  private FakeResponse redirectWithHandshake(String redirect, List<String> directives, int status) {
    String sep = redirect.indexOf('?') >= 0 ? "&" : "?";
    int hash = redirect.indexOf('#');
    String base = hash >= 0 ? redirect.substring(0, hash) : redirect;
    String fragment = hash >= 0 ? redirect.substring(hash) : "";
    String location = base + sep + "__clerk_handshake=" + handshakeToken(directives) + fragment;
    return new FakeResponse(status, List.of(Map.entry("Location", location), Map.entry("Cache-Control", "no-store")),
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
      return (scheme != null && (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) ? r : null;
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
      for (String pair : h.split(";")) {
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
