package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.token.UnverifiedJwt;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import dev.clerk.jakarta.core.request.ClerkRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What Clerk's {@code createAuthenticateContext} reads from one request (spec §2): the public URL (from
 * {@code X-Forwarded-*} or the container's URL, as {@link AuthnConfig#trustForwardedHeaders()} says),
 * the token in the {@code Authorization} header, the (suffixed or un-suffixed) cookies, the dev
 * browser, handshake token and nonce, the redirect counter, and the Frontend API to send browsers to.
 * Immutable.
 */
final class AuthenticateContext {
  static final String SESSION = "__session";
  static final String CLIENT_UAT = "__client_uat";
  static final String REFRESH = "__refresh";
  static final String DEV_BROWSER = "__clerk_db_jwt";
  static final String HANDSHAKE = "__clerk_handshake";
  static final String HANDSHAKE_NONCE = "__clerk_handshake_nonce";
  static final String REDIRECT_COUNT = "__clerk_redirect_count";
  /** Compiled once: rule 2 runs for every request with an un-suffixed {@code __session}. */
  private static final Pattern ISSUER_SCHEME = Pattern.compile("(?i)https?://");

  final ClerkRequest request;
  final AuthnConfig options;
  /** The publishable key's cookie suffix, or null without a key. */
  final @Nullable String cookieSuffix;
  final boolean development;
  final URI clerkUrl;
  /** The Frontend API to send browsers to: proxy URL, {@code clerk.<domain>} or the key's host. */
  final String frontendApi;
  final @Nullable String proxyUrl;
  final @Nullable String tokenInHeader;
  final boolean usesSuffixedCookies;
  final @Nullable String sessionTokenInCookie;
  final long clientUat;
  final @Nullable String refreshTokenInCookie;
  final @Nullable String devBrowserToken;
  final @Nullable String handshakeToken;
  final @Nullable String handshakeNonce;
  final int redirectCount;

  AuthenticateContext(ClerkRequest request, AuthnConfig options, Instant now) {
    this.request = request;
    this.options = options;
    this.cookieSuffix = options.cookieSuffix();
    this.development = options.development();
    this.clerkUrl = options.trustForwardedHeaders() ? request.clerkUrl() : request.url();
    this.proxyUrl = resolveProxyUrl(options.proxyUrl(), clerkUrl);
    String frontendApiOfKey = options.frontendApi();
    String original = frontendApiOfKey == null ? "" : frontendApiOfKey;
    if (proxyUrl != null) {
      this.frontendApi = proxyUrl;
    } else if (!development && options.satellite() && options.domain() != null) {
      this.frontendApi = "clerk." + options.domain();
    } else {
      this.frontendApi = original;
    }
    this.tokenInHeader = parseAuthorization(request.header("authorization"));
    this.usesSuffixedCookies = cookieSuffix != null && usesSuffixed(request, cookieSuffix, development, original, now);
    this.sessionTokenInCookie = suffixedOrNot(SESSION);
    this.clientUat = parseIntOrZero(suffixedOrNot(CLIENT_UAT));
    this.refreshTokenInCookie = cookieSuffix == null ? null : nonEmpty(request.cookie(REFRESH + "_" + cookieSuffix));
    this.devBrowserToken = firstNonEmpty(request.queryParam(DEV_BROWSER).orElse(null), suffixedOrNot(DEV_BROWSER));
    this.handshakeToken = firstNonEmpty(request.queryParam(HANDSHAKE).orElse(null), request.cookie(HANDSHAKE));
    this.handshakeNonce = firstNonEmpty(request.queryParam(HANDSHAKE_NONCE).orElse(null), request.cookie(HANDSHAKE_NONCE));
    this.redirectCount = parseNumberOrZero(request.cookie(REDIRECT_COUNT));
  }

  boolean isDevelopment() {
    return development;
  }

  boolean isProduction() {
    return !development;
  }

  String method() {
    return request.method();
  }

  @Nullable String secFetchDest() {
    return request.header("sec-fetch-dest");
  }

  /** {@return the origin of the public URL, e.g. {@code https://example.com:8443}} */
  String origin() {
    return origin(clerkUrl);
  }

  static String origin(URI uri) {
    return RedirectUrls.origin(uri);
  }

  private @Nullable String suffixedOrNot(String name) {
    if (usesSuffixedCookies && cookieSuffix != null) {
      return nonEmpty(request.cookie(name + "_" + cookieSuffix));
    }
    return nonEmpty(request.cookie(name));
  }

  /** Clerk's {@code parseAuthorizationHeader}: {@code split(' ', 2)}, scheme exactly {@code Bearer}. */
  static @Nullable String parseAuthorization(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return null;
    }
    int sp = v.indexOf(' ');
    String scheme = sp < 0 ? v : v.substring(0, sp);
    String token = null;
    if (sp >= 0) {
      int next = v.indexOf(' ', sp + 1);
      token = next < 0 ? v.substring(sp + 1) : v.substring(sp + 1, next);
    }
    if (token == null || token.isEmpty()) {
      return scheme.isEmpty() ? null : scheme;
    }
    return scheme.equals("Bearer") ? token : null;
  }

  /** The 8-rule {@code usesSuffixedCookies} choice of spec §2.4. */
  private static boolean usesSuffixed(
      ClerkRequest request, String suffix, boolean development, String originalFrontendApi, Instant now) {
    String session = request.cookie(SESSION);
    String clientUat = request.cookie(CLIENT_UAT);
    String suffixedSession = request.cookie(SESSION + "_" + suffix);
    String suffixedClientUat = request.cookie(CLIENT_UAT + "_" + suffix);
    if (session != null && !session.isEmpty()) {
      UnverifiedJwt jwt = Peek.decodeOrNull(session);
      if (jwt == null || jwt.payload().get("iss") == null) {
        return false; // rule 1
      }
      if (!(jwt.payload().get("iss") instanceof String iss)
          || !ISSUER_SCHEME.matcher(iss).replaceAll("").equals(originalFrontendApi)) {
        return true; // rule 2
      }
    }
    if (suffixedClientUat == null && suffixedSession == null) {
      return false; // rule 3
    }
    UnverifiedJwt sessionJwt = Peek.decodeOrNull(session);
    UnverifiedJwt suffixedJwt = Peek.decodeOrNull(suffixedSession);
    Double iat = Peek.number(sessionJwt, "iat");
    Double suffixedIat = Peek.number(suffixedJwt, "iat");
    if (!"0".equals(suffixedClientUat) && !"0".equals(clientUat)
        && iat != null && suffixedIat != null && iat > suffixedIat) {
      return false; // rule 4
    }
    if ("0".equals(suffixedClientUat) && !"0".equals(clientUat)) {
      return false; // rule 5
    }
    if (development) {
      Double exp = Peek.number(suffixedJwt, "exp");
      boolean expired = exp != null && exp * 1000 <= now.toEpochMilli();
      if (!"0".equals(suffixedClientUat) && "0".equals(clientUat) && expired) {
        return false; // rule 6
      }
    }
    if (suffixedSession != null && suffixedClientUat == null) {
      return false; // rule 7
    }
    return true; // rule 8
  }

  /** Resolves a relative proxy URL ({@code /__clerk}) against the public origin. */
  static @Nullable String resolveProxyUrl(@Nullable String proxyUrl, URI clerkUrl) {
    if (proxyUrl == null || proxyUrl.isEmpty()) {
      return null;
    }
    if (proxyUrl.regionMatches(true, 0, "http", 0, 4) && proxyUrl.contains("://")) {
      return proxyUrl;
    }
    try {
      return new URI(origin(clerkUrl) + "/").resolve(proxyUrl).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return proxyUrl;
    }
  }

  /** JavaScript's {@code parseInt(x) || 0}. */
  static long parseIntOrZero(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    String v = value.strip();
    int i = 0;
    boolean negative = false;
    if (i < v.length() && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
      negative = v.charAt(i) == '-';
      i++;
    }
    long n = 0;
    int start = i;
    while (i < v.length() && Character.isDigit(v.charAt(i)) && v.charAt(i) < 0x80 && i - start < 18) {
      n = n * 10 + (v.charAt(i) - '0');
      i++;
    }
    return i == start ? 0 : negative ? -n : n;
  }

  /** JavaScript's {@code Number(x) || 0}, for the small redirect counter. */
  static int parseNumberOrZero(@Nullable String value) {
    if (value == null) {
      return 0;
    }
    try {
      double d = Double.parseDouble(value.strip());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return 0;
      }
      return d >= Integer.MAX_VALUE ? Integer.MAX_VALUE : d <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d == d ? (int) d : -1;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static @Nullable String nonEmpty(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static @Nullable String firstNonEmpty(@Nullable String a, @Nullable String b) {
    return a != null && !a.isEmpty() ? a : nonEmpty(b);
  }
}
