package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.ClerkRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Translates a servlet request into core's {@link ClerkRequest}; nothing else. */
final class ServletRequests {
  private static final String HEX = "0123456789ABCDEF";

  private ServletRequests() {}

  /**
   * {@return the container request as core sees it: method, the absolute URL as received (raw path
   * and query), and every header value (each {@code Cookie} header raw)} Core derives the public
   * URL from {@code Host} and {@code X-Forwarded-*}. Never throws for odd client input.
   */
  static ClerkRequest toClerkRequest(HttpServletRequest request) {
    ClerkRequest.Builder b = ClerkRequest.builder();
    b.method(request.getMethod());
    b.url(url(request));
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
        String value = values.nextElement();
        if (value != null) {
          b.header(name, value);
        }
      }
    }
    return b.build();
  }

  static URI url(HttpServletRequest request) {
    String query = request.getQueryString();
    String pathAndQuery =
        escape(request.getRequestURI() == null ? "/" : request.getRequestURI())
            + (query == null ? "" : "?" + escape(query));
    String scheme =
        request.getScheme() == null ? "http" : request.getScheme().toLowerCase(Locale.ROOT);
    URI u =
        absolute(
            scheme
                + "://"
                + authority(request.getServerName(), request.getServerPort(), scheme)
                + pathAndQuery);
    if (u == null) {
      // A Host the URI grammar refuses: fall back to the address the connection arrived on.
      u =
          absolute(
              scheme
                  + "://"
                  + authority(request.getLocalAddr(), request.getLocalPort(), scheme)
                  + pathAndQuery);
    }
    if (u == null) {
      u = URI.create(scheme + "://localhost/");
    }
    return u;
  }

  private static String authority(@Nullable String host, int port, String scheme) {
    String h = host == null || host.isEmpty() ? "localhost" : host;
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]"; // IPv6 literal
    }
    boolean defaultPort =
        port <= 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return defaultPort ? h : h + ":" + port;
  }

  private static @Nullable URI absolute(String s) {
    try {
      URI u = new URI(s);
      return u.getHost() != null && u.getRawAuthority() != null ? u : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Percent-encodes what {@link URI} does not accept, leaving valid escapes alone. */
  static String escape(String raw) {
    StringBuilder sb = null;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      boolean ok =
          (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0))
              || (c == '%'
                  && i + 2 < raw.length()
                  && isHex(raw.charAt(i + 1))
                  && isHex(raw.charAt(i + 2)));
      if (ok) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(raw.length() + 16).append(raw, 0, i);
      }
      int cp = raw.codePointAt(i);
      if (Character.charCount(cp) == 2) {
        i++;
      }
      for (byte by : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        sb.append('%').append(HEX.charAt((by >> 4) & 0xf)).append(HEX.charAt(by & 0xf));
      }
    }
    return sb == null ? raw : sb.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
