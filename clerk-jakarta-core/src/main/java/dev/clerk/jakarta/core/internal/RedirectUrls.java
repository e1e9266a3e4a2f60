package dev.clerk.jakarta.core.internal;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one place where this library turns a URL into a {@code Location} value and decides which
 * origin a redirect goes to: core's handshake and sign-in redirects and the servlet filter's
 * sign-in redirect all use it. Thread-safe (stateless).
 *
 * <ul>
 *   <li>{@link #ascii} makes a {@code Location} ASCII: non-ASCII characters in path, query and
 *       fragment are percent-encoded as UTF-8 ({@link URI#toASCIIString()}), an internationalised
 *       host becomes its punycode form. A header value with raw non-ASCII characters is sent
 *       differently by each container (Latin-1, UTF-8 or refused) and read differently by each
 *       browser;
 *   <li>{@link #origin(String)} reads the origin of a redirect target the way a browser would go
 *       there, and refuses anything whose destination is unclear (user info, no host, a scheme
 *       other than http(s), characters {@link URI} rejects such as {@code \});
 *   <li>{@link #configuredOrigin} validates one origin of configuration.
 * </ul>
 */
public final class RedirectUrls {
  private static final String HEX = "0123456789ABCDEF";

  private RedirectUrls() {}

  /**
   * {@return {@code url} as an ASCII {@code Location} value}
   *
   * @param url an absolute or relative URL, possibly with non-ASCII characters
   */
  public static String ascii(String url) {
    try {
      URI uri = new URI(url);
      String authority = uri.getRawAuthority();
      if (uri.getHost() == null && authority != null && !isAscii(authority)) {
        String idn = idnAuthority(authority);
        if (idn != null) {
          int start = url.indexOf(authority);
          uri = new URI(url.substring(0, start) + idn + url.substring(start + authority.length()));
        }
      }
      return uri.toASCIIString();
    } catch (URISyntaxException e) {
      return percentEncodeNonAscii(url);
    }
  }

  /**
   * {@return the origin a browser sent to {@code url} would be at, e.g. {@code
   * https://example.com:8443}; null when {@code url} is not an absolute http(s) URL with a host,
   * has user info, or a port outside 1–65535} Scheme and host are lower-cased and a default port is
   * left out, so that two spellings of one origin compare equal; a host with non-ASCII characters
   * is refused (a browser would send its punycode form, which is compared as given).
   *
   * @param url the target, as received
   */
  public static @Nullable String origin(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme();
    if (uri.isOpaque()
        || scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return null;
    }
    if (uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getPort() == 0
        || uri.getPort() > 65535) {
      return null;
    }
    return origin(uri);
  }

  /**
   * {@return the origin of an absolute URI: lower-case scheme and host, default port left out}
   *
   * @param uri an absolute URI
   */
  public static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  /**
   * {@return the normalised origin of one configured value} e.g. {@code
   * HTTPS://Bücher.Example:443/} gives {@code https://xn--bcher-kva.example}.
   *
   * @param value {@code scheme://host[:port]}, optionally with one trailing {@code /}
   * @param what the setting's name, for the message
   * @throws IllegalArgumentException naming the setting when {@code value} is not such an origin
   */
  public static String configuredOrigin(String value, String what) {
    String v = value.trim();
    IllegalArgumentException bad =
        new IllegalArgumentException(
            what
                + " must be an origin scheme://host[:port] with scheme http or https and no path, query,"
                + " fragment or user info, got \""
                + v
                + "\"");
    int sep = v.indexOf("://");
    if (sep <= 0) {
      throw bad;
    }
    String scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
    String authority = v.substring(sep + 3);
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || authority.isEmpty()) {
      throw bad;
    }
    for (int i = 0; i < authority.length(); i++) {
      char c = authority.charAt(i);
      if (c <= 0x20 || c == 0x7f || "/?#@\\%".indexOf(c) >= 0) {
        throw bad;
      }
    }
    String idn = isAscii(authority) ? authority : idnAuthority(authority);
    if (idn == null) {
      throw bad;
    }
    String origin = origin(scheme + "://" + idn + "/");
    if (origin == null) {
      throw bad;
    }
    return origin;
  }

  /**
   * {@return {@code host[:port]} with the host in punycode, or null when it is not a valid name}
   */
  private static @Nullable String idnAuthority(String authority) {
    if (authority.indexOf('@') >= 0 || authority.startsWith("[")) {
      return null;
    }
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String port = colon < 0 ? "" : authority.substring(colon);
    try {
      return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT) + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Percent-encodes (UTF-8) every character that is not printable ASCII; the rest stays as it is.
   */
  private static String percentEncodeNonAscii(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x20 && c < 0x7f) {
        sb.append(c);
        continue;
      }
      int cp = s.codePointAt(i);
      if (Character.charCount(cp) == 2) {
        i++;
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        sb.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
      }
    }
    return sb.toString();
  }
}
