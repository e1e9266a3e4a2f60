package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.internal.RedirectUrls;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What Clerk's {@code createAuthenticateContext} reads from one request (spec §2): the public URL
 * (from {@code X-Forwarded-*} or the container's URL, as {@link
 * AuthnConfig#trustForwardedHeaders()} says), the token in the {@code Authorization} header, the
 * (suffixed or un-suffixed) cookies, the dev browser, handshake token and nonce, the redirect
 * counter, and the Frontend API to send browsers to. Immutable, apart from remembering the last
 * token it decoded: a request's session token is decoded once for the cookie choice and the
 * decision tree together. Used by one thread, for one request.
 */
final class AuthenticateContext {
  static final String SESSION = "__session";
  static final String CLIENT_UAT = "__client_uat";
  static final String REFRESH = "__refresh";
  static final String DEV_BROWSER = "__clerk_db_jwt";
  static final String HANDSHAKE = "__clerk_handshake";
  static final String HANDSHAKE_NONCE = "__clerk_handshake_nonce";
  static final String REDIRECT_COUNT = "__clerk_redirect_count";

  /** The suffixed cookie names of one publishable key, made once (the last key's kept). */
  private record SuffixedNames(
      String suffix, String session, String clientUat, String refresh, String devBrowser) {
    static SuffixedNames of(String suffix) {
      SuffixedNames n = last;
      if (n == null || !n.suffix.equals(suffix)) {
        n =
            new SuffixedNames(
                suffix,
                SESSION + "_" + suffix,
                CLIENT_UAT + "_" + suffix,
                REFRESH + "_" + suffix,
                DEV_BROWSER + "_" + suffix);
        last = n;
      }
      return n;
    }

    String name(String name) {
      return switch (name) {
        case SESSION -> session;
        case CLIENT_UAT -> clientUat;
        case REFRESH -> refresh;
        case DEV_BROWSER -> devBrowser;
        default -> name + "_" + suffix;
      };
    }
  }

  /** Immutable, so a racy update only makes it again. */
  private static volatile @Nullable SuffixedNames last;

  /** Decodes tokens without verifying them: the services' {@link AuthServices#decode}. */
  @FunctionalInterface
  interface Decoder {
    UnverifiedJwt decode(String token) throws TokenVerificationException;
  }

  final ClerkRequest request;
  final AuthnConfig options;

  /** The publishable key's cookie suffix, or null without a key. */
  final @Nullable String cookieSuffix;

  private final @Nullable SuffixedNames suffixed;
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
  private final Decoder decoder;
  private @Nullable String lastToken;
  private @Nullable UnverifiedJwt lastDecoded;
  private @Nullable TokenVerificationException lastFailure;

  AuthenticateContext(ClerkRequest request, AuthnConfig options, Instant now) {
    this(request, options, now, UnverifiedJwt::decode);
  }

  AuthenticateContext(ClerkRequest request, AuthnConfig options, Instant now, Decoder decoder) {
    this.request = request;
    this.decoder = decoder;
    this.options = options;
    this.cookieSuffix = options.cookieSuffix();
    this.suffixed = cookieSuffix == null ? null : SuffixedNames.of(cookieSuffix);
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
    this.usesSuffixedCookies = suffixed != null && usesSuffixed(suffixed, original, now);
    this.sessionTokenInCookie = suffixedOrNot(SESSION);
    this.clientUat = parseIntOrZero(suffixedOrNot(CLIENT_UAT));
    this.refreshTokenInCookie =
        suffixed == null ? null : nonEmpty(request.cookie(suffixed.refresh()));
    this.devBrowserToken =
        firstNonEmpty(request.queryParam(DEV_BROWSER).orElse(null), suffixedOrNot(DEV_BROWSER));
    this.handshakeToken =
        firstNonEmpty(request.queryParam(HANDSHAKE).orElse(null), request.cookie(HANDSHAKE));
    this.handshakeNonce =
        firstNonEmpty(
            request.queryParam(HANDSHAKE_NONCE).orElse(null), request.cookie(HANDSHAKE_NONCE));
    this.redirectCount = parseNumberOrZero(request.cookie(REDIRECT_COUNT));
  }

  /**
   * {@return the token decoded (not verified)} The last token decoded for this request is not
   * decoded again; the decoder answers a token verified before from the verified-token cache.
   *
   * @throws TokenVerificationException {@code token-invalid} when it is not a decodable JWT
   */
  UnverifiedJwt decode(String token) throws TokenVerificationException {
    if (!token.equals(lastToken)) {
      lastToken = token;
      lastDecoded = null;
      lastFailure = null;
      try {
        lastDecoded = decoder.decode(token);
      } catch (TokenVerificationException e) {
        lastFailure = e;
      }
    }
    if (lastFailure != null) {
      throw lastFailure;
    }
    return java.util.Objects.requireNonNull(lastDecoded);
  }

  /** {@return {@link #decode}, or null when {@code token} is null or not a decodable JWT} */
  @Nullable UnverifiedJwt decodeOrNull(@Nullable String token) {
    if (token == null) {
      return null;
    }
    try {
      return decode(token);
    } catch (TokenVerificationException | RuntimeException e) {
      return null;
    }
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
      return nonEmpty(request.cookie(java.util.Objects.requireNonNull(suffixed).name(name)));
    }
    return nonEmpty(request.cookie(name));
  }

  /**
   * Clerk's {@code parseAuthorizationHeader}: {@code split(' ', 2)}, scheme exactly {@code Bearer}.
   */
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
  private boolean usesSuffixed(SuffixedNames names, String originalFrontendApi, Instant now) {
    String session = request.cookie(SESSION);
    String clientUat = request.cookie(CLIENT_UAT);
    String suffixedSession = request.cookie(names.session());
    String suffixedClientUat = request.cookie(names.clientUat());
    if (session != null && !session.isEmpty()) {
      UnverifiedJwt jwt = decodeOrNull(session);
      if (jwt == null || jwt.payload().get("iss") == null) {
        return false; // rule 1
      }
      if (!(jwt.payload().get("iss") instanceof String iss)
          || !equalsWithoutHttpSchemes(iss, originalFrontendApi)) {
        return true; // rule 2
      }
    }
    if (suffixedClientUat == null && suffixedSession == null) {
      return false; // rule 3
    }
    UnverifiedJwt sessionJwt = decodeOrNull(session);
    UnverifiedJwt suffixedJwt = decodeOrNull(suffixedSession);
    Double iat = Peek.number(sessionJwt, "iat");
    Double suffixedIat = Peek.number(suffixedJwt, "iat");
    if (!"0".equals(suffixedClientUat)
        && !"0".equals(clientUat)
        && iat != null
        && suffixedIat != null
        && iat > suffixedIat) {
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

  /**
   * Clerk's {@code iss.replace(/https?:\/\//gi, '')}: every {@code http://} and {@code https://},
   * in any ASCII case, removed (JavaScript's {@code /i} without {@code /u} folds ASCII letters
   * only).
   */
  static String withoutHttpSchemes(String s) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < s.length(); i++) {
      int end = httpSchemeEnd(s, i);
      if (end > 0) {
        if (out == null) {
          out = new StringBuilder(s.length());
        }
        out.append(s, copied, i);
        copied = end;
        i = end - 1;
      }
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  /**
   * {@code withoutHttpSchemes(iss).equals(expected)}, without a copy for the usual {@code
   * https://<host>}.
   */
  static boolean equalsWithoutHttpSchemes(String iss, String expected) {
    int start = Math.max(0, httpSchemeEnd(iss, 0));
    for (int i = start; i < iss.length(); i++) {
      if (httpSchemeEnd(iss, i) > 0) {
        return withoutHttpSchemes(iss).equals(expected);
      }
    }
    return iss.length() - start == expected.length() && iss.startsWith(expected, start);
  }

  /**
   * {@return the index after {@code http://} or {@code https://} (ASCII case-insensitive) at {@code
   * i}, or -1}
   */
  private static int httpSchemeEnd(String s, int i) {
    if (!asciiLetter(s, i, 'h')
        || !asciiLetter(s, i + 1, 't')
        || !asciiLetter(s, i + 2, 't')
        || !asciiLetter(s, i + 3, 'p')) {
      return -1;
    }
    int j = asciiLetter(s, i + 4, 's') ? i + 5 : i + 4;
    return s.startsWith("://", j) ? j + 3 : -1;
  }

  private static boolean asciiLetter(String s, int i, char lower) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c == lower || c == lower - ('a' - 'A');
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
    while (i < v.length()
        && Character.isDigit(v.charAt(i))
        && v.charAt(i) < 0x80
        && i - start < 18) {
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
      return d >= Integer.MAX_VALUE
          ? Integer.MAX_VALUE
          : d <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) d == d ? (int) d : -1;
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
