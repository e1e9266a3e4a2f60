package dev.clerk.jakarta.core.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, container-free view of an HTTP request: method, absolute URL, headers and cookies.
 * Adapters build one per request; {@link dev.clerk.jakarta.core.Clerk#authenticateRequest} decides
 * from it alone.
 *
 * <p>Cookies are parsed from the raw {@code Cookie} header(s) the same way in every container:
 * split on {@code ;}, the first occurrence of a name wins, surrounding double quotes are removed,
 * values are percent-decoded (kept raw when that fails). The public URL ({@link #clerkUrl()})
 * honours the first {@code X-Forwarded-Host} / {@code X-Forwarded-Proto} value or the {@code Host}
 * header; with {@link dev.clerk.jakarta.core.ForwardedHeaders#IGNORE forwarded-headers=ignore} core
 * uses {@link #url()} instead, so adapters pass the URL as the container saw it (scheme, host,
 * port).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>
 * ClerkRequest request = ClerkRequest.builder()
 *     .method("GET")
 *     .url(URI.create("https://example.com/dashboard"))
 *     .header("Cookie", "__session=eyJ...; __client_uat=1700000000")
 *     .build();
 * </pre>
 *
 * @since 0.1
 */
public final class ClerkRequest {
  /**
   * The lower-case form of header names as containers commonly spell them, so that building a
   * request does not copy each name (containers hand out the same constant strings each time).
   */
  private static final Map<String, String> KNOWN_HEADER_NAMES = knownHeaderNames();

  private final String method;
  private final URI url;
  private final Headers headers; // lower-case names; read-only
  // Derived on first use (most requests need few of them), then kept. Each is computed from final
  // fields only, so a race computes it twice with equal results; volatile publishes it safely.
  private volatile @Nullable Map<String, String> cookies;
  private volatile @Nullable URI clerkUrl;
  private volatile @Nullable Map<String, String> query;
  private volatile @Nullable Map<String, List<String>> headerMap;

  private ClerkRequest(Builder b) {
    this.method = b.method;
    this.url = Objects.requireNonNull(b.url, "url == null");
    this.headers = b.headers.freeze();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the method with ASCII letters in upper case, e.g. {@code GET}} */
  public String method() {
    return method;
  }

  /** {@return the absolute URL the container received} */
  public URI url() {
    return url;
  }

  /**
   * {@return the public URL: the path and query of {@link #url()} on the origin named by the first
   * {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} value or the {@code Host} header; the
   * received URL when those do not form a valid origin}
   */
  public URI clerkUrl() {
    URI u = clerkUrl;
    if (u == null) {
      u = publicUrl(url, header("x-forwarded-host"), header("x-forwarded-proto"), header("host"));
      clerkUrl = u;
    }
    return u;
  }

  /**
   * {@return the first value of a header, or null}
   *
   * @param name header name, any case
   */
  public @Nullable String header(String name) {
    return headers.first(headerName(name));
  }

  /**
   * {@return all values of a header, in order}
   *
   * @param name header name, any case
   */
  public List<String> headers(String name) {
    return headers.all(headerName(name));
  }

  /** {@return all headers by lower-case name, in the order each name first came} */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> m = headerMap;
    if (m == null) {
      m = headers.asMap();
      headerMap = m;
    }
    return m;
  }

  /**
   * {@return a cookie's decoded value, or null}
   *
   * @param name exact cookie name
   */
  public @Nullable String cookie(String name) {
    return cookies().get(name);
  }

  /** {@return all cookies, first occurrence of each name} */
  public Map<String, String> cookies() {
    Map<String, String> c = cookies;
    if (c == null) {
      c = Collections.unmodifiableMap(parseCookies(headers.all("cookie")));
      cookies = c;
    }
    return c;
  }

  /**
   * {@return the first value of a query parameter of the public URL, decoded}
   *
   * @param name parameter name
   */
  public Optional<String> queryParam(String name) {
    Map<String, String> q = query;
    if (q == null) {
      // The public URL keeps the received path and query: only its origin can differ.
      q = parseQuery(url.getRawQuery());
      query = q;
    }
    return Optional.ofNullable(q.get(name));
  }

  private static Map<String, String> parseQuery(@Nullable String raw) {
    if (raw == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      out.putIfAbsent(
          formDecode(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "" : formDecode(pair.substring(eq + 1)));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Leaves out header values (they carry tokens) and shows the raw path, never the decoded one,
   * with control characters as {@code ?}: a {@code %0A} in a path must not become a line break in a
   * log.
   */
  @Override
  public String toString() {
    return "ClerkRequest{" + printable(method) + " " + printable(url.getRawPath()) + "}";
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return b.toString();
  }

  static String formDecode(String s) {
    String decoded = percentDecode(s.replace('+', ' '));
    return decoded == null ? s : decoded;
  }

  /** {@return the percent-decoded UTF-8 string, or null when it is not valid} */
  static @Nullable String percentDecode(String s) {
    return PercentEncoding.decode(s);
  }

  /**
   * Splits each header on {@code ;}; in each pair the text before the first {@code =} is the name,
   * the rest the value, both trimmed ({@link String#trim()}), a value's surrounding double quotes
   * removed, then percent-decoded. Works on indices: a value is copied once (a session token is
   * most of the header).
   */
  static Map<String, String> parseCookies(List<String> cookieHeaders) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String header : cookieHeaders) {
      int start = 0;
      while (true) {
        int semi = header.indexOf(';', start);
        int end = semi < 0 ? header.length() : semi;
        int eq = header.indexOf('=', start);
        if (eq >= 0 && eq < end) {
          String name = header.substring(trimStart(header, start, eq), trimEnd(header, start, eq));
          if (!name.isEmpty() && !out.containsKey(name)) {
            int from = trimStart(header, eq + 1, end);
            int to = trimEnd(header, from, end);
            if (to - from >= 2 && header.charAt(from) == '"' && header.charAt(to - 1) == '"') {
              from++;
              to--;
            }
            String value = header.substring(from, to);
            String decoded = percentDecode(value);
            out.put(name, decoded == null ? value : decoded);
          }
        }
        if (semi < 0) {
          break;
        }
        start = semi + 1;
      }
    }
    return out;
  }

  /**
   * {@return the first index in {@code [from, to)} not trimmed by {@link String#trim()}, or {@code
   * to}}
   */
  private static int trimStart(String s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /**
   * {@return one past the last index in {@code [from, to)} not trimmed by {@link String#trim()}, or
   * {@code from}}
   */
  private static int trimEnd(String s, int from, int to) {
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  static URI publicUrl(
      URI url,
      @Nullable String forwardedHost,
      @Nullable String forwardedProto,
      @Nullable String host) {
    String fh = firstValue(forwardedHost);
    String fp = firstValue(forwardedProto);
    String h = fh != null ? fh : firstValue(host);
    String proto = fp != null ? fp : url.getScheme();
    if (h == null || proto == null) {
      return url;
    }
    String origin = proto + "://" + h;
    // The usual case, first and without parsing: the public origin is the one the container saw.
    String sameOrigin = url.getScheme() + "://" + url.getRawAuthority();
    if (sameOrigin.equalsIgnoreCase(origin)) {
      return url;
    }
    try {
      URI base = new URI(origin);
      if (base.getHost() == null
          || (base.getRawPath() != null && !base.getRawPath().isEmpty())
          || base.getRawQuery() != null
          || base.getRawFragment() != null
          || base.getRawUserInfo() != null) {
        return url;
      }
      String scheme = lowerAscii(proto); // equalsIgnoreCase would take "httpſ" (long s) for "https"
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return url;
      }
      String pathAndQuery =
          (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
              + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      return new URI(scheme + "://" + base.getRawAuthority() + pathAndQuery);
    } catch (URISyntaxException e) {
      return url;
    }
  }

  /**
   * Header names and methods are ASCII tokens (RFC 9110 §5.1, §9.1): only A-Z and a-z change case.
   * {@link String#toLowerCase(Locale)} would also fold, e.g., KELVIN SIGN into {@code k} and
   * dotless i into {@code I}, letting {@code Coo\u212Aie} pass for {@code cookie} or {@code
   * opt\u0131ons} for {@code OPTIONS}.
   */
  static String lowerAscii(String s) {
    return changeAsciiCase(s, 'A', 'Z', 'a' - 'A');
  }

  /**
   * {@link #lowerAscii} of a header name, without a copy for the names containers commonly send.
   */
  static String headerName(String name) {
    String known = KNOWN_HEADER_NAMES.get(name);
    return known != null ? known : lowerAscii(name);
  }

  private static Map<String, String> knownHeaderNames() {
    Map<String, String> m = new java.util.HashMap<>();
    for (String n :
        List.of(
            "Accept",
            "Accept-Encoding",
            "Accept-Language",
            "Authorization",
            "Cache-Control",
            "Connection",
            "Content-Length",
            "Content-Type",
            "Cookie",
            "Host",
            "Origin",
            "Pragma",
            "Referer",
            "Sec-Fetch-Dest",
            "Sec-Fetch-Mode",
            "Sec-Fetch-Site",
            "Sec-Fetch-User",
            "Upgrade-Insecure-Requests",
            "User-Agent",
            "X-Forwarded-For",
            "X-Forwarded-Host",
            "X-Forwarded-Proto",
            "X-Forwarded-Port",
            "X-Requested-With")) {
      m.put(n, lowerAscii(n));
      m.put(lowerAscii(n), lowerAscii(n));
      m.put(upperAscii(n), lowerAscii(n));
    }
    return Map.copyOf(m);
  }

  static String upperAscii(String s) {
    return changeAsciiCase(s, 'a', 'z', 'A' - 'a');
  }

  private static String changeAsciiCase(String s, char from, char to, int shift) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= from && c <= to) {
        char[] chars = s.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= from && chars[j] <= to) {
            chars[j] = (char) (chars[j] + shift);
          }
        }
        return new String(chars);
      }
    }
    return s;
  }

  private static @Nullable String firstValue(@Nullable String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    String first = (comma < 0 ? header : header.substring(0, comma)).trim();
    return first.isEmpty() ? null : first;
  }

  /** Builds a {@link ClerkRequest}. Not thread-safe. */
  public static final class Builder {
    private String method = "GET";
    private @Nullable URI url;
    private final Headers headers = new Headers();

    private Builder() {}

    /**
     * Sets the method (default {@code GET}).
     *
     * @param method e.g. {@code POST}
     * @return this builder
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method == null");
      this.method = upperAscii(method);
      return this;
    }

    /**
     * Sets the absolute URL the container received, with its query.
     *
     * @param url absolute URL
     * @return this builder
     * @throws IllegalArgumentException if it is not absolute
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url == null");
      if (!url.isAbsolute() || url.getRawAuthority() == null) {
        throw new IllegalArgumentException("request url must be absolute");
      }
      this.url = url;
      return this;
    }

    /**
     * Sets the absolute URL.
     *
     * @param url absolute URL
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid absolute URL
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url == null");
      return url(URI.create(url));
    }

    /**
     * Adds a header value; repeat for several values.
     *
     * @param name header name, any case
     * @param value value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      headers.add(headerName(name), value);
      return this;
    }

    /**
     * Replaces all values of a header with one value.
     *
     * @param name header name, any case
     * @param value value
     * @return this builder
     */
    public Builder setHeader(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      headers.set(headerName(name), value);
      return this;
    }

    /**
     * Removes a header.
     *
     * @param name header name, any case
     * @return this builder
     */
    public Builder removeHeader(String name) {
      headers.remove(headerName(Objects.requireNonNull(name, "name == null")));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws NullPointerException when no URL was set
     */
    public ClerkRequest build() {
      return new ClerkRequest(this);
    }
  }
}
